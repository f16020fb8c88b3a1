import { isoTime } from '../clock';
import { HarborContext, HarborRoutes, ok, queryString } from '../context';
import { badRequest, conflict, denied, notFound } from '../errors';
import type { Robot, RobotCreated, RobotPermission } from '../harborTypes';
import { paginate } from '../pagination';
import { matchesClause, parseQuery, sortBy } from '../query';
import { requireProjectAccess, requireSystemAccess } from '../rbac';
import { RobotRecord, robotFullName } from '../state';
import { API_BASE, bodyObject, pathId } from './common';

/** Lower-case runs joined by single `.`, `_` or `-`; `+` is reserved to join project and name (src: robot.go). */
const ROBOT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

const PROJECT_RESOURCES = [
  '*',
  'project',
  'repository',
  'artifact',
  'tag',
  'artifact-label',
  'artifact-addition',
  'accessory',
  'scan',
  'sbom',
  'scanner',
  'label',
  'log',
  'member',
  'metadata',
  'quota',
  'robot',
  'tag-retention',
  'immutable-tag',
  'notification-policy',
  'preheat-policy',
  'configuration',
  'export-cve',
];
const SYSTEM_RESOURCES = [
  '*',
  'audit-log',
  'catalog',
  'project',
  'user',
  'user-group',
  'registry',
  'replication',
  'replication-policy',
  'replication-adapter',
  'distribution',
  'garbage-collection',
  'scan-all',
  'system-volumes',
  'purge-audit',
  'export-cve',
  'jobservice-monitor',
  'security-hub',
  'ldap-user',
  'label',
  'quota',
  'robot',
  'scanner',
  'configuration',
  'preheat-instance',
  'notification-policy',
];
const ACTIONS = [
  '*',
  'pull',
  'push',
  'create',
  'read',
  'update',
  'delete',
  'list',
  'operate',
  'scanner-pull',
  'stop',
];

export function robotView(robot: RobotRecord): Robot {
  return {
    id: robot.id,
    name: robotFullName(robot),
    description: robot.description,
    level: robot.level,
    duration: robot.duration,
    editable: true,
    disable: robot.disable,
    expires_at: robot.expires_at,
    permissions: robot.permissions.map(p => ({
      kind: p.kind,
      namespace: p.namespace,
      access: (p.access ?? []).map(a => ({
        ...a,
        effect: a.effect ?? 'allow',
      })),
    })),
    creator_type: robot.creator_type,
    creator_ref: robot.creator_ref,
    creation_time: robot.creation_time,
    update_time: robot.update_time,
  };
}

function validateDuration(duration: unknown): number {
  if (duration === undefined || duration === null || duration === 0) return 30;
  if (
    typeof duration !== 'number' ||
    !Number.isInteger(duration) ||
    (duration < 1 && duration !== -1) ||
    duration >= 2 ** 31
  ) {
    throw badRequest(
      `invalid duration ${duration}: -1 (never expires) or a positive number of days`,
    );
  }
  return duration;
}

function expiresAt(createdMs: number, duration: number): number {
  return duration === -1
    ? -1
    : Math.floor(createdMs / 1000) + duration * 86_400;
}

/** Validates the permission list; a project robot has exactly one entry for its project (src: handler/robot.go). */
function validatePermissions(
  ctx: HarborContext,
  level: string,
  permissions: unknown,
): { permissions: RobotPermission[]; projectName?: string } {
  if (!Array.isArray(permissions) || permissions.length === 0) {
    throw badRequest(
      'bad request permission: at least one permission is required',
    );
  }
  const { state } = ctx.core;
  for (const p of permissions as RobotPermission[]) {
    if (p.kind !== 'system' && p.kind !== 'project')
      throw badRequest(`bad request permission: kind ${p.kind}`);
    if (p.kind === 'system' && p.namespace !== '/')
      throw badRequest(
        'bad request permission: the namespace of a system permission must be "/"',
      );
    if (
      p.kind === 'project' &&
      p.namespace !== '*' &&
      !state.projectByName(String(p.namespace))
    ) {
      throw badRequest(
        `bad request permission: project ${p.namespace} not found`,
      );
    }
    const resources =
      p.kind === 'system' ? SYSTEM_RESOURCES : PROJECT_RESOURCES;
    for (const a of p.access ?? []) {
      if (
        !resources.includes(String(a.resource)) ||
        !ACTIONS.includes(String(a.action))
      ) {
        throw badRequest(`bad request permission: ${a.resource}:${a.action}`);
      }
      if (
        a.effect !== undefined &&
        a.effect !== 'allow' &&
        a.effect !== 'deny'
      ) {
        throw badRequest(`bad request permission: effect ${a.effect}`);
      }
    }
  }
  if (level === 'project') {
    const only = (permissions as RobotPermission[])[0];
    if (
      permissions.length !== 1 ||
      only.kind !== 'project' ||
      only.namespace === '*'
    ) {
      throw badRequest(
        'bad request permission: a project level robot needs exactly one project permission',
      );
    }
    return {
      permissions: permissions as RobotPermission[],
      projectName: only.namespace,
    };
  }
  if (
    (permissions as RobotPermission[]).filter(p => p.kind === 'system').length >
    1
  ) {
    throw badRequest(
      'bad request permission: only one system permission is allowed',
    );
  }
  return { permissions: permissions as RobotPermission[] };
}

