import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  RESOURCE_TYPE_HARBOR_PROJECT,
  harborMigrationReadPermission,
  harborPermissions,
  harborProjectPermissions,
  harborProjectResourceRef,
  parseHarborProjectResourceRef,
} from './permissions';

describe('harborPermissions', () => {
  it('are the documented names with their actions', () => {
    expect(
      Object.fromEntries(
        harborPermissions.map(p => [p.name, p.attributes.action]),
      ),
    ).toEqual({
      'harbor.entity.images.read': 'read',
      'harbor.entity.health.read': 'read',
      'harbor.migration.read': 'read',
      'harbor.project.create': 'create',
      'harbor.project.update': 'update',
      'harbor.project.members.update': 'update',
      'harbor.project.robot.push.create': 'create',
      'harbor.project.webhook.update': 'update',
      'harbor.project.adopt': 'update',
      'harbor.project.owner.assign': 'update',
      'harbor.migration.run': 'update',
      'harbor.platform.update': 'update',
      'harbor.fleet.read': 'read',
    });
    expect(new Set(harborPermissions.map(p => p.name)).size).toBe(
      harborPermissions.length,
    );
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

  it('scopes the permissions on an existing project to harbor-project, and only those', () => {
    const onProject = harborPermissions.filter(p =>
      isResourcePermission(p, RESOURCE_TYPE_HARBOR_PROJECT),
    );
    expect(onProject).toEqual(harborProjectPermissions);
    expect(onProject.map(p => p.name).sort()).toEqual([
      'harbor.project.adopt',
      'harbor.project.members.update',
      'harbor.project.robot.push.create',
      'harbor.project.update',
      'harbor.project.webhook.update',
    ]);
  });

  it('leaves creating a project, assigning owners, migration, platform and fleet basic', () => {
    const basic = harborPermissions
      .filter(p => p.type === 'basic')
      .map(p => p.name);
    expect(basic).toEqual([
      'harbor.migration.read',
      'harbor.project.create',
      'harbor.project.owner.assign',
      'harbor.migration.run',
      'harbor.platform.update',
      'harbor.fleet.read',
    ]);
  });
});

describe('the resourceRef of a Harbor project', () => {
  it('is <instance>:<project> and reads back', () => {
    expect(harborProjectResourceRef('default', 'team-a')).toBe(
      'default:team-a',
    );
    expect(parseHarborProjectResourceRef('default:team-a')).toEqual({
      instance: 'default',
      project: 'team-a',
    });
  });

  it('splits at the last colon, since a project name holds none', () => {
    expect(parseHarborProjectResourceRef('a:b:team-a')).toEqual({
      instance: 'a:b',
      project: 'team-a',
    });
  });

  it.each(['team-a', ':team-a', 'default:', ''])(
    'reads %j as no project',
    ref => expect(parseHarborProjectResourceRef(ref)).toBeUndefined(),
  );
});
