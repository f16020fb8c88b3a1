import {
  RESOURCE_TYPE_HARBOR_PROJECT,
  harborProjectUpdatePermission,
} from '@backstage-harbor/plugin-harbor-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createHarborProjectConditionalDecision,
  harborProjectConditions,
  harborProjectPermissionResourceRef,
  isProjectOwner,
} from './rules';

const teamA = {
  instance: 'default',
  project: 'team-a',
  owner: 'group:default/team-a',
};

describe('IS_PROJECT_OWNER', () => {
  it('allows a project whose owner is one of the claims, whatever the case', () => {
    expect(
      isProjectOwner.apply(teamA, {
        claims: ['user:default/alice', 'Group:Default/Team-A'],
      }),
    ).toBe(true);
  });

  it('refuses a project owned by another group', () => {
    expect(
      isProjectOwner.apply(teamA, {
        claims: ['user:default/bob', 'group:default/team-b'],
      }),
    ).toBe(false);
  });

  it('refuses a project without an owner, whatever the claims', () => {
    expect(
      isProjectOwner.apply(
        { instance: 'default', project: 'legacy' },
        { claims: ['group:default/platform-team'] },
      ),
    ).toBe(false);
  });

  it('is a rule of the harbor plugin’s harbor-project resource type', () => {
    expect(isProjectOwner).toMatchObject({
      name: 'IS_PROJECT_OWNER',
      resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
    });
    expect(harborProjectPermissionResourceRef).toMatchObject({
      pluginId: 'harbor',
      resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
    });
  });
});

describe('the project conditions for a policy', () => {
  it('make a conditional decision a policy returns for the harbor plugin', () => {
    const claims = ['user:default/alice', 'group:default/team-a'];
    expect(
      createHarborProjectConditionalDecision(
        harborProjectUpdatePermission,
        harborProjectConditions.isProjectOwner({ claims }),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'harbor',
      resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
      conditions: {
        rule: 'IS_PROJECT_OWNER',
        resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
        params: { claims },
      },
    });
  });
});