/** A robot may only create robots whose scope is within its own (Harbor ≥ 2.12). */
function requireScopeWithinCreator(
  ctx: HarborContext,
  permissions: RobotPermission[],
) {
  const p = ctx.principal;
  if (p.kind !== 'robot') return;
  const covered = (perm: RobotPermission, resource?: string, action?: string) =>
    p.robot.permissions.some(
      own =>
        own.kind === perm.kind &&
        (own.namespace === perm.namespace || own.namespace === '*') &&
        (own.access ?? []).some(
          a =>
            (a.resource === resource || a.resource === '*') &&
            (a.action === action || a.action === '*') &&
            a.effect !== 'deny',
        ),
    );
  for (const perm of permissions) {
    for (const a of perm.access ?? []) {
      if (!covered(perm, a.resource, a.action)) {
        throw denied(
          "permission scope is invalid. It must be equal to or more restrictive than the creator's robot permissions",
        );
      }
    }
  }
}

function requireRobotAccess(
  ctx: HarborContext,
  robot: { level: string; project_id?: number },
  action: string,
) {
  if (robot.level === 'project' && robot.project_id !== undefined) {
    const project = ctx.core.state.projectById(robot.project_id);
    if (!project) throw notFound(`project ${robot.project_id} not found`);
    requireProjectAccess(ctx, project, 'robot', action);
  } else {
    requireSystemAccess(ctx, 'robot', action);
  }
}

function findRobot(ctx: HarborContext): RobotRecord {
  const id = pathId(ctx, 'robot_id');
  const robot = ctx.core.state.robots.find(r => r.id === id);
  if (!robot) throw notFound(`robot ${id} not found`);
  return robot;
}

/** Robot secrets chosen by the caller: 8–128 characters with an upper-case letter, a lower-case letter and a digit. */
function validSecret(secret: string): boolean {
  return (
    secret.length >= 8 &&
    secret.length <= 128 &&
    /[A-Z]/.test(secret) &&
    /[a-z]/.test(secret) &&
    /[0-9]/.test(secret)
  );
}

function creatorRef(ctx: HarborContext): number {
  if (ctx.principal.kind === 'user') return ctx.principal.user.user_id;
  if (ctx.principal.kind === 'robot') return ctx.principal.robot.id;
  return 0;
}

