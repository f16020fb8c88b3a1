import type { Config } from '@backstage/config';
import {
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import type {
  MigrationRepositoryStatus,
  MigrationStatus,
  MigrationStatusResponse,
  MigrationWorkloadScan,
} from '@backstage-harbor/plugin-harbor-common';
import {
  HarborClient,
  HarborReplicationExecution,
  MappingRule,
  NO_SOURCE_REGISTRY_MESSAGE,
  SOURCE_REGISTRY_CONFIG_KEY,
  SourceRegistryConfig,
  compareTags,
  getHarborApiError,
  oldRegistryHosts,
  planMigration,
  policyName,
  readHarborTags,
  readMigrationRegistryName,
  readMigrationRules,
  readOptionalSourceRegistry,
  sourceRegistryClient,
} from '@backstage-harbor/plugin-harbor-node';
import pLimit from 'p-limit';
import type { CachedHarborReads } from '../service/HarborCache';
import { harborUnavailable } from '../service/harborErrors';
import { assertCredentialsAccepted } from '../service/settledConnection';
import { replicationView } from './replicationState';
import { repositoryState } from './repositoryState';
import { OldRegistryWorkload, PodLister, workloadsOnHosts } from './workloads';

/** Harbor repositories read at once; the old registry has its own cap (`maxConcurrency`). */
const HARBOR_CONCURRENCY = 4;

type Status = Omit<MigrationStatus, 'fetchedAt' | 'stale'>;

/** What the migration status is read with. */
interface MigrationServiceDeps extends CachedHarborReads {
  pods?: PodLister;
  /** Further hosts that name the old registry in image references (`harbor.cluster.legacyRegistryHosts`). */
  legacyHosts?: string[];
}

/** The old registry's repositories with the digests of their tags; a 503 when it cannot be read. */
async function readInventory(source: SourceRegistryConfig, origin: string) {
  try {
    return await sourceRegistryClient(source).inventory({ digests: true });
  } catch (error) {
    // The registry client's messages name the host and path, never the configured credentials.
    const reason = isError(error) ? error.message : String(error);
    throw new ServiceUnavailableError(
      `The old registry at ${origin} (${SOURCE_REGISTRY_CONFIG_KEY}) cannot be read: ${reason}`,
    );
  }
}

/** The replication policies with these names and the last execution of each, by policy name. */
async function readReplication(harbor: HarborClient, names: string[]) {
  const policies = (await harbor.replication.listPolicies()).filter(p =>
    names.includes(p.name ?? ''),
  );
  // One request of one item per policy, however many executions a scheduled policy has piled up.
  const lastByPolicy = new Map<
    number,
    HarborReplicationExecution | undefined
  >();
  await Promise.all(
    policies.map(async p => {
      if (!p.id) return;
      lastByPolicy.set(
        p.id,
        await harbor.replication.latestExecution({ policy_id: p.id }),
      );
    }),
  );
  return (name: string) => {
    const policy = policies.find(p => p.name === name);
    return {
      policyName: name,
      policy,
      last: policy?.id ? lastByPolicy.get(policy.id) : undefined,
    };
  };
}

/**
 * The migration off the old docker-registry as the migration page shows it: per repository of the old registry
 * (Registry v2 inventory with digests), the Harbor repository the configured rules map it to, its tags on both
 * sides, the replication policy the `harbor:migration:*` actions created for its project with its last execution,
 * and the pods still pulling it. One answer for the whole registry, cached for `ttlMs` under a key made of
 * configured names only; `?project=` filters that answer.
 */
export class MigrationService {
  static fromConfig(
    config: Config,
    deps: MigrationServiceDeps,
  ): MigrationService {
    return new MigrationService({
      ...deps,
      source: readOptionalSourceRegistry(config),
      rules: readMigrationRules(config),
      registryName: readMigrationRegistryName(config),
    });
  }

  constructor(
    private readonly options: MigrationServiceDeps & {
      source?: SourceRegistryConfig;
      rules?: MappingRule[];
      registryName: string;
    },
  ) {}

  async getStatus(project?: string): Promise<MigrationStatusResponse> {
    const { source, rules, clients, cache, ttlMs } = this.options;
    if (!source) {
      return { configured: false, message: NO_SOURCE_REGISTRY_MESSAGE };
    }
    if (
      project !== undefined &&
      rules &&
      !rules.some(r => r.project === project)
    ) {
      throw new NotFoundError(
        `No rule of harbor.migration.rules maps repositories to the Harbor project ${project}`,
      );
    }
    const instance = clients.instances.default;
    let cached;
    try {
      await assertCredentialsAccepted(clients, instance.name);
      cached = await cache.get(`migration:v1:${instance.name}`, ttlMs, () =>
        this.#read(source, clients.forInstance(instance.name), instance),
      );
    } catch (error) {
      // A Harbor failure is Harbor's, not the caller's: 503 naming the instance (never its credentials).
      if (getHarborApiError(error))
        throw harborUnavailable(instance.name, error);
      throw error;
    }
    const status = {
      ...cached.value,
      fetchedAt: cached.fetchedAt,
      stale: cached.stale,
    };
    return project === undefined ? status : onlyProject(status, project);
  }

  async #read(
    source: SourceRegistryConfig,
    harbor: HarborClient,
    instance: { name: string; uiUrl: string },
  ): Promise<Status> {
    const { rules, registryName, logger } = this.options;
    const origin = new URL(source.url).origin;
    const inventory = await readInventory(source, origin);
    const plan = rules
      ? planMigration(inventory.repositories, rules)
      : {
          repositories: [],
          projects: [],
          unmapped: inventory.repositories.map(r => r.name),
        };
    const byName = new Map(inventory.repositories.map(r => [r.name, r]));
    const replicationOf = await readReplication(
      harbor,
      plan.projects.map(p => policyName(registryName, p.project)),
    );
    const workloads = await this.#workloads(source);
    const limit = pLimit(HARBOR_CONCURRENCY);
    const repositories = await Promise.all(
      plan.repositories.map(planned =>
        limit(async (): Promise<MigrationRepositoryStatus> => {
          const inHarbor = await readHarborTags(
            harbor,
            planned.project,
            planned.target,
          );
          const tags = compareTags(byName.get(planned.source), inHarbor);
          return {
            source: planned.source,
            project: planned.project,
            repository: planned.repository,
            target: planned.target,
            state: repositoryState(tags),
            tags,
            matchingTags: tags.filter(t => t.state === 'matching').length,
            replication: replicationView({
              ...replicationOf(policyName(registryName, planned.project)),
              source: planned.source,
              uiUrl: instance.uiUrl,
            }),
            workloads: workloads.found
              .filter(w => w.source === planned.source)
              .map(withoutSource),
          };
        }),
      ),
    );
    const mapped = new Set(plan.repositories.map(r => r.source));
    const scan: MigrationWorkloadScan = {
      ...workloads.scan,
      unmatched: workloads.found
        .filter(w => !mapped.has(w.source))
        .map(withoutSource),
    };
    logger.debug(
      `Migration status: ${repositories.length} mapped repositories of ${origin}, ${inventory.requests} registry requests, ${workloads.found.length} workloads on it`,
    );
    return summarise({
      configured: true,
      registry: origin,
      instance: instance.name,
      registryName,
      rulesConfigured: rules !== undefined,
      repositories,
      unmapped: plan.unmapped,
      workloads: scan,
    });
  }

  /** Pods pulling from the old registry; a cluster failure is reported in the answer, not thrown. */
  async #workloads(source: SourceRegistryConfig): Promise<{
    found: OldRegistryWorkload[];
    scan: Omit<MigrationWorkloadScan, 'unmatched'>;
  }> {
    const { pods, logger, legacyHosts = [] } = this.options;
    if (!pods) {
      return {
        found: [],
        scan: {
          state: 'not-configured',
          pods: 0,
          message:
            'No cluster is configured for the Harbor backend: workloads still pulling from the old registry are not checked',
        },
      };
    }
    try {
      const list = await pods.listPods({});
      return {
        found: workloadsOnHosts(list, oldRegistryHosts(source, legacyHosts)),
        scan: { state: 'checked', pods: list.length },
      };
    } catch (error) {
      const reason = isError(error) ? error.message : String(error);
      logger.warn(
        `Migration status: the cluster's pods cannot be read: ${reason}`,
      );
      return {
        found: [],
        scan: {
          state: 'unavailable',
          pods: 0,
          message: `The cluster's pods cannot be read: ${reason}`,
        },
      };
    }
  }
}

