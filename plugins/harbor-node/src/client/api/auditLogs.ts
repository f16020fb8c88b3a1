import type { HarborCore } from '../core';
import { HARBOR_MAX_PAGE_SIZE, totalCount } from '../pagination';
import type { HarborAuditLogExt } from '../types';

/** One page of a Harbor list with its `X-Total-Count`. @public */
export interface HarborListPage<T> {
  items: T[];
  /** `X-Total-Count`; the number of items when Harbor omits it. */
  total: number;
}

/** @public */
export interface HarborAuditLogQuery {
  /** 1-based. Default 1. */
  page?: number;
  /** At most 100 (Harbor's limit). Default 10. */
  pageSize?: number;
  /** Harbor's `q`, e.g. `operation=pull,resource=~team-a/web`. */
  q?: string;
  /** Default `-op_time`, newest first. */
  sort?: string;
}

/**
 * Harbor's audit log (`auditlog-exts`, the current API since 2.13).
 * @public
 */
export class HarborAuditLogsApi {
  readonly #core: HarborCore;

  /** @internal */
  constructor(core: HarborCore) {
    this.#core = core;
  }

  /**
   * One page of a project's audit log, `GET /projects/{project_name}/auditlog-exts` (the deprecated
   * `/projects/{project_name}/logs` only holds entries from before a 2.13 upgrade). Needs `log:list` in the
   * project.
   */
  async listByProject(
    projectName: string,
    query: HarborAuditLogQuery = {},
  ): Promise<HarborListPage<HarborAuditLogExt>> {
    const pageSize = Math.min(
      HARBOR_MAX_PAGE_SIZE,
      Math.max(1, query.pageSize ?? 10),
    );
    const { data, response } = await this.#core.request(
      'getLogExts',
      (api, init) =>
        api.GET('/projects/{project_name}/auditlog-exts', {
          ...init,
          params: {
            path: { project_name: projectName },
            query: {
              page: Math.max(1, query.page ?? 1),
              page_size: pageSize,
              sort: query.sort ?? '-op_time',
              ...(query.q ? { q: query.q } : {}),
            },
          },
        }),
    );
    const items = data ?? [];
    return { items, total: totalCount(response) ?? items.length };
  }
}
