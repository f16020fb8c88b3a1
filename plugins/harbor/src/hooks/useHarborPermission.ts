import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/**
 * Whether the signed-in user may read the Harbor data of this entity. The permission is scoped to the entity, so a
 * policy can decide per owner or kind; the backend enforces the same permission.
 */
export function useHarborPermission(
  permission: ResourcePermission<'catalog-entity'>,
  entity: Entity,
): { loading: boolean; allowed: boolean; error?: Error } {
  return usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  });
}
