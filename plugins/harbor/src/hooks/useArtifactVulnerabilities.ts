import type { VulnerabilityPage } from '@backstage-harbor/plugin-harbor-common';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { VulnerabilityQuery } from '../api';
import { useHarborRequest, type HarborRequestState } from './useHarborRequest';

/**
 * One page of an artifact's vulnerabilities, filtered and paged on the server; a new query aborts the last one.
 * @public
 */
export function useArtifactVulnerabilities(
  entity: Entity | undefined,
  query: VulnerabilityQuery,
): HarborRequestState<VulnerabilityPage> {
  const key = entity
    ? JSON.stringify([
        stringifyEntityRef(entity),
        query.repository,
        query.digest,
        [...(query.severities ?? [])].sort(),
        Boolean(query.fixable),
        query.q?.trim() ?? '',
        query.page ?? 1,
        query.pageSize ?? null,
      ])
    : undefined;
  return useHarborRequest(key, (api, signal) =>
    api.getArtifactVulnerabilities(getCompoundEntityRef(entity!), query, {
      signal,
    }),
  );
}
