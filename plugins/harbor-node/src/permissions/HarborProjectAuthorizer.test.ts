import {
  harborMigrationReadPermission,
  harborMigrationRunPermission,
  harborPlatformUpdatePermission,
  harborProjectAdoptPermission,
  harborProjectCreatePermission,
  harborProjectMembersUpdatePermission,
  harborProjectOwnerAssignPermission,
  harborProjectPushRobotCreatePermission,
  harborProjectUpdatePermission,
  harborProjectWebhookUpdatePermission,
  type HarborProjectResource,
} from '@backstage-harbor/plugin-harbor-common';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { HarborPermissionDeniedError } from './errors';
import { HarborProjectAuthorizer } from './HarborProjectAuthorizer';
import {
  createHarborProjectConditionalDecision,
  harborProjectConditions,
} from './rules';

/** The demo's org: alice in team-a, bob in team-b, guest in the platform team. */
const ORG: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
  'user:default/guest': ['user:default/guest', 'group:default/platform-team'],
};
const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const guest = mockCredentials.user('user:default/guest');
const service = mockCredentials.service('plugin:scaffolder');

const teamA: HarborProjectResource = {
  instance: 'default',
  project: 'team-a',
  owner: 'group:default/team-a',
};
const legacy: HarborProjectResource = {
  instance: 'default',
  project: 'legacy',
};

const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: ORG[ref] ?? [ref] };
  },
});

const PLATFORM = 'group:default/platform-team';

/**
 * A policy like the demo's: the platform team everything; owners their projects (conditional); creating a
 * project for every user; the scaffolder service only what a test allows.
 */
function demoPolicy(allowService = false) {
  const decide = async (
    permission: Parameters<typeof isPermission>[0],
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> => {
    if ((credentials.principal as { type?: unknown }).type === 'service') {
      return {
        result: allowService ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    const claims = ORG[ref] ?? [];
    if (claims.includes(PLATFORM)) return { result: AuthorizeResult.ALLOW };
    if (isPermission(permission, harborProjectCreatePermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      permission.type === 'resource' &&
      !isPermission(permission, harborProjectAdoptPermission)
    ) {
      return createHarborProjectConditionalDecision(
        permission as typeof harborProjectUpdatePermission,
        harborProjectConditions.isProjectOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      Promise.all(requests.map(r => decide(r.permission, credentials))) as any,
    authorizeConditional: async (requests, { credentials }) =>
      Promise.all(requests.map(r => decide(r.permission, credentials))) as any,
  });
}

function authorizer(
  enabled: boolean,
  permissions = demoPolicy(),
  allowedServices: string[] = [],
): HarborProjectAuthorizer {
  return HarborProjectAuthorizer.create({
    config: mockServices.rootConfig({
      data: {
        permission: { enabled },
        harbor: { permissions: { allowedServices } },
      },
    }),
    permissions,
    userInfo,
  });
}

describe('HarborProjectAuthorizer with the permission framework on', () => {
  it('allows the owners of a project to change it, evaluating the conditional decision here', async () => {
    const permissions = demoPolicy();
    const subject = authorizer(true, permissions);
    await expect(
      subject.authorizeProject(alice, harborProjectUpdatePermission, teamA),
    ).resolves.toBe(true);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: harborProjectUpdatePermission }],
      { credentials: alice },
    );
  });

  it('refuses a user of another team', async () => {
    const subject = authorizer(true);
    for (const permission of [
      harborProjectUpdatePermission,
      harborProjectMembersUpdatePermission,
      harborProjectPushRobotCreatePermission,
      harborProjectWebhookUpdatePermission,
    ]) {
      await expect(
        subject.authorizeProject(bob, permission, teamA),
      ).resolves.toBe(false);
    }
  });

  it('lets the policy allow more: the platform team changes and adopts any project', async () => {
    const subject = authorizer(true);
    await expect(
      subject.authorizeProject(guest, harborProjectUpdatePermission, teamA),
    ).resolves.toBe(true);
    await expect(
      subject.authorizeProject(guest, harborProjectAdoptPermission, legacy),
    ).resolves.toBe(true);
    await expect(
      subject.authorizeProject(alice, harborProjectAdoptPermission, legacy),
    ).resolves.toBe(false);
  });

  it('refuses a conditional decision about another resource type', async () => {
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async () => [
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/team-a'] },
          },
        },
      ],
    });
    await expect(
      authorizer(true, permissions).authorizeProject(
        alice,
        harborProjectUpdatePermission,
        teamA,
      ),
    ).resolves.toBe(false);
  });

  it('refuses a service that harbor.permissions.allowedServices does not name, even when the policy would allow it', async () => {
    const permissions = demoPolicy(true);
    await expect(
      authorizer(true, permissions).authorizeProject(
        service,
        harborProjectUpdatePermission,
        teamA,
      ),
    ).resolves.toBe(false);
    await expect(
      authorizer(true, permissions).authorize(
        service,
        harborProjectCreatePermission,
      ),
    ).resolves.toBe(false);
    // Backstage's permissions service answers ALLOW for every service: it is not even asked.
    expect(permissions.authorizeConditional).not.toHaveBeenCalled();
    expect(permissions.authorize).not.toHaveBeenCalled();
  });

  it('lets the policy decide for a service that harbor.permissions.allowedServices names', async () => {
    await expect(
      authorizer(true, demoPolicy(false), [
        'plugin:scaffolder',
      ]).authorizeProject(service, harborProjectUpdatePermission, teamA),
    ).resolves.toBe(false);
    await expect(
      authorizer(true, demoPolicy(true), [
        'plugin:scaffolder',
      ]).authorizeProject(service, harborProjectUpdatePermission, teamA),
    ).resolves.toBe(true);
  });

  it('decides basic permissions through the policy', async () => {
    const subject = authorizer(true);
    await expect(
      subject.authorize(bob, harborProjectCreatePermission),
    ).resolves.toBe(true);
    await expect(
      subject.authorize(bob, harborMigrationRunPermission),
    ).resolves.toBe(false);
    await expect(
      subject.authorize(guest, harborPlatformUpdatePermission),
    ).resolves.toBe(true);
  });

  it('lets users name their own groups as owner, and others only with harbor.project.owner.assign', async () => {
    const subject = authorizer(true);
    await expect(
      subject.authorizeOwner(alice, 'group:default/team-a'),
    ).resolves.toBe(true);
    await expect(
      subject.authorizeOwner(alice, 'Group:default/Team-A'),
    ).resolves.toBe(true);
    await expect(
      subject.authorizeOwner(alice, 'group:default/team-b'),
    ).resolves.toBe(false);
    await expect(
      subject.authorizeOwner(guest, 'group:default/team-b'),
    ).resolves.toBe(true);
    await expect(
      subject.authorizeOwner(guest, 'component:default/web'),
    ).resolves.toBe(false);
  });
});

