import { HarborContext, HarborPrincipal } from './context';
import { denied, forbidden, unauthorized } from './errors';
import { HarborState, ProjectRecord } from './state';

/** Harbor's project role ids (the spec lists 1–4; 5 is limitedGuest in src/common/rbac). @public */
export const PROJECT_ROLES: Record<number, string> = {
  1: 'projectAdmin',
  2: 'developer',
  3: 'guest',
  4: 'maintainer',
  5: 'limitedGuest',
};

const READ_ACTIONS = new Set(['read', 'list', 'pull']);

const LIMITED_GUEST_RESOURCES = new Set([
  'project',
  'repository',
  'artifact',
  'tag',
  'artifact-addition',
  'scan',
  'accessory',
]);

/** What anyone, even anonymous, may do in a public project. */
const PUBLIC_PROJECT_RESOURCES = new Set([
  ...LIMITED_GUEST_RESOURCES,
  'label',
  'artifact-label',
]);

const DEVELOPER_WRITES = new Set([
  'repository:push',
  'artifact:create',
  'tag:create',
  'scan:create',
  'scan:stop',
  'artifact-label:create',
  'artifact-label:delete',
]);

const MAINTAINER_FORBIDDEN = new Set([
  'project:update',
  'project:delete',
  'member:create',
  'member:update',
  'member:delete',
  'metadata:create',
  'metadata:update',
  'metadata:delete',
]);

function rolePermits(
  roleId: number,
  resource: string,
  action: string,
): boolean {
  const key = `${resource}:${action}`;
  switch (roleId) {
    case 1:
      return true;
    case 4:
      return !MAINTAINER_FORBIDDEN.has(key);
    case 2:
      return READ_ACTIONS.has(action) || DEVELOPER_WRITES.has(key);
    case 3:
      return READ_ACTIONS.has(action) && resource !== 'robot';
    case 5:
      return READ_ACTIONS.has(action) && LIMITED_GUEST_RESOURCES.has(resource);
    default:
      return false;
  }
}

export function isSysAdmin(principal: HarborPrincipal): boolean {
  return principal.kind === 'user' && principal.user.sysadmin;
}

/** The roles a user holds in a project, directly or through a user group. */
export function projectRoleIds(
  state: HarborState,
  principal: HarborPrincipal,
  project: ProjectRecord,
): number[] {
  if (principal.kind !== 'user') return [];
  const user = principal.user;
  const groupIds = state.userGroups
    .filter(g => user.groups.includes(g.group_name))
    .map(g => g.id);
  return state.members
    .filter(
      m =>
        m.project_id === project.project_id &&
        ((m.entity_type === 'u' && m.entity_id === user.user_id) ||
          (m.entity_type === 'g' && groupIds.includes(m.entity_id))),
    )
    .map(m => m.role_id);
}

function accessMatches(
  access: Array<{ resource?: string; action?: string; effect?: string }>,
  resource: string,
  action: string,
): boolean {
  const matching = access.filter(
    a =>
      (a.resource === resource || a.resource === '*') &&
      (a.action === action || a.action === '*'),
  );
  return matching.length > 0 && !matching.some(a => a.effect === 'deny');
}

/** Whether a robot's permission scopes allow an action in a project. */
function robotPermitsProject(
  principal: Extract<HarborPrincipal, { kind: 'robot' }>,
  project: ProjectRecord,
  resource: string,
  action: string,
): boolean {
  return principal.robot.permissions.some(
    p =>
      p.kind === 'project' &&
      (p.namespace === project.name || p.namespace === '*') &&
      accessMatches(p.access ?? [], resource, action),
  );
}

export function projectPermits(
  state: HarborState,
  principal: HarborPrincipal,
  project: ProjectRecord,
  resource: string,
  action: string,
): boolean {
  if (isSysAdmin(principal)) return true;
  if (
    project.metadata.public === 'true' &&
    READ_ACTIONS.has(action) &&
    PUBLIC_PROJECT_RESOURCES.has(resource)
  ) {
    return true;
  }
  if (principal.kind === 'robot') {
    return robotPermitsProject(principal, project, resource, action);
  }
  return projectRoleIds(state, principal, project).some(r =>
    rolePermits(r, resource, action),
  );
}

/** Whether the caller may see the project at all (list and search). */
export function projectVisible(
  state: HarborState,
  principal: HarborPrincipal,
  project: ProjectRecord,
): boolean {
  if (project.metadata.public === 'true' || isSysAdmin(principal)) return true;
  if (principal.kind === 'robot') {
    return principal.robot.permissions.some(
      p =>
        p.kind === 'project' &&
        (p.namespace === project.name || p.namespace === '*'),
    );
  }
  return projectRoleIds(state, principal, project).length > 0;
}

function refuse(principal: HarborPrincipal, what: string): never {
  if (principal.kind === 'anonymous') throw unauthorized();
  // A robot acting outside its permission scopes gets DENIED, as Harbor's robot security context answers.
  if (principal.kind === 'robot') {
    throw denied(`${what} is not allowed for robot ${principal.robot.name}`);
  }
  throw forbidden();
}

/** Throws Harbor's 401 (anonymous) or 403 unless the caller may act on the project. */
export function requireProjectAccess(
  ctx: HarborContext,
  project: ProjectRecord,
  resource: string,
  action: string,
): void {
  if (
    !projectPermits(ctx.core.state, ctx.principal, project, resource, action)
  ) {
    refuse(ctx.principal, `${action} ${resource} in project ${project.name}`);
  }
}

/** System-level resources: sysadmins, and system robots with a `system` `/` permission entry. */
export function systemPermits(
  principal: HarborPrincipal,
  resource: string,
  action: string,
): boolean {
  if (isSysAdmin(principal)) return true;
  return (
    principal.kind === 'robot' &&
    principal.robot.level === 'system' &&
    principal.robot.permissions.some(
      perm =>
        perm.kind === 'system' &&
        accessMatches(perm.access ?? [], resource, action),
    )
  );
}

/** Throws Harbor's 401 (anonymous) or 403 unless the caller has the system-level permission. */
export function requireSystemAccess(
  ctx: HarborContext,
  resource: string,
  action: string,
): void {
  if (!systemPermits(ctx.principal, resource, action)) {
    refuse(ctx.principal, `${action} ${resource}`);
  }
}

export function requireAuthenticated(ctx: HarborContext): void {
  if (ctx.principal.kind === 'anonymous') throw unauthorized();
}
