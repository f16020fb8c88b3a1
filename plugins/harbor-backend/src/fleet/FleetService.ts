import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  FleetInstanceSearch,
  FleetInstanceSummary,
  FleetSearchQuery,
  FleetSearchResult,
  FleetSource,
  FleetSummary,
  HarborDataStatus,
} from '@backstage-harbor/plugin-harbor-common';
import {
  ClusterClient,
  getHarborApiError,
  HarborClients,
  HarborInstanceConfig,
} from '@backstage-harbor/plugin-harbor-node';
import type { HarborCache } from '../service/HarborCache';
import { failedStatus, isHarborUnavailable } from '../service/harborErrors';
import { assertCredentialsAccepted } from '../service/settledConnection';
import {
  AssemblyContext,
  dangerousArtifactOf,
  groupHits,
  readVisibility,
  refsToCheck,
} from './fleetAssembly';
import type {
  InstanceHits,
  InstanceSummaryData,
  NormalizedFleetQuery,
} from './fleetTypes';
import {
  ListingBounds,
  ListingInventory,
  readListingInventory,
  searchInventory,
  summarizeInventory,
} from './listingSource';
import type { RepositoryEntityIndex } from './RepositoryEntityIndex';
import { readRunningDigests, RunningDigests } from './runningDigests';
import { readSecuritySummary, searchSecurityHub } from './securityHubSource';

/** How long an instance's answer to "has Security Hub?" is kept: it changes only with an upgrade. */
const SOURCE_TTL_MS = 60 * 60_000;

/** What the fleet service is built from. */
export interface FleetServiceOptions {
  clients: HarborClients;
  cache: HarborCache;
  catalog: CatalogService;
  index: RepositoryEntityIndex;
  logger: LoggerService;
  cluster?: ClusterClient;
  /** How long searches, summaries and the fallback's inventory stay fresh. */
  ttlMs: number;
  clusterTtlMs: number;
  listingBounds: ListingBounds;
}

interface SourceInfo {
  source: FleetSource;
  /** Why Security Hub is not used although the instance has it. */
  note?: string;
}

/**
 * The fleet security view: per configured Harbor instance, a vulnerability search and a summary read from
 * Security Hub where the instance has it and from a bounded walk of its listings where not, joined with the
 * catalog (entities by repository, their owners) and the cluster (whether the digest runs). Harbor answers are
 * cached per instance and query in Backstage's cache, the same for every caller; the join with what the caller
 * may read happens on every request.
 */
export class FleetService {
  constructor(private readonly options: FleetServiceOptions) {}

  /** The configured instances a request covers; an unknown name is the caller's 404 (NotFoundError). */
  instancesFor(name?: string): HarborInstanceConfig[] {
    const { instances } = this.options.clients;
    return name ? [instances.get(name)] : instances.list();
  }

