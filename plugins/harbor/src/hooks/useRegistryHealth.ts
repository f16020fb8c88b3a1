import type { RegistryHealth } from '@backstage-harbor/plugin-harbor-common';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useHarborRequest, type HarborRequestState } from './useHarborRequest';

/** The health of the Harbor instance serving the entity. @public */
export function useRegistryHealth(
  entity: Entity | undefined,
): HarborRequestState<RegistryHealth> {
  const key = entity ? stringifyEntityRef(entity) : undefined;
  return useHarborRequest(key, (api, signal) =>
    api.getRegistryHealth(getCompoundEntityRef(entity!), { signal }),
  );
}
