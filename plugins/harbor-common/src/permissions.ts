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

/** Every permission the Harbor plugins define, for registration with the permission framework. @public */
export const harborPermissions = [
  harborEntityImagesReadPermission,
  harborEntityHealthReadPermission,
  harborMigrationReadPermission,
];
