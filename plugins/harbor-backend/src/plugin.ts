import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { harborPermissions } from '@backstage-harbor/plugin-harbor-common';
import { harborClientsServiceRef } from '@backstage-harbor/plugin-harbor-node';
import { readHarborBackendOptions } from './options';
import { AuditLogService } from './service/AuditLogService';
import { EntityImagesService } from './service/EntityImagesService';
import { EntityResolver } from './service/EntityResolver';
import { HarborCache } from './service/HarborCache';
import { ProjectAvailabilityService } from './service/ProjectAvailabilityService';
import { RegistryHealthService } from './service/RegistryHealthService';
import { TrendService } from './service/TrendService';
import { TrendStore } from './service/TrendStore';
import { VulnerabilityService } from './service/VulnerabilityService';
import { createRouter } from './service/router';
import { harborClusterServiceRef, readLegacyRegistryHosts } from './cluster';
import { PlatformStatusService } from './cluster/PlatformStatusService';
import { WorkloadsService } from './cluster/WorkloadsService';
import { createClusterRouter } from './service/clusterRouter';
import { MigrationService } from './migration/MigrationService';

/** The id of the scheduled task that snapshots vulnerability counts for the trend. */
export const TREND_SNAPSHOT_TASK_ID = 'harbor-trend-snapshot';

/**
 * The Harbor backend plugin: Harbor data scoped to catalog entities, behind the permission framework.
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
        harbor: harborClientsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        cluster: harborClusterServiceRef,
      },
      async init(deps) {
        const { logger, harbor: clients } = deps;
        const options = readHarborBackendOptions(deps.config);
        deps.permissionsRegistry.addPermissions(harborPermissions);

        const cache = HarborCache.create({
          cache: deps.cache,
          logger,
          staleTtlMs: options.cache.staleTtlMs,
        });
        const resolver = EntityResolver.create({
          catalog: deps.catalog,
          permissions: deps.permissions,
          clients,
        });
        const images = EntityImagesService.create({
          clients,
          cache,
          logger,
          ttlMs: options.cache.imagesTtlMs,
        });
        const vulnerabilities = VulnerabilityService.create({
          clients,
          cache,
          images,
          ttlMs: options.cache.vulnerabilitiesTtlMs,
        });
        const health = RegistryHealthService.create({
          clients,
          cache,
          logger,
          ttlMs: options.cache.healthTtlMs,
        });
        const trends = TrendService.create({
          auth: deps.auth,
          catalog: deps.catalog,
          resolver,
          images,
          store: await TrendStore.create({ database: deps.database }),
          logger,
          retentionMs: options.trends.retentionMs,
        });

        // The cluster views: Harbor's platform on Kubernetes and the images entities run.
        const legacyRegistryHosts = [
          ...new Set([
            ...readLegacyRegistryHosts(deps.config),
            ...(deps.cluster.legacyRegistryHosts ?? []).map(h =>
              h.toLowerCase(),
            ),
          ]),
        ];
        const platform = PlatformStatusService.create({
          cluster: deps.cluster.client,
          cache,
          logger,
          ttlMs: deps.cluster.cacheTtlMs,
        });
        const workloads = WorkloadsService.create({
          cluster: deps.cluster.client,
          clients,
          cache,
          logger,
          ttlMs: deps.cluster.cacheTtlMs,
          legacyRegistryHosts,
        });

        await deps.scheduler.scheduleTask({
          id: TREND_SNAPSHOT_TASK_ID,
          ...options.trends.schedule,
          fn: signal => trends.snapshot(signal),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            resolver,
            images,
            vulnerabilities,
            health,
            trends,
            projectAvailability: ProjectAvailabilityService.create({ clients }),
            auditLogs: AuditLogService.create({ clients, logger }),
            permissions: deps.permissions,
            migration: MigrationService.fromConfig(deps.config, {
              clients,
              cache,
              logger,
              ttlMs: options.cache.migrationTtlMs,
              pods: deps.cluster.client,
              legacyHosts: legacyRegistryHosts,
            }),
          }),
        );
        deps.httpRouter.use(
          await createClusterRouter({
            httpAuth: deps.httpAuth,
            resolver,
            platform,
            workloads,
          }),
        );
      },
    });
  },
});