describe('HarborProjectAuthorizer with the permission framework off (the default policy)', () => {
  it('never asks the permissions service, whose every answer would be ALLOW', async () => {
    const permissions = demoPolicy();
    const subject = authorizer(false, permissions);
    await subject.authorizeProject(bob, harborProjectUpdatePermission, teamA);
    await subject.authorize(bob, harborMigrationRunPermission);
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(permissions.authorizeConditional).not.toHaveBeenCalled();
  });

  it('reads the framework as off unless permission.enabled is true', () => {
    const off = HarborProjectAuthorizer.create({
      config: mockServices.rootConfig({ data: {} }),
      permissions: demoPolicy(),
      userInfo,
    });
    expect(off.frameworkEnabled).toBe(false);
    expect(authorizer(true).frameworkEnabled).toBe(true);
  });

  it('allows the owners of a project every project permission but adoption', async () => {
    const subject = authorizer(false);
    for (const permission of [
      harborProjectUpdatePermission,
      harborProjectMembersUpdatePermission,
      harborProjectPushRobotCreatePermission,
      harborProjectWebhookUpdatePermission,
    ]) {
      await expect(
        subject.authorizeProject(alice, permission, teamA),
      ).resolves.toBe(true);
      await expect(
        subject.authorizeProject(bob, permission, teamA),
      ).resolves.toBe(false);
    }
    await expect(
      subject.authorizeProject(alice, harborProjectAdoptPermission, legacy),
    ).resolves.toBe(false);
  });

  it('refuses everyone a project without an owner, the platform team too: there is no platform team', async () => {
    const subject = authorizer(false);
    await expect(
      subject.authorizeProject(guest, harborProjectUpdatePermission, legacy),
    ).resolves.toBe(false);
    await expect(
      subject.authorizeProject(guest, harborProjectAdoptPermission, legacy),
    ).resolves.toBe(false);
  });

  it('allows users to create projects and name their own groups; refuses migration, platform and other owners', async () => {
    const subject = authorizer(false);
    await expect(
      subject.authorize(bob, harborProjectCreatePermission),
    ).resolves.toBe(true);
    await expect(
      subject.authorize(bob, harborMigrationReadPermission),
    ).resolves.toBe(true);
    for (const permission of [
      harborMigrationRunPermission,
      harborPlatformUpdatePermission,
      harborProjectOwnerAssignPermission,
    ]) {
      await expect(subject.authorize(guest, permission)).resolves.toBe(false);
    }
    await expect(
      subject.authorizeOwner(bob, 'group:default/team-b'),
    ).resolves.toBe(true);
    await expect(
      subject.authorizeOwner(bob, 'group:default/team-a'),
    ).resolves.toBe(false);
  });

  it('refuses a service principal every write', async () => {
    const subject = authorizer(false);
    await expect(
      subject.authorize(service, harborProjectCreatePermission),
    ).resolves.toBe(false);
    await expect(
      subject.authorizeProject(service, harborProjectUpdatePermission, teamA),
    ).resolves.toBe(false);
    await expect(
      subject.authorizeOwner(service, 'group:default/team-a'),
    ).resolves.toBe(false);
    await expect(subject.ownershipEntityRefs(service)).resolves.toEqual([]);
  });
});

