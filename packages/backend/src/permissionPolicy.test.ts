import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { permissionRules as catalogPermissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  harborEntityHealthReadPermission,
  harborEntityImagesReadPermission,
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
  RESOURCE_TYPE_HARBOR_PROJECT,
} from '@backstage-harbor/plugin-harbor-common';
import { harborProjectPermissionRules } from '@backstage-harbor/plugin-harbor-node';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  AUDIENCE_LABEL,
  DemoPermissionPolicy,
  PLATFORM_AUDIENCE,
  PLATFORM_TEAM,
} from './permissionPolicy';

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

/** The demo organisation (examples/org.yaml): who owns what, as the sign-in puts it in the token. */
const org: Record<string, string[]> = {
  'user:default/guest': ['user:default/guest', PLATFORM_TEAM],
  'user:default/alice': ['user:default/alice', 'group:default/team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
};

const demoUserInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const { userEntityRef } = (
      credentials as BackstageCredentials<BackstageUserPrincipal>
    ).principal;
    return { userEntityRef, ownershipEntityRefs: org[userEntityRef] };
  },
};

function signedIn(userEntityRef: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: org[userEntityRef] },
  };
}

const guest = signedIn('user:default/guest');
const alice = signedIn('user:default/alice');
const bob = signedIn('user:default/bob');

/** Harbor projects as the permission framework sees them: the owner is the project's ownership label. */
const teamAProject: HarborProjectResource = {
  instance: 'default',
  project: 'team-a',
  owner: 'group:default/team-a',
};
const unownedProject: HarborProjectResource = {
  instance: 'default',
  project: 'legacy',
};

const projectOwnerPermissions = [
  harborProjectUpdatePermission,
  harborProjectMembersUpdatePermission,
  harborProjectPushRobotCreatePermission,
  harborProjectWebhookUpdatePermission,
];
const platformOnlyPermissions = [
  harborProjectAdoptPermission,
  harborProjectOwnerAssignPermission,
  harborMigrationRunPermission,
  harborPlatformUpdatePermission,
  harborMigrationReadPermission,
];
const harborWritePermissions = [
  harborProjectCreatePermission,
  ...projectOwnerPermissions,
  ...platformOnlyPermissions,
];

describe('DemoPermissionPolicy on Harbor projects', () => {
  const policy = new DemoPermissionPolicy(demoUserInfo);
  const projectAuthorizer = createConditionAuthorizer(
    Object.values(harborProjectPermissionRules),
  );

  /** The decision for a user on a project, as an action evaluates it against the project it holds. */
  async function mayChange(
    permission: Permission,
    member: PolicyQueryUser,
    project: HarborProjectResource,
  ): Promise<boolean> {
    const decision = await policy.handle({ permission }, member);
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    return projectAuthorizer(decision, project);
  }

  it.each(harborWritePermissions.map(p => [p.name, p]))(
    'lets the platform team %s',
    async (_, permission) => {
      await expect(policy.handle({ permission }, guest)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    },
  );

  it('lets anyone signed in create a Harbor project', async () => {
    for (const member of [alice, bob]) {
      await expect(
        policy.handle({ permission: harborProjectCreatePermission }, member),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it.each(projectOwnerPermissions.map(p => [p.name, p]))(
    "makes %s conditional on owning the project, with the user's ownership refs",
    async (_, permission) => {
      const decision = await policy.handle({ permission }, alice);
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'harbor',
        resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
        conditions: {
          rule: 'IS_PROJECT_OWNER',
          resourceType: RESOURCE_TYPE_HARBOR_PROJECT,
          params: { claims: org['user:default/alice'] },
        },
      });
    },
  );

  it.each(projectOwnerPermissions.map(p => [p.name, p]))(
    'allows %s to the owning team and refuses it to another team and on a project without owner',
    async (_, permission) => {
      expect(await mayChange(permission, alice, teamAProject)).toBe(true);
      expect(await mayChange(permission, bob, teamAProject)).toBe(false);
      expect(await mayChange(permission, alice, unownedProject)).toBe(false);
      expect(await mayChange(permission, guest, teamAProject)).toBe(true);
    },
  );

  it.each(platformOnlyPermissions.map(p => [p.name, p]))(
    'refuses %s to team members',
    async (_, permission) => {
      for (const member of [alice, bob]) {
        await expect(policy.handle({ permission }, member)).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      }
    },
  );

  it.each(harborWritePermissions.map(p => [p.name, p]))(
    'refuses %s to a request without a user (a service)',
    async (_, permission) => {
      await expect(policy.handle({ permission })).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    },
  );

  it('leaves the permissions of other plugins allowed', async () => {
    await expect(
      policy.handle({ permission: catalogLocationCreatePermission }, bob),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('DemoPermissionPolicy on catalog reads', () => {
  const policy = new DemoPermissionPolicy(demoUserInfo);
  const entityAuthorizer = createConditionAuthorizer(
    Object.values(catalogPermissionRules),
  );
  const repoRoot = resolve(__dirname, '../../..');
  const templates = readdirSync(resolve(repoRoot, 'templates')).map(
    folder =>
      parse(
        readFileSync(
          resolve(repoRoot, 'templates', folder, 'template.yaml'),
          'utf8',
        ),
      ) as Entity,
  );
  const template = (name: string) =>
    templates.find(t => t.metadata.name === name)!;

  async function mayRead(reader: PolicyQueryUser | undefined, entity: Entity) {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      reader,
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    return entityAuthorizer(decision, entity);
  }

  it('hides the platform and migration templates from a team-b user', async () => {
    expect(await mayRead(bob, template('harbor-platform'))).toBe(false);
    expect(await mayRead(bob, template('harbor-migration'))).toBe(false);
  });

  it('shows the other templates and entities to a team-b user', async () => {
    expect(await mayRead(bob, template('harbor-project'))).toBe(true);
    expect(await mayRead(bob, template('harbor-connect-component'))).toBe(true);
    const others = parseAllDocuments(
      readFileSync(resolve(repoRoot, 'examples/entities.yaml'), 'utf8'),
    ).map(d => d.toJS() as Entity);
    for (const entity of others) {
      expect(await mayRead(bob, entity)).toBe(true);
    }
  });

  it('shows every template to the platform team', async () => {
    for (const entity of templates) {
      expect(await mayRead(guest, entity)).toBe(true);
    }
  });

  it('names an existing group of examples/org.yaml as the owner of every template', () => {
    const groups = parseAllDocuments(
      readFileSync(resolve(repoRoot, 'examples/org.yaml'), 'utf8'),
    )
      .map(d => d.toJS() as Entity)
      .filter(e => e.kind === 'Group')
      .map(e => stringifyEntityRef(e));
    expect(
      templates
        .filter(t => !groups.includes(String(t.spec?.owner)))
        .map(t => `${t.metadata.name}: ${t.spec?.owner}`),
    ).toEqual([]);
  });

  it('labels exactly the platform and migration templates for the platform audience', () => {
    expect(
      templates
        .filter(t => t.metadata.labels?.[AUDIENCE_LABEL] === PLATFORM_AUDIENCE)
        .map(t => t.metadata.name)
        .sort(),
    ).toEqual(['harbor-migration', 'harbor-platform']);
  });
});
