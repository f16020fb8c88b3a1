import type { EntityImages } from '@backstage-harbor/plugin-harbor-common';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useHarborRequest, type HarborRequestState } from './useHarborRequest';

/**
 * Every artifact of the entity's Harbor repositories.
 * @param entity - the entity; nothing is fetched while it is undefined
 * @public
 */
export function useEntityImages(
  entity: Entity | undefined,
): HarborRequestState<EntityImages> {
  const key = entity ? stringifyEntityRef(entity) : undefined;
  return useHarborRequest(key, (api, signal) =>
    api.getEntityImages(getCompoundEntityRef(entity!), { signal }),
  );
}
