import type {
  AuthService,
  CacheService,
  DatabaseService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HarborProjectAuthorizer,
  type HarborClients,
  type HarborCluster,
} from '@backstage-harbor/plugin-harbor-node';
import { readLegacyRegistryHosts } from './cluster/clusterConfig';
import { PlatformStatusService } from './cluster/PlatformStatusService';
import { WorkloadsService } from './cluster/WorkloadsService';
import { MigrationService } from './migration/MigrationService';
import type { HarborBackendOptions } from './options';
import { AuditLogService } from './service/AuditLogService';
import { EntityImagesService } from './service/EntityImagesService';
import { EntityResolver } from './service/EntityResolver';
import type { HarborCache } from './service/HarborCache';
import { HarborProjectResources } from './service/HarborProjectResources';
import { InstanceConnections } from './service/InstanceConnections';
import { ProjectAvailabilityService } from './service/ProjectAvailabilityService';
import { RegistryHealthService } from './service/RegistryHealthService';
import { TrendService } from './service/TrendService';
import { TrendStore } from './service/TrendStore';
import { VulnerabilityService } from './service/VulnerabilityService';
import { VulnerabilitySummaryService } from './service/VulnerabilitySummaryService';

/** What the plugin's services are built from: its dependencies, as `plugin.ts` receives them. */
export interface HarborServiceDeps {
  auth: AuthService;
  cache: CacheService;
  catalog: CatalogService;
  config: RootConfigService;
  database: DatabaseService;
  clients: HarborClients;
  cluster: HarborCluster;
  logger: LoggerService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
}

/**
 * The services of the Harbor data routes: entity images and scans, registry health, trends, audit logs,
 * project availability (with the projects as permission resources) and the migration status.
 */
export async function createHarborServices(
  deps: HarborServiceDeps,
  options: HarborBackendOptions,
  cache: HarborCache,
) {
  const { clients, logger } = deps;
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
  const trends = TrendService.create({
    auth: deps.auth,
    catalog: deps.catalog,
    resolver,
    images,
    store: await TrendStore.create({ database: deps.database }),
    logger,
    retentionMs: options.trends.retentionMs,
  });
  const projectResources = HarborProjectResources.create({ clients });
  const connections = InstanceConnections.create({
    clients,
    reachability: cache.reachability,
    logger,
  });
  return {
    resolver,
    images,
    vulnerabilities,
    summaries: VulnerabilitySummaryService.create({ images, vulnerabilities }),
    connections,
    health: RegistryHealthService.create({
      clients,
      cache,
      logger,
      ttlMs: options.cache.healthTtlMs,
      connections,
    }),
    trends,
    projectResources,
    projectAvailability: ProjectAvailabilityService.create({
      clients,
      resources: projectResources,
      authorizer: HarborProjectAuthorizer.create({
        config: deps.config,
        permissions: deps.permissions,
        userInfo: deps.userInfo,
      }),
    }),
    auditLogs: AuditLogService.create({ clients, logger }),
    permissions: deps.permissions,
    migration: MigrationService.fromConfig(deps.config, {
      clients,
      cache,
      logger,
      ttlMs: options.cache.migrationTtlMs,
      pods: deps.cluster.client,
      legacyHosts: legacyRegistryHosts(deps),
    }),
  };
}

/** The hosts of the old registry: the config's and the cluster's own (e.g. the demo cluster's). */
function legacyRegistryHosts(deps: HarborServiceDeps): string[] {
  return [
    ...new Set([
      ...readLegacyRegistryHosts(deps.config),
      ...(deps.cluster.legacyRegistryHosts ?? []).map(h => h.toLowerCase()),
    ]),
  ];
}

/** The cluster views: Harbor's platform on Kubernetes and the images entities run. */
export function createClusterServices(
  deps: HarborServiceDeps,
  cache: HarborCache,
) {
  const { cluster, clients, logger } = deps;
  return {
    platform: PlatformStatusService.create({
      cluster: cluster.client,
      cache,
      logger,
      ttlMs: cluster.cacheTtlMs,
    }),
    workloads: WorkloadsService.create({
      cluster: cluster.client,
      clients,
      cache,
      logger,
      ttlMs: cluster.cacheTtlMs,
      legacyRegistryHosts: legacyRegistryHosts(deps),
    }),
  };
}
