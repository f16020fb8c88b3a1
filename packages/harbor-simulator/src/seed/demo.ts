import { recordAuditLog } from '../auditLog';
import {
  addImmutableRule,
  addProjectMember,
  addRegistry,
  addRetentionPolicy,
  addUserGroup,
  addWebhookPolicy,
  createProjectRecord,
  createRobotRecord,
  pushArtifact,
} from '../builders';
import { HarborClock, isoTime } from '../clock';
import { HarborState, ProjectRecord } from '../state';
import {
  DEMO_ARTIFACTS,
  DEMO_AUDIT_HISTORY,
  DEMO_GC_RUNS,
  DEMO_IMMUTABLE_RULE,
  DEMO_LABELS,
  DEMO_MEMBERS,
  DEMO_PROJECTS,
  DEMO_REGISTRY,
  DEMO_RETENTION,
  DEMO_ROBOT_ACCOUNTS,
  DEMO_USER_GROUPS,
  DEMO_WEBHOOK,
} from './demoData';

const DAY = 86_400_000;

/** The demo seed (`demoData.ts`) built through the routes' record builders. */
export function seedDemo(state: HarborState, clock: HarborClock) {
  const now = clock.now();
  const at = (daysAgo: number): HarborClock => ({
    now: () => now - daysAgo * DAY,
  });
  const project = (name: string): ProjectRecord => state.projectByName(name)!;

  DEMO_USER_GROUPS.forEach(group => addUserGroup(state, group));
  const labelTime = isoTime(at(400).now());
  for (const label of DEMO_LABELS) {
    state.labels.push({
      id: state.ids.label.next(),
      ...label,
      scope: 'g',
      project_id: 0,
      creation_time: labelTime,
      update_time: labelTime,
    });
  }
  seedProjects(state, at);
  for (const artifact of DEMO_ARTIFACTS) {
    pushArtifact(state, clock, {
      ...artifact,
      pushTime: at(artifact.daysAgo).now(),
    });
  }

  const created = at(90);
  for (const robot of DEMO_ROBOT_ACCOUNTS) {
    createRobotRecord(state, created, {
      ...robot,
      project: robot.level === 'project' ? project(robot.project!) : undefined,
      creator: { type: 'local', ref: 1 },
    });
  }
  const retained = project(DEMO_RETENTION.project);
  addRetentionPolicy(state, retained, {
    ...DEMO_RETENTION.policy,
    scope: { level: 'project', ref: retained.project_id },
  });
  addImmutableRule(
    state,
    project(DEMO_IMMUTABLE_RULE.project),
    DEMO_IMMUTABLE_RULE.rule,
  );
  addWebhookPolicy(
    state,
    created,
    project(DEMO_WEBHOOK.project),
    DEMO_WEBHOOK.policy,
    'admin',
  );
  addRegistry(state, created, DEMO_REGISTRY);
  seedHistory(state, at);
}

/** The projects, each with admin as projectAdmin, then the other members. */
function seedProjects(
  state: HarborState,
  at: (daysAgo: number) => HarborClock,
) {
  const admin = state.userByName('admin');
  for (const { daysAgo, cveAllowlist, ...input } of DEMO_PROJECTS) {
    const project = createProjectRecord(state, at(daysAgo), input);
    if (admin) {
      const entity = { entity_id: admin.user_id, entity_name: admin.username };
      addProjectMember(state, project, { entity_type: 'u', ...entity }, 1);
    }
    if (cveAllowlist) {
      project.cve_allowlist.items = cveAllowlist.map(cve_id => ({ cve_id }));
    }
  }
  for (const member of DEMO_MEMBERS) {
    const project = state.projectByName(member.project)!;
    if (member.user) {
      const user = state.userByName(member.user);
      if (!user) continue;
      const entity = { entity_id: user.user_id, entity_name: user.username };
      addProjectMember(
        state,
        project,
        { entity_type: 'u', ...entity },
        member.roleId,
      );
    } else {
      const group = state.userGroups.find(g => g.group_name === member.group)!;
      const entity = { entity_id: group.id, entity_name: group.group_name };
      addProjectMember(
        state,
        project,
        { entity_type: 'g', ...entity },
        member.roleId,
      );
    }
  }
}

/** Garbage collections and audit entries that happened before now. */
function seedHistory(state: HarborState, at: (daysAgo: number) => HarborClock) {
  for (const [daysAgo, minutes] of DEMO_GC_RUNS) {
    const started = at(daysAgo).now();
    state.gcHistory.push({
      id: state.ids.gc.next(),
      job_kind: 'SCHEDULE',
      job_parameters: '{"delete_untagged":true,"workers":1}',
      job_status: 'Success',
      schedule_type: 'Weekly',
      creation_time: isoTime(started),
      update_time: isoTime(started + minutes * 60_000),
    });
  }
  DEMO_AUDIT_HISTORY.forEach(
    ([project, username, resource, operation, type], i) =>
      recordAuditLog(state, {
        projectId: state.projectByName(project)!.project_id,
        username,
        resource,
        resourceType: type,
        operation,
        time: at(4 - i * 0.5).now(),
      }),
  );
}
