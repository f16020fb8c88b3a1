import {
  harborProjectCreatePermission,
  harborProjectMembersUpdatePermission,
  harborProjectPushRobotCreatePermission,
  harborProjectUpdatePermission,
  harborProjectWebhookUpdatePermission,
} from '@backstage-harbor/plugin-harbor-common';
import {
  createHarborProjectConditionalDecision,
  harborProjectConditions,
  HarborProjectAuthorizer,
  type HarborProjectPermission,
} from '@backstage-harbor/plugin-harbor-node';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type PermissionsService,
  type UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';

export const PLATFORM_TEAM = 'group:default/platform-team';

/** The test org: alice in team-a, bob in team-b, and the platform team (guest, and the harness's default user). */
export const ORG: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-a'],
  'user:default/bob': ['group:default/team-b'],
  'user:default/guest': [PLATFORM_TEAM],
  // The user of createMockActionContext and mockCredentials.user(): the existing tests run as the platform team.
  'user:default/mock': [PLATFORM_TEAM],
};

export const alice = mockCredentials.user('user:default/alice');
export const bob = mockCredentials.user('user:default/bob');
export const guest = mockCredentials.user('user:default/guest');
export const scaffolderService = mockCredentials.service('plugin:scaffolder');

/** Users with their groups, as the catalog's user info would answer. */
export const testUserInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...(ORG[ref] ?? [])],
    };
  },
};

const OWNER_PERMISSIONS: Permission[] = [
  harborProjectUpdatePermission,
  harborProjectMembersUpdatePermission,
  harborProjectPushRobotCreatePermission,
  harborProjectWebhookUpdatePermission,
];

/**
 * The decisions of the demo's policy (packages/backend/src/permissionPolicy.ts): the platform team everything;
 * anyone signed in creates a project; owners change their projects (conditional IS_PROJECT_OWNER); adoption,
 * owner assignment, migration and platform for the platform team only. A service is allowed without the policy
 * being asked, as Backstage's permissions service (ServerPermissionClient) does: `harbor.permissions.allowedServices`
 * keeps services out. Everything not Harbor's is allowed.
 */
async function decide(
  permission: Permission,
  credentials: BackstageCredentials,
): Promise<PolicyDecision> {
  if (!permission.name.startsWith('harbor.')) {
    return { result: AuthorizeResult.ALLOW };
  }
  const principal = credentials.principal as {
    type: string;
    subject?: string;
  };
  if (principal.type !== 'user') return { result: AuthorizeResult.ALLOW };
  const claims = (await testUserInfo.getUserInfo(credentials as any))
    .ownershipEntityRefs;
  if (claims.includes(PLATFORM_TEAM)) return { result: AuthorizeResult.ALLOW };
  if (isPermission(permission, harborProjectCreatePermission)) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (OWNER_PERMISSIONS.some(p => isPermission(permission, p))) {
    return createHarborProjectConditionalDecision(
      permission as HarborProjectPermission,
      harborProjectConditions.isProjectOwner({ claims }),
    );
  }
  return { result: AuthorizeResult.DENY };
}

/** A permissions service answering with the demo-like policy. */
export function testPermissions(): PermissionsService {
  const answer = async (
    requests: Array<{ permission: Permission }>,
    credentials: BackstageCredentials,
  ) => Promise.all(requests.map(r => decide(r.permission, credentials))) as any;
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      answer(requests, credentials),
    authorizeConditional: async (requests, { credentials }) =>
      answer(requests, credentials),
  });
}

/** The authorizer of the actions: the policy above with the framework on, the default policy with it off. */
export function testAuthorizer(
  options: { frameworkEnabled?: boolean; allowServices?: string[] } = {},
): HarborProjectAuthorizer {
  return HarborProjectAuthorizer.create({
    config: mockServices.rootConfig({
      data: {
        permission: { enabled: options.frameworkEnabled ?? true },
        harbor: {
          permissions: { allowedServices: options.allowServices ?? [] },
        },
      },
    }),
    permissions: testPermissions(),
    userInfo: testUserInfo,
  });
}

/** The permissions and user info services of a test backend, with the policy above. */
export function permissionFeatures() {
  return [
    createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => testPermissions(),
    }),
    createServiceFactory({
      service: coreServices.userInfo,
      deps: {},
      factory: () => testUserInfo,
    }),
  ];
}
