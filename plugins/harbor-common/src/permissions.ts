import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Read the Harbor images of a catalog entity: artifacts, scan overviews, CVEs and trends.
 * A resource permission on the entity, so a policy can decide per owner or per kind.
 * @public
 */
export const harborEntityImagesReadPermission = createPermission({
  name: 'harbor.entity.images.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the registry health shown for a catalog entity: Harbor components, quotas, scanners, replication.
 * @public
 */
export const harborEntityHealthReadPermission = createPermission({
  name: 'harbor.entity.health.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the migration status off the old docker-registry: every repository of the old registry, its Harbor
 * counterpart, replication state and the workloads still pulling from it. A basic permission, not scoped to an
 * entity: the migration covers the whole registry.
 * @public
 */
export const harborMigrationReadPermission = createPermission({
  name: 'harbor.migration.read',
  attributes: { action: 'read' },
});

/**
 * The resource type of the project permissions: a Harbor project of one configured instance, with the owner its
 * ownership label records (issue #17). Its resourceRef is `<instance>:<project>`, see
 * {@link harborProjectResourceRef}.
 * @public
 */
export const RESOURCE_TYPE_HARBOR_PROJECT = 'harbor-project';

/**
 * A Harbor project as the permission rules see it.
 * @public
 */
export interface HarborProjectResource {
  /** The configured instance name (`default` for a lone `harbor.baseUrl`). */
  instance: string;
  /** The Harbor project name. */
  project: string;
  /** The owner's entity ref (`group:default/team-a`), from the project's `backstage.io/owner` label; absent when none. */
  owner?: string;
}

/**
 * The resourceRef of a project: `<instance>:<project>`. Harbor project names hold no `:`, so the last one
 * separates them.
 * @public
 */
export function harborProjectResourceRef(
  instance: string,
  project: string,
): string {
  return `${instance}:${project}`;
}

/**
 * The instance and project of a resourceRef made by {@link harborProjectResourceRef}; `undefined` when it has
 * no `:` or an empty part.
 * @public
 */
export function parseHarborProjectResourceRef(
  resourceRef: string,
): { instance: string; project: string } | undefined {
  const colon = resourceRef.lastIndexOf(':');
  if (colon <= 0 || colon === resourceRef.length - 1) return undefined;
  return {
    instance: resourceRef.slice(0, colon),
    project: resourceRef.slice(colon + 1),
  };
}

/**
 * Create a Harbor project that does not exist yet (`harbor:project:ensure`). Basic: there is no project to
 * own yet.
 * @public
 */
export const harborProjectCreatePermission = createPermission({
  name: 'harbor.project.create',
  attributes: { action: 'create' },
});

/**
 * Change an existing project: its settings, quota, retention, immutability and pull-only robots.
 * @public
 */
export const harborProjectUpdatePermission = createPermission({
  name: 'harbor.project.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
});

/**
 * Change the members of a project and their roles (`harbor:members:ensure`).
 * @public
 */
export const harborProjectMembersUpdatePermission = createPermission({
  name: 'harbor.project.members.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
});

/**
 * Create or change a robot with push access to a project: its secret can publish images under the project.
 * @public
 */
export const harborProjectPushRobotCreatePermission = createPermission({
  name: 'harbor.project.robot.push.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
});

/**
 * Change the webhook policies of a project (`harbor:webhook:ensure`).
 * @public
 */
export const harborProjectWebhookUpdatePermission = createPermission({
  name: 'harbor.project.webhook.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
});

/**
 * Record an owner on a project that has none (one created outside the portal): a platform decision.
 * @public
 */
export const harborProjectAdoptPermission = createPermission({
  name: 'harbor.project.adopt',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
});

/**
 * Name as a project's owner an entity the initiator does not own or belong to.
 * @public
 */
export const harborProjectOwnerAssignPermission = createPermission({
  name: 'harbor.project.owner.assign',
  attributes: { action: 'update' },
});

/**
 * Read the fleet security view (`/harbor/security`): which images of every Harbor instance have a CVE or package,
 * the entities and teams that own them and whether they run. Basic: it spans every instance; the entities in its
 * answers are still filtered by the caller's catalog-entity read permission (counted, not named).
 * @public
 */
export const harborFleetReadPermission = createPermission({
  name: 'harbor.fleet.read',
  attributes: { action: 'read' },
});

/**
 * Run the migration actions off the old registry: inventory, rules, replication and verification.
 * @public
 */
export const harborMigrationRunPermission = createPermission({
  name: 'harbor.migration.run',
  attributes: { action: 'update' },
});

/**
 * Render and commit the Harbor platform (`harbor:platform:render`, the platform folder of the GitOps repository).
 * @public
 */
export const harborPlatformUpdatePermission = createPermission({
  name: 'harbor.platform.update',
  attributes: { action: 'update' },
});

/**
 * The permissions on one Harbor project, of resource type {@link RESOURCE_TYPE_HARBOR_PROJECT}.
 * @public
 */
export const harborProjectPermissions = [
  harborProjectUpdatePermission,
  harborProjectMembersUpdatePermission,
  harborProjectPushRobotCreatePermission,
  harborProjectWebhookUpdatePermission,
  harborProjectAdoptPermission,
];

/** Every permission the Harbor plugins define, for registration with the permission framework. @public */
export const harborPermissions = [
  harborEntityImagesReadPermission,
  harborEntityHealthReadPermission,
  harborMigrationReadPermission,
  harborProjectCreatePermission,
  ...harborProjectPermissions,
  harborProjectOwnerAssignPermission,
  harborMigrationRunPermission,
  harborPlatformUpdatePermission,
  harborFleetReadPermission,
];
