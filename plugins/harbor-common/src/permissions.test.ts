import { isResourcePermission } from '@backstage/plugin-permission-common';
import { harborPermissions } from './permissions';

describe('harborPermissions', () => {
  it('are read permissions on catalog entities with the documented names', () => {
    expect(harborPermissions.map(p => p.name)).toEqual([
      'harbor.entity.images.read',
      'harbor.entity.health.read',
    ]);
    for (const permission of harborPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
      expect(permission.attributes.action).toBe('read');
    }
  });
});