function withoutSource({ source: _, ...workload }: OldRegistryWorkload) {
  return workload;
}

/** Counts, and whether the old registry can go: everything mapped and migrated, and no pod on it (checked). */
function summarise(status: Omit<Status, 'summary'>): Status {
  const migrated = status.repositories.filter(
    r => r.state === 'migrated',
  ).length;
  const workloadsOnOldRegistry =
    status.repositories.reduce((n, r) => n + r.workloads.length, 0) +
    status.workloads.unmatched.length;
  return {
    ...status,
    summary: {
      repositories: status.repositories.length,
      migrated,
      workloadsOnOldRegistry,
      canRetire:
        migrated === status.repositories.length &&
        status.unmapped.length === 0 &&
        workloadsOnOldRegistry === 0 &&
        status.workloads.state === 'checked',
    },
  };
}

/** The answer for one target project: its repositories only, counted alone. */
function onlyProject(
  status: MigrationStatus,
  project: string,
): MigrationStatus {
  const { fetchedAt, stale, summary: _, ...rest } = status;
  return {
    ...summarise({
      ...rest,
      repositories: rest.repositories.filter(r => r.project === project),
      unmapped: [],
      workloads: { ...rest.workloads, unmatched: [] },
    }),
    fetchedAt,
    stale,
  };
}
