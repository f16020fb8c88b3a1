import { HarborClock, isoTime } from '../clock';
import { conflict } from '../errors';
import type { RobotPermission } from '../harborTypes';
import {
  HarborState,
  ProjectRecord,
  RobotRecord,
  robotFullName,
} from '../state';

/** A robot account as `POST /robots` creates it. */
export interface NewRobot {
  /** Short name, e.g. `ci`. */
  name: string;
  level: 'system' | 'project';
  /** The project of a project-level robot. */
  project?: ProjectRecord;
  description?: string;
  /** Days, or -1 for never. */
  duration: number;
  disable?: boolean;
  permissions: RobotPermission[];
  /** Harbor generates the secret; the seed passes ones known to tests. */
  secret?: string;
  creator: { type: string; ref: number };
}

/** Permissions as Harbor stores them: every access with its effect (`allow` unless given). */
export function robotPermissions(
  permissions: RobotPermission[],
): RobotPermission[] {
  return permissions.map(p => ({
    kind: p.kind,
    namespace: p.namespace,
    access: (p.access ?? []).map(a => ({
      resource: a.resource,
      action: a.action,
      effect: a.effect ?? 'allow',
    })),
  }));
}

/** Seconds since the epoch when a robot created at `createdMs` expires; -1 for never. */
export function robotExpiresAt(createdMs: number, duration: number): number {
  return duration === -1
    ? -1
    : Math.floor(createdMs / 1000) + duration * 86_400;
}

/** Stores a robot; a robot of the same full name is Harbor's 409. */
export function createRobotRecord(
  state: HarborState,
  clock: HarborClock,
  input: NewRobot,
): RobotRecord {
  const now = clock.now();
  const robot: RobotRecord = {
    id: 0,
    name: input.name,
    level: input.level,
    project_id: input.project?.project_id,
    project_name: input.project?.name,
    description: input.description ?? '',
    duration: input.duration,
    disable: Boolean(input.disable),
    expires_at: robotExpiresAt(now, input.duration),
    permissions: robotPermissions(input.permissions),
    secret: input.secret ?? state.random.secret(),
    creator_type: input.creator.type,
    creator_ref: input.creator.ref,
    creation_time: isoTime(now),
    update_time: isoTime(now),
  };
  const fullName = robotFullName(robot);
  if (state.robots.some(r => robotFullName(r) === fullName)) {
    throw conflict(`robot account ${fullName} already exists`);
  }
  robot.id = state.ids.robot.next();
  state.robots.push(robot);
  return robot;
}
