import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AuditLogOperation,
  EntityImages,
  EntityVulnerabilitySummary,
  EntityWorkloads,
  FleetSearchQuery,
  FleetSearchResult,
  FleetSummary,
  HarborAuditLogPage,
  HarborPlatformStatus,
  HarborProjectAvailability,
  MigrationStatusResponse,
  RegistryHealth,
  Severity,
  VulnerabilityPage,
  VulnerabilityTrend,
} from '@backstage-harbor/plugin-harbor-common';

/** Which page of an artifact's vulnerabilities to read, filtered on the server. @public */
export interface VulnerabilityQuery {
  /** The repository inside Harbor, with its project: `project/repository` (may be nested). */
  repository: string;
  /** The artifact's digest, `sha256:...`. */
  digest: string;
  /** Only these severities; all when absent or empty. */
  severities?: Severity[];
  /** Only vulnerabilities that have a fixed version. */
  fixable?: boolean;
  /** Free text matched against the CVE id, package and description. */
  q?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** Which page of an entity's audit trail to read. @public */
export interface AuditLogQuery {
  /** 1-based. */
  page?: number;
  /** At most 100. */
  pageSize?: number;
  /** Only pushes (`create`), pulls or deletes. */
  operation?: AuditLogOperation;
}

/** Options every call accepts. @public */
export interface HarborRequestOptions {
  /** Aborts the request, e.g. when the user changed a filter before it answered. */
  signal?: AbortSignal;
}

/**
 * The Harbor backend as the frontend sees it. Components never build URLs: they call this API.
 * @public
 */
export interface HarborApi {
  /** Whether the Harbor backend plugin answers for the signed-in user. */
  getBackendStatus(): Promise<{ status: 'ok' }>;

  /** Every artifact of every repository the entity names, with scan overviews. */
  getEntityImages(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<EntityImages>;

  /** The latest artifact of each repository the entity names, worst first, with its count of fixable criticals. */
  getVulnerabilitySummary(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<EntityVulnerabilitySummary>;

  /** One page of one artifact's vulnerabilities. */
  getArtifactVulnerabilities(
    entityRef: CompoundEntityRef,
    query: VulnerabilityQuery,
    options?: HarborRequestOptions,
  ): Promise<VulnerabilityPage>;

  /** The health of the Harbor instance serving the entity, with its projects' quotas. */
  getRegistryHealth(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<RegistryHealth>;

  /** The entity's vulnerability counts over time; the backend's default window when from/to are absent. */
  getVulnerabilityTrend(
    entityRef: CompoundEntityRef,
    range?: { from?: Date; to?: Date },
    options?: HarborRequestOptions,
  ): Promise<VulnerabilityTrend>;

  /** One page of the Harbor audit-log entries of the entity's repositories, newest first. */
  getAuditLogs(
    entityRef: CompoundEntityRef,
    query?: AuditLogQuery,
    options?: HarborRequestOptions,
  ): Promise<HarborAuditLogPage>;

  /**
   * The migration off the old docker-registry: per old repository, its tags against Harbor's, replication state
   * and the workloads still pulling it; `project` narrows it to one target project.
   */
  getMigrationStatus(
    query?: { project?: string },
    options?: HarborRequestOptions,
  ): Promise<MigrationStatusResponse>;

  /** The Harbor platform on Kubernetes, for the System naming its namespace; what is wrong first. */
  getPlatformStatus(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<HarborPlatformStatus>;

  /** The images the entity's pods run, resolved against Harbor; old-registry images first. */
  getEntityWorkloads(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<EntityWorkloads>;

  /**
   * Fleet security: every image of every Harbor instance (or one) with a CVE, package, severity or CVSS range, the
   * catalog entities and owners of each, and whether it runs. Needs `harbor.fleet.read`.
   */
  searchFleetVulnerabilities(
    query: FleetSearchQuery,
    options?: HarborRequestOptions,
  ): Promise<FleetSearchResult>;

  /** Fleet security: counts by severity, scan coverage and the most dangerous CVEs and artifacts per instance. */
  getFleetSummary(
    query?: { instance?: string },
    options?: HarborRequestOptions,
  ): Promise<FleetSummary>;

  /** Whether a name is valid for a new Harbor project and still free; on the default instance when absent. */
  getProjectAvailability(
    name: string,
    instance?: string,
    options?: HarborRequestOptions,
  ): Promise<HarborProjectAvailability>;
}

/** @public */
export const harborApiRef = createApiRef<HarborApi>({
  id: 'plugin.harbor.api',
});
