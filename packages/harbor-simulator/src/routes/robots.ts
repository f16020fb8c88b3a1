import {
  createRobotRecord,
  robotExpiresAt,
  robotPermissions,
} from '../builders';
import { isoTime } from '../clock';
import { HarborContext, HarborRoutes, ok, queryString } from '../context';
import { badRequest, denied, notFound } from '../errors';
import type { Robot, RobotCreated, RobotPermission } from '../harborTypes';
import { pageResult } from '../pagination';
import { matchesClause, parseQuery, sortBy } from '../query';
import { requireProjectAccess, requireSystemAccess } from '../rbac';
import { RobotRecord, robotFullName } from '../state';
import { API_BASE, bodyObject, recordInPath } from './common';
import { isRobotAccess } from './robotAccess';

/** Lower-case runs joined by single `.`, `_` or `-`; `+` is reserved to join project and name (src: robot.go). */
const ROBOT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

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
    permissions: structuredClone(robot.permissions),
    creator_type: robot.creator_type,
    creator_ref: robot.creator_ref,
    creation_time: robot.creation_time,
    update_time: robot.update_time,
  };
}

/**
 * -1 (never) or a positive number of days below 2^31 (src/server/v2.0/handler/robot.go `isValidDuration`). A
 * robot created without one is refused: `RobotCreate.duration` is a plain int64, so Go reads a missing value as 0.
 */
function validateDuration(duration: unknown): number {
  if (
    typeof duration !== 'number' ||
    !Number.isInteger(duration) ||
    (duration < 1 && duration !== -1) ||
    duration >= 2 ** 31
  ) {
    throw badRequest(
      `bad request error duration input: ${
        duration ?? 0
      }, duration must be either -1(Never) or a positive integer`,
    );
  }
  return duration;
}

/** One permission entry: its kind, its namespace and every access (src/server/v2.0/handler/robot.go `validate`). */
function validatePermission(ctx: HarborContext, p: RobotPermission) {
  if (p.kind !== 'system' && p.kind !== 'project')
    throw badRequest(`bad request permission level: ${p.kind}`);
  if (p.kind === 'system' && p.namespace !== '/')
    throw badRequest(
      'bad request permission: the namespace of a system permission must be "/"',
    );
  if (
    p.kind === 'project' &&
    p.namespace !== '*' &&
    !ctx.core.state.projectByName(String(p.namespace))
  ) {
    throw badRequest(
      `bad request permission: project ${p.namespace} not found`,
    );
  }
  if (!Array.isArray(p.access) || p.access.length === 0)
    throw badRequest('bad request empty access');
  for (const a of p.access) {
    if (!isRobotAccess(p.kind, a.resource, a.action))
      throw badRequest(`bad request permission: ${a.resource}:${a.action}`);
    if (a.effect !== undefined && a.effect !== 'allow' && a.effect !== 'deny')
      throw badRequest(`bad request permission: effect ${a.effect}`);
  }
}

/** Validates the permission list; a project robot has exactly one entry for its project (src: handler/robot.go). */
function validatePermissions(
  ctx: HarborContext,
  level: string,
  value: unknown,
): { permissions: RobotPermission[]; projectName?: string } {
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest('bad request empty permission');
  const permissions = value as RobotPermission[];
  permissions.forEach(p => validatePermission(ctx, p));
  if (level === 'project') {
    const only = permissions[0];
    if (
      permissions.length !== 1 ||
      only.kind !== 'project' ||
      only.namespace === '*'
    ) {
      throw badRequest(
        'bad request permission: a project level robot needs exactly one project permission',
      );
    }
    return { permissions, projectName: only.namespace };
  }
  if (permissions.filter(p => p.kind === 'system').length > 1) {
    throw badRequest(
      'bad request permission: only one system permission is allowed',
    );
  }
  return { permissions };
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
  return recordInPath(ctx, 'robot_id', ctx.core.state.robots, 'robot');
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
    const duration = validateDuration(body.duration);
    if (body.level !== 'system' && body.level !== 'project') {
      throw badRequest(
        `bad request level ${body.level}: must be "system" or "project"`,
      );
    }
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
    // The secret in the body is ignored: Harbor always generates one (harbor#16884).
    const robot = createRobotRecord(state, clock, {
      name,
      level: body.level,
      project,
      description: typeof body.description === 'string' ? body.description : '',
      duration,
      disable: body.disable,
      permissions,
      creator: {
        type: ctx.principal.kind === 'robot' ? 'robot' : 'local',
        ref: creatorRef(ctx),
      },
    });
    const response: RobotCreated = {
      id: robot.id,
      name: robotFullName(robot),
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
    return pageResult(
      ctx,
      sortBy(robots, queryString(ctx, 'sort'), 'id'),
      robotView,
    );
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
    // `Robot.duration` is nullable: without one the robot keeps its own (src: handler/robot.go `updateV2Robot`).
    if (body.duration !== undefined && body.duration !== null) {
      robot.duration = validateDuration(body.duration);
      robot.expires_at = robotExpiresAt(
        Date.parse(robot.creation_time),
        robot.duration,
      );
    }
    if (typeof body.description === 'string')
      robot.description = body.description;
    if (typeof body.disable === 'boolean') robot.disable = body.disable;
    robot.permissions = robotPermissions(permissions);
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