export const robotRoutes: HarborRoutes = {
  CreateRobot(ctx) {
    const { state, clock } = ctx.core;
    const body = bodyObject(ctx);
    const name = body.name;
    if (typeof name !== 'string' || !ROBOT_NAME.test(name)) {
      throw badRequest(
        'robot name is not in lower case or contains illegal characters, it must match ^[a-z0-9]+(?:[._-][a-z0-9]+)*$',
      );
    }
    if (body.level !== 'system' && body.level !== 'project') {
      throw badRequest(
        `bad request level ${body.level}: must be "system" or "project"`,
      );
    }
    const duration = validateDuration(body.duration);
    const { permissions, projectName } = validatePermissions(
      ctx,
      body.level,
      body.permissions,
    );
    const project = projectName ? state.projectByName(projectName) : undefined;
    requireRobotAccess(
      ctx,
      { level: body.level, project_id: project?.project_id },
      'create',
    );
    requireScopeWithinCreator(ctx, permissions);
    const now = clock.now();
    const robot: RobotRecord = {
      id: 0,
      name,
      level: body.level,
      project_id: project?.project_id,
      project_name: project?.name,
      description: typeof body.description === 'string' ? body.description : '',
      duration,
      disable: Boolean(body.disable),
      expires_at: expiresAt(now, duration),
      permissions: permissions.map(p => ({
        kind: p.kind,
        namespace: p.namespace,
        access: (p.access ?? []).map(a => ({
          resource: a.resource,
          action: a.action,
          effect: a.effect ?? 'allow',
        })),
      })),
      // The secret in the body is ignored: Harbor always generates one (harbor#16884).
      secret: state.random.secret(),
      creator_type: ctx.principal.kind === 'robot' ? 'robot' : 'local',
      creator_ref: creatorRef(ctx),
      creation_time: isoTime(now),
      update_time: isoTime(now),
    };
    const fullName = robotFullName(robot);
    if (state.robots.some(r => robotFullName(r) === fullName)) {
      throw conflict(`robot account ${fullName} already exists`);
    }
    robot.id = state.ids.robot.next();
    state.robots.push(robot);
    const response: RobotCreated = {
      id: robot.id,
      name: fullName,
      secret: robot.secret,
      creation_time: robot.creation_time,
      expires_at: robot.expires_at,
    };
    return {
      status: 201,
      body: response,
      headers: { Location: `${API_BASE}/robots/${robot.id}` },
    };
  },

  ListRobot(ctx) {
    const { state } = ctx.core;
    const clauses = parseQuery(queryString(ctx, 'q'));
    const level = clauses.find(c => c.key === 'Level');
    const projectClause = clauses.find(c => c.key === 'ProjectID');
    let projectId: number | undefined;
    if (projectClause) {
      const value =
        projectClause.kind === 'exact' ? Number(projectClause.value) : NaN;
      if (!Number.isInteger(value) || value <= 0) {
        throw badRequest('ProjectID must be a positive integer');
      }
      projectId = value;
      const project = state.projectById(value);
      if (!project) throw notFound(`project ${value} not found`);
      requireProjectAccess(ctx, project, 'robot', 'list');
    } else {
      requireSystemAccess(ctx, 'robot', 'list');
    }
    let robots = state.robots.filter(
      r => projectId === undefined || r.project_id === projectId,
    );
    if (level) robots = robots.filter(r => matchesClause(level, r.level));
    for (const c of clauses) {
      if (c.key === 'name')
        robots = robots.filter(
          r => matchesClause(c, r.name) || matchesClause(c, robotFullName(r)),
        );
    }
    const page = paginate(ctx, sortBy(robots, queryString(ctx, 'sort'), 'id'));
    return {
      status: 200,
      body: page.items.map(robotView),
      headers: page.headers,
    };
  },

  GetRobotByID(ctx) {
    const robot = findRobot(ctx);
    requireRobotAccess(ctx, robot, 'read');
    return ok(robotView(robot));
  },

  UpdateRobot(ctx) {
    const { clock } = ctx.core;
    const robot = findRobot(ctx);
    requireRobotAccess(ctx, robot, 'update');
    const body = bodyObject(ctx);
    if (
      (body.name !== undefined &&
        body.name !== robot.name &&
        body.name !== robotFullName(robot)) ||
      (body.level !== undefined && body.level !== robot.level)
    ) {
      throw badRequest('cannot update the level or name of robot');
    }
    const { permissions, projectName } = validatePermissions(
      ctx,
      robot.level,
      body.permissions ?? robot.permissions,
    );
    if (robot.level === 'project' && projectName !== robot.project_name) {
      throw badRequest('cannot update the project of a project level robot');
    }
    requireScopeWithinCreator(ctx, permissions);
    if (body.duration !== undefined) {
      robot.duration = validateDuration(body.duration);
      robot.expires_at = expiresAt(
        Date.parse(robot.creation_time),
        robot.duration,
      );
    }
    if (typeof body.description === 'string')
      robot.description = body.description;
    if (typeof body.disable === 'boolean') robot.disable = body.disable;
    robot.permissions = permissions;
    robot.update_time = isoTime(clock.now());
    return ok();
  },

  RefreshSec(ctx) {
    const { state, clock } = ctx.core;
    const robot = findRobot(ctx);
    requireRobotAccess(ctx, robot, 'update');
    const body = bodyObject(ctx);
    const secret = body.secret;
    robot.update_time = isoTime(clock.now());
    // Refresh does not extend expires_at (harbor#22256).
    if (typeof secret === 'string' && secret !== '') {
      if (!validSecret(secret)) {
        throw badRequest(
          'the secret must be 8 to 128 characters long with at least one uppercase letter, one lowercase letter and one number',
        );
      }
      robot.secret = secret;
      return ok({});
    }
    robot.secret = state.random.secret();
    return ok({ secret: robot.secret });
  },

  DeleteRobot(ctx) {
    const { state } = ctx.core;
    const robot = findRobot(ctx);
    requireRobotAccess(ctx, robot, 'delete');
    state.robots.splice(state.robots.indexOf(robot), 1);
    return ok();
  },
};
