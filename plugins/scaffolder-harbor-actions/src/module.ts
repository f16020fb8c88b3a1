import {
  gitopsTargetsServiceRef,
  harborClientsServiceRef,
  HarborProjectAuthorizer,
  robotSecretStoresServiceRef,
} from '@backstage-harbor/plugin-harbor-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createHarborActions } from './actions';

/**
 * Registers the `harbor:*` scaffolder actions. Only wiring: the actions live in `actions/`, one per file.
 * @public
 */
export const scaffolderModuleHarbor = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'harbor',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        harbor: harborClientsServiceRef,
        config: coreServices.rootConfig,
        robotSecretStores: robotSecretStoresServiceRef,
        gitopsTargets: gitopsTargetsServiceRef,
        permissions: coreServices.permissions,
        userInfo: coreServices.userInfo,
      },
      async init({
        scaffolder,
        harbor,
        config,
        robotSecretStores,
        gitopsTargets,
        permissions,
        userInfo,
      }) {
        scaffolder.addActions(
          ...createHarborActions({
            clients: harbor,
            config,
            robotSecretStores,
            gitopsTargets,
            authorizer: HarborProjectAuthorizer.create({
              config,
              permissions,
              userInfo,
            }),
          }),
        );
      },
    });
  },
});
