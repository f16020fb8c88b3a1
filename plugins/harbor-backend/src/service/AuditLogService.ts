import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  HARBOR_MAX_PAGE_SIZE,
  HarborAuditLogExt,
  HarborClients,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import {
  HARBOR_ERROR_NAMES,
  type AuditLogOperation,
  type HarborAuditLogEntry,
  type HarborAuditLogPage,
  type RepositoryDataStatus,
} from '@backstage-harbor/plugin-harbor-common';
import {
  isResourceOfRepository,
  toAuditLogEntry,
} from '../mapping/supplyChain';
import { EntityRepository } from './EntityResolver';
import {
  HarborInstanceError,
  failedStatus,
  harborUnavailable,
  isHarborUnavailable,
} from './harborErrors';

/** The repositories whose trail Harbor could not serve, with why; any other failure is the caller's error. */
function unreadable(
  repositories: EntityRepository[],
  settled: PromiseSettledResult<unknown>[],
): RepositoryDataStatus[] {
  return settled.flatMap((result, i) => {
    if (result.status === 'fulfilled') return [];
    if (!(result.reason instanceof HarborInstanceError)) throw result.reason;
    const { instance, project, repository } = repositories[i];
    return [
      {
        instance: instance.name,
        project,
        repository,
        status: failedStatus(
          instance.name,
          result.reason,
          result.reason.lastReachableAt,
        ),
      },
    ];
  });
}

/** The failure to answer with when no repository could be read: rejected credentials first. */
function firstFailure(settled: PromiseSettledResult<unknown>[]): unknown {
  const reasons = settled.flatMap(r =>
    r.status === 'rejected' ? [r.reason] : [],
  );
  return (
    reasons.find(
      r => (r as Error).name === HARBOR_ERROR_NAMES.credentialsRejected,
    ) ?? reasons[0]
  );
}

/** How far back a page may reach: page × pageSize entries, read from every repository of the entity. */
export const AUDIT_LOG_MAX_DEPTH = 1000;

export interface AuditLogQuery {
  page: number;
  pageSize: number;
  operation?: AuditLogOperation;
}

/**
 * The audit trail of an entity: the Harbor audit-log entries of its repositories, newest first, paged.
 * Each repository is one `q=resource=~<project>/<repository>` query on its project's log (`auditlog-exts`);
 * several repositories are merged by time. Harbor's `~` is a substring match, so entries of a sibling such as
 * `web-admin` are dropped here; `total` is Harbor's count and may include them. Not cached: an audit trail is
 * read when someone looks, and should be current.
 */
export class AuditLogService {
  static create(options: {
    clients: HarborClients;
    logger: LoggerService;
  }): AuditLogService {
    return new AuditLogService(options.clients, options.logger);
  }

  constructor(
    private readonly clients: HarborClients,
    private readonly logger: LoggerService,
  ) {}

  async getPage(
    repositories: EntityRepository[],
    query: AuditLogQuery,
  ): Promise<HarborAuditLogPage> {
    const depth = query.page * query.pageSize;
    if (depth > AUDIT_LOG_MAX_DEPTH) {
      throw new InputError(
        `Invalid query: the audit trail goes back ${AUDIT_LOG_MAX_DEPTH} entries at most (page × pageSize)`,
      );
    }
    const unique = [
      ...new Map(
        repositories.map(r => [
          `${r.instance.name}|${r.project}/${r.repository}`,
          r,
        ]),
      ).values(),
    ];
    if (unique.length === 1) {
      // One repository: Harbor pages for us.
      const { entries, total } = await this.#read(
        unique[0],
        query,
        query.page,
        query.pageSize,
      );
      return {
        items: entries,
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    }
    // Several: the newest `depth` of each, merged, then the page cut out of the merge. A repository whose
    // instance cannot serve us is left out with its status; only when none can is the answer a 503.
    const settled = await Promise.allSettled(
      unique.map(repo => this.#newest(repo, query, depth)),
    );
    const perRepository = settled.flatMap(r =>
      r.status === 'fulfilled' ? [r.value] : [],
    );
    const unavailable = unreadable(unique, settled);
    if (perRepository.length === 0) throw firstFailure(settled);
    const merged = perRepository
      .flatMap(r => r.entries)
      .sort((a, b) => b.time.localeCompare(a.time) || b.id - a.id);
    return {
      items: merged.slice(depth - query.pageSize, depth),
      total: perRepository.reduce((sum, r) => sum + r.total, 0),
      page: query.page,
      pageSize: query.pageSize,
      unavailable,
    };
  }

  async #newest(repo: EntityRepository, query: AuditLogQuery, count: number) {
    const pageSize = Math.min(HARBOR_MAX_PAGE_SIZE, count);
    const entries: HarborAuditLogEntry[] = [];
    let total = 0;
    for (let page = 1; (page - 1) * pageSize < count; page++) {
      const read = await this.#read(repo, query, page, pageSize);
      entries.push(...read.entries);
      total = read.total;
      if (page * pageSize >= read.total) break;
    }
    return { entries, total };
  }

  async #read(
    repo: EntityRepository,
    query: AuditLogQuery,
    page: number,
    pageSize: number,
  ): Promise<{ entries: HarborAuditLogEntry[]; total: number }> {
    const fullName = `${repo.project}/${repo.repository}`;
    const q = [
      `resource=~${fullName}`,
      ...(query.operation ? [`operation=${query.operation}`] : []),
    ].join(',');
    let result: { items: HarborAuditLogExt[]; total: number };
    try {
      result = await this.clients
        .forInstance(repo.instance.name)
        .auditLogs.listByProject(repo.project, {
          page,
          pageSize,
          q,
          sort: '-op_time',
        });
    } catch (error) {
      // A project not (yet) created has no trail; Harbor refusing the configured account (no log:list) is 503.
      if (isHarborNotFound(error)) return { entries: [], total: 0 };
      if (isHarborUnavailable(error)) {
        const unavailable = harborUnavailable(repo.instance.name, error);
        // Debug only: the instance's state change is logged once, and the failed call by the routes' handler.
        this.logger.debug(`Audit logs of ${fullName}: ${unavailable.message}`);
        throw unavailable;
      }
      throw error;
    }
    return {
      entries: result.items
        .filter(l => isResourceOfRepository(l.resource ?? '', fullName))
        .map(l => toAuditLogEntry(l, repo.instance.name)),
      total: result.total,
    };
  }
}
