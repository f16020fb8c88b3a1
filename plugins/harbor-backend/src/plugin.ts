import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import express from 'express';
import {
  harborPermissions,
  harborProjectPermissions,
} from '@backstage-harbor/plugin-harbor-common';
import {
  harborClientsServiceRef,
  harborClusterServiceRef,
  harborProjectPermissionResourceRef,
  harborProjectPermissionRules,
} from '@backstage-harbor/plugin-harbor-node';
import { createClusterServices, createHarborServices } from './harborServices';
import { readHarborBackendOptions } from './options';
import { createFleet, createFleetRouter } from './fleet/fleetRouter';
import { createClusterRouter } from './service/clusterRouter';
import { HarborCache } from './service/HarborCache';
import { logHarborFailures, mapHarborRefusals } from './service/harborErrors';
import {
  createInstancesRouter,
  harborDeadline,
} from './service/instancesRouter';
import { createRouter } from './service/router';

/** The id of the scheduled task that snapshots vulnerability counts for the trend. */
export const TREND_SNAPSHOT_TASK_ID = 'harbor-trend-snapshot';

/**
 * The Harbor backend plugin: Harbor data scoped to catalog entities, behind the permission framework, and the
 * harbor-project permission resources (projects with their recorded owner).
 * @public
 */
export const harborPlugin = createBackendPlugin({
  pluginId: 'harbor',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        clients: harborClientsServiceRef,
        cluster: harborClusterServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const { httpAuth, httpRouter, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(harborPermissions);
        const options = readHarborBackendOptions(deps.config);
        const cache = HarborCache.create({
          cache: deps.cache,
          logger: deps.logger,
          staleTtlMs: options.cache.staleTtlMs,
        });
        const services = await createHarborServices(deps, options, cache);
        // The credential checks start now, not awaited: a Harbor that is down must not hold up the backend.
        services.connections.start();
        deps.lifecycle.addShutdownHook(() => services.connections.stop());
        deps.permissionsRegistry.addResourceType({
          resourceRef: harborProjectPermissionResourceRef,
          permissions: harborProjectPermissions,
          rules: Object.values(harborProjectPermissionRules),
          getResources: refs => services.projectResources.getResources(refs),
        });

        await scheduler.scheduleTask({
          id: TREND_SNAPSHOT_TASK_ID,
          ...options.trends.schedule,
          fn: signal => services.trends.snapshot(signal),
        });

        const routes = express.Router();
        routes.use(harborDeadline(options.requestDeadlineMs));
        routes.use(await createRouter({ httpAuth, ...services }));
        routes.use(createInstancesRouter({ httpAuth, ...services }));
        routes.use(
          await createClusterRouter({
            httpAuth,
            resolver: services.resolver,
            ...createClusterServices(deps, cache),
          }),
        );
        // The fleet security view (issue #22): every instance's CVEs joined with the catalog and the cluster.
        const { fleet } = await createFleet(
          deps,
          cache,
          options.cache.imagesTtlMs,
        );
        routes.use(
          createFleetRouter({ httpAuth, permissions: deps.permissions, fleet }),
        );
        routes.use(mapHarborRefusals());
        routes.use(logHarborFailures(deps.logger));
        httpRouter.use(routes);
      },
    });
  },
});
