import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type HarborClient,
  type HarborInstanceConfig,
  type HarborScannerRegistration,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  HarborComponentHealth,
  HarborJobRun,
  HarborProjectQuota,
  RegistryHealth,
} from '@backstage-harbor/plugin-harbor-common';
import { garbageCollectionRun, replicationRun } from '../mapping/jobRuns';
import { readAuditLogForwarding } from './auditLogForwarding';
import { EntityRepository } from './EntityResolver';
import { Cached, CachedHarborReads } from './HarborCache';
import { isHarborUnavailable } from './harborErrors';
import type { InstanceConnections } from './InstanceConnections';

/** What one instance says about itself, cached per instance. */
interface InstanceHealth {
  status: 'healthy' | 'unhealthy';
  components: HarborComponentHealth[];
  version?: string;
  readOnly?: boolean;
  scanner?: RegistryHealth['scanner'];
  lastReplication?: HarborJobRun;
  lastGarbageCollection?: HarborJobRun;
  auditLogForwarding?: RegistryHealth['auditLogForwarding'];
}

function scannerView(
  scanner: HarborScannerRegistration | undefined,
): RegistryHealth['scanner'] {
  if (!scanner?.name) return undefined;
  return {
    name: scanner.name,
    vendor: scanner.vendor || undefined,
    version: scanner.version || undefined,
    healthy: scanner.health === 'healthy' && scanner.disabled !== true,
  };
}

/**
 * `undefined`, logged at debug, for a part that cannot be read for any reason: the configured account may not read
 * it (401, 403), Harbor lacks it (404), or the call failed. Harbor being down shows in `/health`, read apart.
 */
async function optional<T>(
  logger: LoggerService,
  what: string,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    logger.debug(`Registry health: ${what} left out: ${error}`);
    return undefined;
  }
}

/**
 * Registry health for an entity: the health of the Harbor instance that serves it, its version and read-only
 * mode, the default scanner, the last replication and GC runs (system-level reads that a robot may be denied: left
 * out then), the audit-log forwarding, and the storage quota of the entity's projects on that instance.
 */
export class RegistryHealthService {
  static create(
    options: CachedHarborReads & { connections: InstanceConnections },
  ): RegistryHealthService {
    return new RegistryHealthService(options);
  }

  constructor(
    private readonly options: CachedHarborReads & {
      connections: InstanceConnections;
    },
  ) {}

