import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  harborProjectAdoptPermission,
  harborProjectOwnerAssignPermission,
  RESOURCE_TYPE_HARBOR_PROJECT,
  type HarborProjectResource,
} from '@backstage-harbor/plugin-harbor-common';
import {
  AuthorizeResult,
  type BasicPermission,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { normalizeOwnerRef } from '../ownership/projectOwner';
import { harborDefaultPolicyDecision } from './defaultPolicy';
import { HarborPermissionDeniedError } from './errors';
import { harborProjectPermissionRules } from './rules';

/**
 * A permission on one Harbor project.
 * @public
 */
export type HarborProjectPermission = ResourcePermission<
  typeof RESOURCE_TYPE_HARBOR_PROJECT
>;

/** The rules by their names, for evaluating conditional decisions here, where the resource is at hand. */
const ruleset: PermissionRuleset<HarborProjectResource> = {
  getRuleByName(name) {
    const rule = Object.values(harborProjectPermissionRules).find(
      r => r.name === name,
    );
    if (!rule) {
      throw new Error(
        `The permission policy answered with the rule ${name}, which the ${RESOURCE_TYPE_HARBOR_PROJECT} resource type does not have`,
      );
    }
    return rule as ReturnType<
      PermissionRuleset<HarborProjectResource>['getRuleByName']
    >;
  },
};
const applyConditions = createConditionAuthorizer(ruleset);

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type?: unknown }).type === 'user';
}

/** Who asked, for messages: the user's entity ref or the service's subject; never a token. */
function callerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef!;
  if (principal.type === 'service') return `service ${principal.subject}`;
  return 'an unauthenticated caller';
}

/**
 * Decides the Harbor permissions of a caller: the project permissions on a project whose owner is known (the
 * resource at hand, so a conditional decision such as `IS_PROJECT_OWNER` is evaluated here), and the basic
 * ones. With the permission framework on (`permission.enabled: true`) the policy decides through the
 * permissions service with the caller's credentials; with it off, {@link harborDefaultPolicyDecision} does.
 * A service (a task started without a user) is refused unless `harbor.permissions.allowedServices` names its
 * subject: Backstage's permissions service allows every service principal without asking the policy (unless
 * its access restrictions say otherwise), so the policy alone cannot keep services out. The scaffolder actions and the backend's
 * availability answer use one instance each.
 * @public
 */
export class HarborProjectAuthorizer {
  static create(options: {
    config: Config;
    permissions: PermissionsService;
    userInfo: UserInfoService;
  }): HarborProjectAuthorizer {
    return new HarborProjectAuthorizer(
      options.config.getOptionalBoolean('permission.enabled') === true,
      options.permissions,
      options.userInfo,
      options.config.getOptionalStringArray(
        'harbor.permissions.allowedServices',
      ) ?? [],
    );
  }

  private constructor(
    /** Whether a permission policy decides; the default policy does otherwise. */
    readonly frameworkEnabled: boolean,
    private readonly permissions: PermissionsService,
    private readonly userInfo: UserInfoService,
    /** The subjects of the services that may start Harbor writes (`harbor.permissions.allowedServices`). */
    private readonly allowedServices: string[] = [],
  ) {}

