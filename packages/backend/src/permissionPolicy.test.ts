import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  harborEntityHealthReadPermission,
  harborEntityImagesReadPermission,
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

  it('limits registry health to the owners of the entity', async () => {
    const decision = await policy.handle(
      { permission: harborEntityHealthReadPermission },
      user,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ownershipEntityRefs },
      },
    });
  });

  it('denies the Harbor permissions without a user', async () => {
    await expect(
      policy.handle({ permission: harborEntityHealthReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
