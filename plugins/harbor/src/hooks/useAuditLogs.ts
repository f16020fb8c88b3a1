import type { HarborAuditLogPage } from '@backstage-harbor/plugin-harbor-common';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { AuditLogQuery } from '../api';
import { useHarborRequest, type HarborRequestState } from './useHarborRequest';

/** One page of the entity's Harbor audit trail; a new request whenever the page or filter changes. @public */
export function useAuditLogs(
  entity: Entity | undefined,
  query: AuditLogQuery,
): HarborRequestState<HarborAuditLogPage> {
  const key = entity
    ? `${stringifyEntityRef(entity)}|${query.page ?? 1}|${
        query.pageSize ?? ''
      }|${query.operation ?? ''}`
    : undefined;
  return useHarborRequest(key, (api, signal) =>
    api.getAuditLogs(getCompoundEntityRef(entity!), query, { signal }),
  );
}
