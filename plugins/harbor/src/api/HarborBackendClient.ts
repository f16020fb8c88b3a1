import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
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
  VulnerabilityPage,
  VulnerabilityTrend,
} from '@backstage-harbor/plugin-harbor-common';
import type {
  AuditLogQuery,
  HarborApi,
  HarborRequestOptions,
  VulnerabilityQuery,
} from './HarborApi';

/**
 * The path of an entity under the backend's `/entities` routes. Each segment is encoded on its own, since a name
 * may hold characters (`#`, `?`, `%`) that would otherwise change the route. Namespace and kind are
 * case-insensitive in the catalog and written in lower case, as in entity refs; the name keeps its case.
 */
export function entityPath(entityRef: CompoundEntityRef): string {
  const segments = [
    'entities',
    entityRef.namespace.toLocaleLowerCase('en-US'),
    entityRef.kind.toLocaleLowerCase('en-US'),
    entityRef.name,
  ];
  return segments.map(encodeURIComponent).join('/');
}

/** The query parameters of `GET /fleet/vulnerabilities`, as the backend reads them. */
export function fleetSearchParams(query: FleetSearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.instance) params.set('instance', query.instance);
  if (query.cveId) params.set('cveId', query.cveId);
  if (query.package) params.set('package', query.package);
  if (query.severity?.length) params.set('severity', query.severity.join(','));
  if (query.cvssMin !== undefined) params.set('cvssMin', String(query.cvssMin));
  if (query.cvssMax !== undefined) params.set('cvssMax', String(query.cvssMax));
  if (query.fixable !== undefined) params.set('fixable', String(query.fixable));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params;
}

/**
 * {@link HarborApi} over the Harbor backend plugin, through Backstage's discovery and fetch APIs. Not to be
 * confused with plugin-harbor-node's `HarborClient`, which the backend uses to call Harbor itself.
 * @public
 */
export class HarborBackendClient implements HarborApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getBackendStatus(): Promise<{ status: 'ok' }> {
    return this.get('/health');
  }

  async getEntityImages(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<EntityImages> {
    return this.get(`/${entityPath(entityRef)}/images`, undefined, options);
  }

  async getVulnerabilitySummary(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<EntityVulnerabilitySummary> {
    return this.get(
      `/${entityPath(entityRef)}/vulnerability-summary`,
      undefined,
      options,
    );
  }

  async getArtifactVulnerabilities(
    entityRef: CompoundEntityRef,
    query: VulnerabilityQuery,
    options?: HarborRequestOptions,
  ): Promise<VulnerabilityPage> {
    const params = new URLSearchParams({
      repository: query.repository,
      digest: query.digest,
    });
    if (query.severities?.length) {
      params.set('severity', query.severities.join(','));
    }
    if (query.fixable) params.set('fixable', 'true');
    if (query.q?.trim()) params.set('q', query.q.trim());
    if (query.page !== undefined) params.set('page', String(query.page));
    if (query.pageSize !== undefined) {
      params.set('pageSize', String(query.pageSize));
    }
    return this.get(
      `/${entityPath(entityRef)}/vulnerabilities`,
      params,
      options,
    );
  }

  async getRegistryHealth(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<RegistryHealth> {
    return this.get(`/${entityPath(entityRef)}/health`, undefined, options);
  }

  async getPlatformStatus(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<HarborPlatformStatus> {
    return this.get(`/${entityPath(entityRef)}/platform`, undefined, options);
  }

  async getEntityWorkloads(
    entityRef: CompoundEntityRef,
    options?: HarborRequestOptions,
  ): Promise<EntityWorkloads> {
    return this.get(`/${entityPath(entityRef)}/workloads`, undefined, options);
  }

  async getVulnerabilityTrend(
    entityRef: CompoundEntityRef,
    range?: { from?: Date; to?: Date },
    options?: HarborRequestOptions,
  ): Promise<VulnerabilityTrend> {
    const params = new URLSearchParams();
    if (range?.from) params.set('from', range.from.toISOString());
    if (range?.to) params.set('to', range.to.toISOString());
    return this.get(`/${entityPath(entityRef)}/trend`, params, options);
  }

  async getAuditLogs(
    entityRef: CompoundEntityRef,
    query: AuditLogQuery = {},
    options?: HarborRequestOptions,
  ): Promise<HarborAuditLogPage> {
    const params = new URLSearchParams();
    if (query.page !== undefined) params.set('page', String(query.page));
    if (query.pageSize !== undefined) {
      params.set('pageSize', String(query.pageSize));
    }
    if (query.operation) params.set('operation', query.operation);
    return this.get(`/${entityPath(entityRef)}/audit-logs`, params, options);
  }

  async getMigrationStatus(
    query: { project?: string } = {},
    options?: HarborRequestOptions,
  ): Promise<MigrationStatusResponse> {
    const params = new URLSearchParams();
    if (query.project) params.set('project', query.project);
    return this.get('/migration/status', params, options);
  }

  async getProjectAvailability(
    name: string,
    instance?: string,
    options?: HarborRequestOptions,
  ): Promise<HarborProjectAvailability> {
    const params = new URLSearchParams();
    if (instance) params.set('instance', instance);
    return this.get(
      `/projects/${encodeURIComponent(name)}/availability`,
      params,
      options,
    );
  }

  async searchFleetVulnerabilities(
    query: FleetSearchQuery,
    options?: HarborRequestOptions,
  ): Promise<FleetSearchResult> {
    return this.get(
      '/fleet/vulnerabilities',
      fleetSearchParams(query),
      options,
    );
  }

  async getFleetSummary(
    query?: { instance?: string },
    options?: HarborRequestOptions,
  ): Promise<FleetSummary> {
    const params = new URLSearchParams();
    if (query?.instance) params.set('instance', query.instance);
    return this.get('/fleet/summary', params, options);
  }

  private async get<T>(
    path: string,
    params?: URLSearchParams,
    options?: HarborRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('harbor');
    const query = params?.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
      { signal: options?.signal },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