  async search(
    query: NormalizedFleetQuery,
    instance: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<FleetSearchResult> {
    const instances = this.instancesFor(instance);
    await this.options.index.ensureBuilt();
    const running = await this.#running();
    const answers = await Promise.all(
      instances.map(i => this.#searchInstance(i, query, running, credentials)),
    );
    const echo: FleetSearchQuery = { ...query, instance };
    return {
      query: echo,
      instances: answers,
      generatedAt: new Date().toISOString(),
    };
  }

  async summary(
    instance: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<FleetSummary> {
    const instances = this.instancesFor(instance);
    await this.options.index.ensureBuilt();
    const answers = await Promise.all(
      instances.map(i => this.#summaryOfInstance(i, credentials)),
    );
    return { instances: answers, generatedAt: new Date().toISOString() };
  }

  async #searchInstance(
    instance: HarborInstanceConfig,
    query: NormalizedFleetQuery,
    running: AssemblyContext['running'],
    credentials: BackstageCredentials,
  ): Promise<FleetInstanceSearch> {
    let hits: InstanceHits;
    let info: SourceInfo;
    try {
      info = await this.#source(instance);
      hits = await this.#hits(instance, info.source, query);
    } catch (error) {
      return {
        instance: instance.name,
        source: 'security-hub',
        totalHits: 0,
        truncated: false,
        vulnerabilities: [],
        status: this.#failure(instance, error),
      };
    }
    const repositories = new Set(
      hits.hits.map(h => `${h.project}/${h.repository}`),
    );
    const ctx: AssemblyContext = {
      instance,
      index: this.options.index,
      running,
      visibility: await readVisibility(
        this.options.catalog,
        credentials,
        refsToCheck(this.options.index, instance.name, repositories),
      ),
    };
    return {
      instance: instance.name,
      source: hits.source,
      totalHits: hits.totalHits,
      truncated: hits.truncated,
      vulnerabilities: groupHits(ctx, hits.hits),
      status: info.note ? { state: 'fresh', message: info.note } : undefined,
    };
  }

  async #summaryOfInstance(
    instance: HarborInstanceConfig,
    credentials: BackstageCredentials,
  ): Promise<FleetInstanceSummary> {
    let data: InstanceSummaryData;
    try {
      const info = await this.#source(instance);
      data = await this.#summaryData(instance, info.source);
    } catch (error) {
      return emptySummary(instance.name, this.#failure(instance, error));
    }
    const repositories = data.dangerousArtifacts.map(
      a => `${a.project}/${a.repository}`,
    );
    const ctx: AssemblyContext = {
      instance,
      index: this.options.index,
      running: undefined,
      visibility: await readVisibility(
        this.options.catalog,
        credentials,
        refsToCheck(this.options.index, instance.name, repositories),
      ),
    };
    return {
      instance: instance.name,
      ...data,
      dangerousArtifacts: data.dangerousArtifacts.map(a =>
        dangerousArtifactOf(ctx, a),
      ),
    };
  }

  /** Security Hub when `/security/summary` answers; the listings when it is a 404 (before 2.9) or refused. */
  async #source(instance: HarborInstanceConfig): Promise<SourceInfo> {
    const { cache } = this.options;
    // Every fleet read starts here: nothing cached of an instance that rejects the credentials.
    await assertCredentialsAccepted(this.options.clients, instance.name);
    const client = this.options.clients.forInstance(instance.name);
    const { value } = await cache.get<SourceInfo>(
      `fleet:source:v1:${instance.name}`,
      SOURCE_TTL_MS,
      async () => {
        try {
          const summary = await readSecuritySummary(client, false);
          return { source: summary ? 'security-hub' : 'listing' };
        } catch (error) {
          if (getHarborApiError(error)?.status !== 403) throw error;
          return {
            source: 'listing',
            note: `Harbor instance '${instance.name}' refuses Security Hub to the backend's account (it needs the system permission security-hub read and list); answered from the project listings`,
          };
        }
      },
      instance.name,
    );
    return value;
  }

  async #hits(
    instance: HarborInstanceConfig,
    source: FleetSource,
    query: NormalizedFleetQuery,
  ): Promise<InstanceHits> {
    const { cache, ttlMs } = this.options;
    if (source === 'listing') {
      return searchInventory(await this.#inventory(instance), query);
    }
    const client = this.options.clients.forInstance(instance.name);
    // The query is validated and normalised (fixed key order, bounded values) before it becomes a key.
    // Kept in this process too (frozen): a warm search neither reads the cache store nor parses the hits again.
    const { value } = await cache.getShared(
      `fleet:search:v1:${instance.name}:${JSON.stringify(query)}`,
      ttlMs,
      () => searchSecurityHub(client, query),
      instance.name,
    );
    return value;
  }

  async #summaryData(
    instance: HarborInstanceConfig,
    source: FleetSource,
  ): Promise<InstanceSummaryData> {
    if (source === 'listing') {
      return summarizeInventory(await this.#inventory(instance));
    }
    const client = this.options.clients.forInstance(instance.name);
    const { value } = await this.options.cache.get(
      `fleet:summary:v1:${instance.name}`,
      this.options.ttlMs,
      async () => (await readSecuritySummary(client, true))!,
      instance.name,
    );
    return value;
  }

  async #inventory(instance: HarborInstanceConfig): Promise<ListingInventory> {
    const client = this.options.clients.forInstance(instance.name);
    const { value } = await this.options.cache.getShared(
      `fleet:inventory:v1:${instance.name}`,
      this.options.ttlMs,
      () => readListingInventory(client, this.options.listingBounds),
      instance.name,
    );
    return value;
  }

  async #running(): Promise<AssemblyContext['running']> {
    const { cluster, cache, clusterTtlMs } = this.options;
    if (!cluster) return undefined;
    try {
      const { value } = await cache.get<RunningDigests>(
        'fleet:running:v1',
        clusterTtlMs,
        () => readRunningDigests(cluster),
      );
      return value;
    } catch (error) {
      this.options.logger.warn(
        `Fleet view could not read the cluster's pods: ${error}`,
      );
      return { error: `the pods of cluster ${cluster.name} could not be read` };
    }
  }

  #failure(instance: HarborInstanceConfig, error: unknown): HarborDataStatus {
    if (!isHarborUnavailable(error)) {
      this.options.logger.warn(
        `Fleet view: Harbor instance '${instance.name}' failed: ${
          (error as Error).message
        }`,
      );
      return {
        state: 'unreachable',
        message: `Harbor instance '${instance.name}' could not answer the fleet view`,
      };
    }
    return failedStatus(instance.name, error);
  }
}

function emptySummary(
  instance: string,
  status: HarborDataStatus,
): FleetInstanceSummary {
  return {
    instance,
    source: 'security-hub',
    counts: {
      Critical: 0,
      High: 0,
      Medium: 0,
      Low: 0,
      Negligible: 0,
      Unknown: 0,
      None: 0,
    },
    totalVulnerabilities: 0,
    fixableVulnerabilities: 0,
    scannedArtifacts: 0,
    totalArtifacts: 0,
    dangerousCves: [],
    dangerousArtifacts: [],
    truncated: false,
    status,
  };
}
