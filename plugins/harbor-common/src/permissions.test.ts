import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  harborMigrationReadPermission,
  harborPermissions,
} from './permissions';

describe('harborPermissions', () => {
  it('are read permissions with the documented names', () => {
    expect(harborPermissions.map(p => p.name)).toEqual([
      'harbor.entity.images.read',
      'harbor.entity.health.read',
      'harbor.migration.read',
    ]);
    for (const permission of harborPermissions) {
      expect(permission.attributes.action).toBe('read');
    }
  });

  it('scopes the entity permissions to catalog entities', () => {
    for (const permission of harborPermissions.filter(p =>
      p.name.startsWith('harbor.entity.'),
    )) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });

  it('makes the migration permission basic: the migration covers the whole registry', () => {
    expect(harborMigrationReadPermission.type).toBe('basic');
    expect(isResourcePermission(harborMigrationReadPermission)).toBe(false);
  });
});
