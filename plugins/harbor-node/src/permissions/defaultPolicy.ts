import {
  harborProjectAdoptPermission,
  harborProjectCreatePermission,
  RESOURCE_TYPE_HARBOR_PROJECT,
  type HarborProjectResource,
} from '@backstage-harbor/plugin-harbor-common';
import {
  isPermission,
  isResourcePermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import { isProjectOwner } from './rules';

/**
 * What the default policy decides on.
 * @public
 */
export interface HarborDefaultPolicyRequest {
  /** The user's `ownershipEntityRefs`; absent when the caller is no user (a service). */
  claims?: string[];
  /** The project, for the permissions of resource type harbor-project. */
  resource?: HarborProjectResource;
}

/**
 * The decisions Harbor's permissions get when the permission framework is off (`permission.enabled` not true,
 * where every decision is ALLOW): those of the demo portal's policy without a platform team. Reading stays
 * open to everyone, as before; creating a project is open to users; the owners of a project (its owner and the
 * members of its owning group) may change it and nobody else; adopting a project, naming an owner one does not
 * belong to, running the migration and changing the platform are refused; a caller that is no user is refused
 * everything but reading.
 * @public
 */
export function harborDefaultPolicyDecision(
  permission: Permission,
  request: HarborDefaultPolicyRequest,
): boolean {
  if (permission.attributes.action === 'read') return true;
  const { claims, resource } = request;
  if (claims === undefined) return false;
  if (isPermission(permission, harborProjectCreatePermission)) return true;
  if (isPermission(permission, harborProjectAdoptPermission)) return false;
  if (isResourcePermission(permission, RESOURCE_TYPE_HARBOR_PROJECT)) {
    return resource !== undefined && isProjectOwner.apply(resource, { claims });
  }
  return false;
}