  /**
   * The health of the entity's instance, with the quotas of the entity's projects on it. Never fails because
   * Harbor is down: that is `status: 'unreachable'`.
   */
  async getHealth(
    instance: HarborInstanceConfig,
    repositories: EntityRepository[],
  ): Promise<RegistryHealth> {
    const connection = await this.options.connections.connection(
      instance.name,
      { settled: true },
    );
    if (connection.state === 'credentials-rejected') {
      // Nothing else of the instance is shown: what it answers anonymous callers is not what the backend reads.
      return {
        instance: instance.name,
        harborUrl: instance.uiUrl,
        status: 'credentials-rejected',
        connection,
        components: [],
        quotas: [],
        stale: false,
        fetchedAt: new Date().toISOString(),
      };
    }
    return { ...(await this.#health(instance, repositories)), connection };
  }

  async #health(
    instance: HarborInstanceConfig,
    repositories: EntityRepository[],
  ): Promise<RegistryHealth> {
    const projects = [
      ...new Set(
        repositories
          .filter(r => r.instance.name === instance.name)
          .map(r => r.project),
      ),
    ];
    const [health, ...quotas] = await Promise.all([
      this.#instanceHealth(instance),
      ...projects.map(project => this.#quota(instance, project)),
    ]);
    const fetchedAt = [health?.fetchedAt, ...quotas.map(q => q?.fetchedAt)]
      .filter((t): t is string => t !== undefined)
      .sort()[0];
    const base = {
      instance: instance.name,
      harborUrl: instance.uiUrl,
      quotas: quotas
        .map(q => q?.value)
        .filter((q): q is HarborProjectQuota => q !== undefined),
      fetchedAt: fetchedAt ?? new Date().toISOString(),
    };
    if (!health || health.stale) {
      return {
        ...base,
        ...(health?.value ?? { components: [] }),
        status: 'unreachable',
        stale: health !== undefined || quotas.some(q => q?.stale),
      };
    }
    return {
      ...base,
      ...health.value,
      stale: quotas.some(q => q?.stale),
    };
  }

  async #instanceHealth(
    instance: HarborInstanceConfig,
  ): Promise<Cached<InstanceHealth> | undefined> {
    try {
      return await this.options.cache.get(
        `health:v1:${instance.name}`,
        this.options.ttlMs,
        () => this.#fetchInstanceHealth(instance),
        instance.name,
      );
    } catch (error) {
      if (isHarborUnavailable(error)) {
        // Debug only: the instance's state change is logged once, by InstanceConnections.
        this.options.logger.debug(
          `Harbor instance '${instance.name}' is unreachable: ${error}`,
        );
        return undefined;
      }
      throw error;
    }
  }

  async #fetchInstanceHealth(
    instance: HarborInstanceConfig,
  ): Promise<InstanceHealth> {
    const client = this.options.clients.forInstance(instance.name);
    const log = this.options.logger;
    const [
      health,
      info,
      scanner,
      lastReplication,
      lastGarbageCollection,
      auditLogForwarding,
    ] = await Promise.all([
      // `/health` answers 200 whatever the components say (harbor#16406): the body is what counts.
      client.system.health(),
      optional(log, 'systeminfo', () => client.system.info()),
      optional(log, 'scanners', () => this.#defaultScanner(client)),
      optional(log, 'replication executions', () =>
        this.#lastReplication(client),
      ),
      optional(log, 'gc history', async () => {
        const run = await client.system.latestGcRun();
        return run && garbageCollectionRun(run);
      }),
      readAuditLogForwarding(client),
    ]);
    const components: HarborComponentHealth[] = (health.components ?? []).map(
      c => ({
        name: c.name ?? 'unknown',
        status: c.status === 'healthy' ? 'healthy' : 'unhealthy',
        error: c.error || undefined,
      }),
    );
    return {
      status:
        health.status === 'healthy' &&
        components.every(c => c.status === 'healthy')
          ? 'healthy'
          : 'unhealthy',
      components,
      version: info?.harbor_version ?? undefined,
      readOnly: info?.read_only ?? undefined,
      scanner,
      lastReplication,
      lastGarbageCollection,
      auditLogForwarding,
    };
  }

  async #defaultScanner(client: HarborClient) {
    const scanners = await client.system.scanners();
    return scannerView(scanners.find(s => s.is_default) ?? scanners[0]);
  }

  async #lastReplication(
    client: HarborClient,
  ): Promise<HarborJobRun | undefined> {
    const last = await client.replication.latestExecution();
    if (!last) return undefined;
    const policy =
      last.policy_id === undefined
        ? undefined
        : await optional(this.options.logger, 'replication policy', () =>
            client.replication.getPolicy(last.policy_id!),
          );
    return replicationRun(last, policy?.name);
  }

  async #quota(
    instance: HarborInstanceConfig,
    project: string,
  ): Promise<Cached<HarborProjectQuota> | undefined> {
    try {
      return await this.options.cache.get(
        `quota:v1:${instance.name}|${project}`,
        this.options.ttlMs,
        async () => {
          const summary = await this.options.clients
            .forInstance(instance.name)
            .projects.summary(project);
          const storage = (v: unknown) =>
            typeof v === 'number' && Number.isFinite(v) ? v : undefined;
          return {
            project,
            used: storage(summary.quota?.used?.storage) ?? 0,
            limit: storage(summary.quota?.hard?.storage) ?? -1,
          };
        },
      );
    } catch (error) {
      if (isHarborUnavailable(error) || isHarborNotFound(error)) {
        this.options.logger.debug(
          `Quota of ${project} on '${instance.name}' left out: ${error}`,
        );
        return undefined;
      }
      throw error;
    }
  }
}
