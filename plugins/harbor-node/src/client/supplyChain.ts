import type { components } from '../generated/harbor';
import { repositoryPathParam } from './encoding';
import type { HarborClient } from './HarborClient';
import {
  HARBOR_MAX_PAGE_SIZE,
  HarborPage,
  listAll,
  totalCount,
} from './pagination';

/** A signature or SBOM attached to an artifact (`type` e.g. `signature.cosign`, `harbor.sbom`). @public */
export type HarborAccessory = components['schemas']['Accessory'];
/** An entry of the current audit-log API (`/auditlog-exts`, Harbor 2.13+). @public */
export type HarborAuditLogExt = components['schemas']['AuditLogExt'];
/** The system configuration as `GET /configurations` answers it (admins only). @public */
export type HarborConfigurations =
  components['schemas']['ConfigurationsResponse'];

/** Harbor's accessory types (src/pkg/accessory/model). @public */
export const HARBOR_ACCESSORY_TYPES = {
  cosignSignature: 'signature.cosign',
  notationSignature: 'signature.notation',
  harborSbom: 'harbor.sbom',
} as const;

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
 * Every accessory (signatures, SBOMs) of one artifact: `GET …/artifacts/{reference}/accessories`, paged with
 * `X-Total-Count`. Needs `accessory:list` in the project.
 * @public
 */
export async function listAccessories(
  client: HarborClient,
  projectName: string,
  repositoryName: string,
  reference: string,
): Promise<HarborAccessory[]> {
  return listAll<HarborAccessory>(
    async (page, pageSize): Promise<HarborPage<HarborAccessory>> => {
      const { data, response } = await client.request(
        'listAccessories',
        (api, init) =>
          api.GET(
            '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/accessories',
            {
              ...init,
              params: {
                path: {
                  project_name: projectName,
                  repository_name: repositoryPathParam(
                    projectName,
                    repositoryName,
                  ),
                  reference,
                },
                query: { page, page_size: pageSize },
              },
            },
          ),
      );
      return { items: data ?? [], response };
    },
  );
}

/**
 * One page of a project's audit log, `GET /projects/{project_name}/auditlog-exts` (the current API; the
 * deprecated `/projects/{project_name}/logs` only holds entries from before a 2.13 upgrade). Needs `log:list`
 * in the project.
 * @public
 */
export async function listProjectAuditLogs(
  client: HarborClient,
  projectName: string,
  query: HarborAuditLogQuery = {},
): Promise<HarborListPage<HarborAuditLogExt>> {
  const pageSize = Math.min(
    HARBOR_MAX_PAGE_SIZE,
    Math.max(1, query.pageSize ?? 10),
  );
  const { data, response } = await client.request('getLogExts', (api, init) =>
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

/** `GET /configurations`: sysadmins (or system robots allowed `configuration:read`) only. @public */
export async function getConfigurations(
  client: HarborClient,
): Promise<HarborConfigurations> {
  const { data } = await client.request('getConfigurations', (api, init) =>
    api.GET('/configurations', init),
  );
  return data ?? {};
}
