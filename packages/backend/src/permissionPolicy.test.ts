import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  harborEntityHealthReadPermission,
  harborEntityImagesReadPermission,
  harborMigrationReadPermission,
} from '@backstage-harbor/plugin-harbor-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DemoPermissionPolicy } from './permissionPolicy';

const ownershipEntityRefs = [
  'user:default/guest',
  'group:default/platform-team',
];
const user = {
  credentials: mockCredentials.user('user:default/guest'),
  info: { userEntityRef: 'user:default/guest', ownershipEntityRefs },
};

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy(
    mockServices.userInfo({ ownershipEntityRefs }),
  );

  it('lets signed-in users read the images of entities', async () => {
    await expect(
      policy.handle({ permission: harborEntityImagesReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('limits registry health to the owners of the entity outside the platform team', async () => {
    const alice = ['user:default/alice', 'group:default/team-a'];
    const teamA = new DemoPermissionPolicy(
      mockServices.userInfo({ ownershipEntityRefs: alice }),
    );
    const decision = await teamA.handle(
      { permission: harborEntityHealthReadPermission },
      {
        credentials: mockCredentials.user('user:default/alice'),
        info: {
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: alice,
        },
      },
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: alice },
      },
    });
  });

  it('lets the platform team read the registry health of every entity', async () => {
    await expect(
      policy.handle({ permission: harborEntityHealthReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies the Harbor permissions without a user', async () => {
    await expect(
      policy.handle({ permission: harborEntityHealthReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: harborMigrationReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets the platform team read the migration status', async () => {
    await expect(
      policy.handle({ permission: harborMigrationReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies the migration status to users outside the platform team', async () => {
    const teamA = new DemoPermissionPolicy(
      mockServices.userInfo({
        ownershipEntityRefs: ['user:default/alice', 'group:default/team-a'],
      }),
    );
    await expect(
      teamA.handle(
        { permission: harborMigrationReadPermission },
        {
          credentials: mockCredentials.user('user:default/alice'),
          info: {
            userEntityRef: 'user:default/alice',
            ownershipEntityRefs: ['user:default/alice', 'group:default/team-a'],
          },
        },
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
