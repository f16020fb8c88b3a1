import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  harborEntityHealthReadPermission,
  harborEntityImagesReadPermission,
  harborProjectCreatePermission,
  harborProjectMembersUpdatePermission,
  harborProjectPushRobotCreatePermission,
  harborProjectUpdatePermission,
  harborProjectWebhookUpdatePermission,
  RESOURCE_TYPE_HARBOR_PROJECT,
} from '@backstage-harbor/plugin-harbor-common';
import {
  createHarborProjectConditionalDecision,
  harborProjectConditions,
} from '@backstage-harbor/plugin-harbor-node';

/** The group that runs the registry, as in examples/org.yaml. */
export const PLATFORM_TEAM = 'group:default/platform-team';

/**
 * The label that marks a catalog entity (the platform and migration templates) as the platform team's only, with
 * the value {@link PLATFORM_AUDIENCE}.
 */
export const AUDIENCE_LABEL = 'goharbor.io/audience';
export const PLATFORM_AUDIENCE = 'platform';

/** Changes to an existing Harbor project, which its owners may make. */
const PROJECT_OWNER_PERMISSIONS: Permission[] = [
  harborProjectUpdatePermission,
  harborProjectMembersUpdatePermission,
  harborProjectPushRobotCreatePermission,
  harborProjectWebhookUpdatePermission,
];

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The demo portal's policy, an example for adopters (the runbook's "Permissions" section explains each permission):
 * - the platform team, which runs the registry, may do everything;
 * - anyone signed in may see the images and scans of any entity they can see, and create a Harbor project;
 * - registry health (quotas, replication, scanner state) is for the owners of the entity;
 * - an existing Harbor project is changed (settings, members, push robots, webhooks) only by its owners: the
 *   group or user recorded on the project when the portal created or adopted it (rule `IS_PROJECT_OWNER`);
 * - adopting a project created outside the portal, naming an owner one does not belong to, the migration off
 *   the old registry and the platform's own manifests are the platform team's only, and so are the templates
 *   that do them (labelled `goharbor.io/audience: platform`), which nobody else sees in the catalog;
 * - a request without a user (a service) gets no Harbor permission.
 * Everything else is allowed, as in a fresh Backstage app.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const claims = user ? await this.ownershipEntityRefs(user) : [];
    const platformTeam = claims.includes(PLATFORM_TEAM);

    if (isPermission(permission, catalogEntityReadPermission)) {
      if (platformTeam) return allow;
      return createCatalogConditionalDecision(permission, {
        not: catalogConditions.hasLabel({
          label: AUDIENCE_LABEL,
          value: PLATFORM_AUDIENCE,
        }),
      });
    }
    if (!permission.name.startsWith('harbor.')) return allow;
    if (!user) return deny;
    if (platformTeam) return allow;

    if (
      isPermission(permission, harborEntityImagesReadPermission) ||
      isPermission(permission, harborProjectCreatePermission)
    ) {
      return allow;
    }
    if (isPermission(permission, harborEntityHealthReadPermission)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (
      PROJECT_OWNER_PERMISSIONS.some(p => isPermission(permission, p)) &&
      isResourcePermission(permission, RESOURCE_TYPE_HARBOR_PROJECT)
    ) {
      return createHarborProjectConditionalDecision(
        permission,
        harborProjectConditions.isProjectOwner({ claims }),
      );
    }
    // The migration (read and run), adoption, owner assignment, the platform, and any Harbor permission added later.
    return deny;
  }

  private async ownershipEntityRefs(user: PolicyQueryUser): Promise<string[]> {
    return (await this.userInfo.getUserInfo(user.credentials))
      .ownershipEntityRefs;
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new DemoPermissionPolicy(userInfo));
      },
    });
  },
});