  /** Undefined for a user; for a service, whether config names it (then the policy decides as for a user). */
  #serviceAllowed(credentials: BackstageCredentials): boolean | undefined {
    if (isUser(credentials)) return undefined;
    const { subject } = credentials.principal as { subject?: unknown };
    return (
      typeof subject === 'string' && this.allowedServices.includes(subject)
    );
  }

  /**
   * The entity refs the caller owns through: the user and the groups they belong to (`ownershipEntityRefs`),
   * normalised; none for a service.
   */
  async ownershipEntityRefs(
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (!isUser(credentials)) return [];
    const info = await this.userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs.map(ref => ref.toLowerCase());
  }

  /** Whether the caller may do a project permission on the project, e.g. harbor.project.update. */
  async authorizeProject(
    credentials: BackstageCredentials,
    permission: HarborProjectPermission,
    resource: HarborProjectResource,
  ): Promise<boolean> {
    const service = this.#serviceAllowed(credentials);
    if (service === false) return false;
    if (!this.frameworkEnabled) {
      if (service) return true;
      return harborDefaultPolicyDecision(permission, {
        claims: await this.#claims(credentials),
        resource,
      });
    }
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return this.#evaluate(decision, resource);
  }

  /** Whether the caller may do a basic permission, e.g. harbor.project.create or harbor.migration.run. */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const service = this.#serviceAllowed(credentials);
    if (service === false) return false;
    if (!this.frameworkEnabled) {
      if (service) return true;
      return harborDefaultPolicyDecision(permission, {
        claims: await this.#claims(credentials),
      });
    }
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * Whether the caller may name `ownerRef` as a project's owner: one of their ownership refs, or anyone with
   * harbor.project.owner.assign. An `ownerRef` that is no Group or User ref is refused.
   */
  async authorizeOwner(
    credentials: BackstageCredentials,
    ownerRef: string,
  ): Promise<boolean> {
    const owner = normalizeOwnerRef(ownerRef);
    if (!owner) return false;
    if ((await this.ownershipEntityRefs(credentials)).includes(owner)) {
      return true;
    }
    return this.authorize(credentials, harborProjectOwnerAssignPermission);
  }

  /** {@link HarborProjectAuthorizer.authorizeProject}, throwing a {@link HarborPermissionDeniedError} that says why and what to do. */
  async requireProject(
    credentials: BackstageCredentials,
    permission: HarborProjectPermission,
    resource: HarborProjectResource,
  ): Promise<void> {
    if (await this.authorizeProject(credentials, permission, resource)) return;
    throw this.#projectRefusal(credentials, permission, resource);
  }

  /**
   * {@link HarborProjectAuthorizer.requireProject} for a change that needs an owner on record: a project without
   * one is refused whatever the policy says, with how the platform team adopts it, since only adoption
   * (harbor.project.adopt, through `harbor:project:ensure`) records an owner.
   */
  async requireOwnedProject(
    credentials: BackstageCredentials,
    permission: HarborProjectPermission,
    resource: HarborProjectResource,
  ): Promise<void> {
    if (!resource.owner) {
      throw this.#projectRefusal(credentials, permission, resource);
    }
    await this.requireProject(credentials, permission, resource);
  }

  #projectRefusal(
    credentials: BackstageCredentials,
    permission: HarborProjectPermission,
    resource: HarborProjectResource,
  ): HarborPermissionDeniedError {
    const where = `Harbor project '${resource.project}' (instance '${resource.instance}')`;
    const why = !resource.owner
      ? `it has no owner recorded (it was created outside the portal); to adopt it, run 'Onboard a team to Harbor' as a member of the platform team (or anyone your permission policy grants ${harborProjectAdoptPermission.name}) with the owner to record`
      : `it is owned by ${resource.owner}; its owners may change it, and whom your permission policy allows`;
    return new HarborPermissionDeniedError({
      message: `${this.#refusal(
        credentials,
        permission.name,
      )} on ${where}: ${why}`,
      permission: permission.name,
      project: resource.project,
      instance: resource.instance,
    });
  }

  /** {@link HarborProjectAuthorizer.authorize}, throwing a {@link HarborPermissionDeniedError}; `context` says what for. */
  async require(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    context?: { project?: string; instance?: string },
  ): Promise<void> {
    if (await this.authorize(credentials, permission)) return;
    const where = context?.project
      ? ` for Harbor project '${context.project}'${
          context.instance ? ` (instance '${context.instance}')` : ''
        }`
      : '';
    throw new HarborPermissionDeniedError({
      message: `${this.#refusal(credentials, permission.name)}${where}`,
      permission: permission.name,
      ...context,
    });
  }

  /** {@link HarborProjectAuthorizer.authorizeOwner}, throwing a {@link HarborPermissionDeniedError}. */
  async requireOwner(
    credentials: BackstageCredentials,
    ownerRef: string,
    context?: { project?: string; instance?: string },
  ): Promise<void> {
    if (await this.authorizeOwner(credentials, ownerRef)) return;
    const name = harborProjectOwnerAssignPermission.name;
    throw new HarborPermissionDeniedError({
      message: `${this.#refusal(credentials, name)}: the owner '${ownerRef}'${
        context?.project ? ` of Harbor project '${context.project}'` : ''
      } is not you or a group you belong to; name one of those, or ask whom your permission policy grants ${name}`,
      permission: name,
      ...context,
    });
  }

  /** `Refused harbor.x for user:default/bob`, and for a service why a policy must name it. */
  #refusal(credentials: BackstageCredentials, permission: string): string {
    const caller = callerOf(credentials);
    const service = isUser(credentials)
      ? ''
      : ` (a task started without a user runs as ${caller}; ${
          this.#serviceAllowed(credentials)
            ? 'your permission policy refused it'
            : 'only services named in harbor.permissions.allowedServices may, and then as your permission policy decides'
        })`;
    return `Refused ${permission} for ${caller}${service}`;
  }

  async #claims(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    return isUser(credentials)
      ? this.ownershipEntityRefs(credentials)
      : undefined;
  }

  #evaluate(
    decision: PolicyDecision,
    resource: HarborProjectResource,
  ): boolean {
    if (
      decision.result === AuthorizeResult.CONDITIONAL &&
      decision.resourceType !== RESOURCE_TYPE_HARBOR_PROJECT
    ) {
      return false; // conditions of another resource type say nothing about a project
    }
    return applyConditions(decision, resource);
  }
}
