import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { harborPermissions } from '@backstage-harbor/plugin-harbor-common';
import { createRouter } from './service/router';

/**
 * The Harbor backend plugin: Harbor data scoped to catalog entities, behind the permission framework.
 * @public
 */
export const harborPlugin = createBackendPlugin({
  pluginId: 'harbor',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, logger, permissionsRegistry }) {
        permissionsRegistry.addPermissions(harborPermissions);
        httpRouter.use(await createRouter({ logger }));
      },
    });
  },
});
