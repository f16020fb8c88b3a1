import { createBackendModule } from '@backstage/backend-plugin-api';
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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(...createHarborActions());
      },
    });
  },
});
