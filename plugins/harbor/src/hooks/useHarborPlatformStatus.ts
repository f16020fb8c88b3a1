import type {
  EntityWorkloads,
  HarborPlatformStatus,
} from '@backstage-harbor/plugin-harbor-common';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useHarborRequest, type HarborRequestState } from './useHarborRequest';

/** The Harbor platform's state on Kubernetes, for the System naming its namespace. @public */
export function useHarborPlatformStatus(
  entity: Entity | undefined,
): HarborRequestState<HarborPlatformStatus> {
  const key = entity ? `platform:${stringifyEntityRef(entity)}` : undefined;
  return useHarborRequest(key, (api, signal) =>
    api.getPlatformStatus(getCompoundEntityRef(entity!), { signal }),
  );
}

/** The images the entity's pods run. @public */
export function useEntityWorkloads(
  entity: Entity | undefined,
): HarborRequestState<EntityWorkloads> {
  const key = entity ? `workloads:${stringifyEntityRef(entity)}` : undefined;
  return useHarborRequest(key, (api, signal) =>
    api.getEntityWorkloads(getCompoundEntityRef(entity!), { signal }),
  );
}