describe('the refusals', () => {
  it('name the permission, the project, its owner and the caller', async () => {
    const error = await authorizer(true)
      .requireProject(bob, harborProjectUpdatePermission, teamA)
      .catch(e => e);
    expect(error).toBeInstanceOf(HarborPermissionDeniedError);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error).toMatchObject({
      permission: 'harbor.project.update',
      project: 'team-a',
      instance: 'default',
    });
    expect(error.message).toBe(
      "Refused harbor.project.update for user:default/bob on Harbor project 'team-a' (instance 'default'): it is owned by group:default/team-a; its owners may change it, and whom your permission policy allows",
    );
  });

  it('say how the platform team adopts a project without an owner', async () => {
    await expect(
      authorizer(true).requireProject(
        alice,
        harborProjectAdoptPermission,
        legacy,
      ),
    ).rejects.toThrow(
      "Refused harbor.project.adopt for user:default/alice on Harbor project 'legacy' (instance 'default'): it has no owner recorded (it was created outside the portal); to adopt it, run 'Onboard a team to Harbor' as a member of the platform team (or anyone your permission policy grants harbor.project.adopt) with the owner to record",
    );
  });

  it('refuse a change to a project without an owner whatever the policy allows, saying how to adopt it', async () => {
    const subject = authorizer(true);
    await expect(
      subject.requireOwnedProject(guest, harborProjectUpdatePermission, legacy),
    ).rejects.toThrow(
      "Refused harbor.project.update for user:default/guest on Harbor project 'legacy' (instance 'default'): it has no owner recorded (it was created outside the portal); to adopt it, run 'Onboard a team to Harbor' as a member of the platform team",
    );
    await expect(
      subject.requireOwnedProject(guest, harborProjectUpdatePermission, teamA),
    ).resolves.toBeUndefined();
    await expect(
      subject.requireOwnedProject(bob, harborProjectUpdatePermission, teamA),
    ).rejects.toThrow(HarborPermissionDeniedError);
  });

  it('say why a service is refused', async () => {
    await expect(
      authorizer(false).require(service, harborProjectCreatePermission, {
        project: 'new-project',
        instance: 'default',
      }),
    ).rejects.toThrow(
      "Refused harbor.project.create for service plugin:scaffolder (a task started without a user runs as service plugin:scaffolder; only services named in harbor.permissions.allowedServices may, and then as your permission policy decides) for Harbor project 'new-project' (instance 'default')",
    );
  });

  it('say which owners a user may name', async () => {
    await expect(
      authorizer(false).requireOwner(alice, 'group:default/team-b', {
        project: 'team-b',
      }),
    ).rejects.toThrow(
      "Refused harbor.project.owner.assign for user:default/alice: the owner 'group:default/team-b' of Harbor project 'team-b' is not you or a group you belong to; name one of those, or ask whom your permission policy grants harbor.project.owner.assign",
    );
  });

  it('pass silently when allowed', async () => {
    const subject = authorizer(false);
    await expect(
      subject.requireProject(alice, harborProjectUpdatePermission, teamA),
    ).resolves.toBeUndefined();
    await expect(
      subject.require(alice, harborProjectCreatePermission),
    ).resolves.toBeUndefined();
    await expect(
      subject.requireOwner(alice, 'group:default/team-a'),
    ).resolves.toBeUndefined();
  });
});
