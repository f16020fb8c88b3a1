import { addRetentionPolicy } from '../builders';
import { isoTime } from '../clock';
import { HarborContext, HarborRoutes, ok, created } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import type { RetentionMetadata, RetentionPolicy } from '../harborTypes';
import { pageResult } from '../pagination';
import { requireAuthenticated, requireProjectAccess } from '../rbac';
import { ProjectRecord, RetentionRecord } from '../state';
import { API_BASE, bodyObject, pathId, validateCron } from './common';

/** The rule templates Harbor advertises (src: pkg/retention/policy/rule/index). */
export const RETENTION_TEMPLATES = [
  'latestPushedK',
  'latestPulledN',
  'nDaysSinceLastPush',
  'nDaysSinceLastPull',
  'always',
];

const METADATA: RetentionMetadata = {
  templates: [
    {
      rule_template: 'latestPushedK',
      display_text: 'the most recently pushed # artifacts',
      action: 'retain',
      params: [{ type: 'int', unit: 'COUNT', required: true }],
    },
    {
      rule_template: 'latestPulledN',
      display_text: 'the most recently pulled # artifacts',
      action: 'retain',
      params: [{ type: 'int', unit: 'COUNT', required: true }],
    },
    {
      rule_template: 'nDaysSinceLastPush',
      display_text: 'pushed within the last # days',
      action: 'retain',
      params: [{ type: 'int', unit: 'DAYS', required: true }],
    },
    {
      rule_template: 'nDaysSinceLastPull',
      display_text: 'pulled within the last # days',
      action: 'retain',
      params: [{ type: 'int', unit: 'DAYS', required: true }],
    },
    {
      rule_template: 'always',
      display_text: 'always',
      action: 'retain',
      params: [],
    },
  ],
  scope_selectors: [
    {
      display_text: 'Repositories',
      kind: 'doublestar',
      decorations: ['repoMatches', 'repoExcludes'],
    },
  ],
  tag_selectors: [
    {
      display_text: 'Tags',
      kind: 'doublestar',
      decorations: ['matches', 'excludes'],
    },
  ],
};

function scopeProject(
  ctx: HarborContext,
  policy: Record<string, any>,
): ProjectRecord {
  const scope = policy.scope;
  if (!scope || scope.level !== 'project' || typeof scope.ref !== 'number') {
    throw badRequest(
      'the scope of a retention policy must be {"level":"project","ref":<project id>}',
    );
  }
  const project = ctx.core.state.projectById(scope.ref);
  if (!project) throw badRequest(`project ${scope.ref} not found`);
  return project;
}

function validatePolicy(policy: Record<string, any>): void {
  if (policy.algorithm !== 'or')
    throw badRequest('the algorithm of a retention policy must be "or"');
  const rules = policy.rules ?? [];
  if (!Array.isArray(rules) || rules.length > 15)
    throw badRequest('a retention policy has at most 15 rules');
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!RETENTION_TEMPLATES.includes(rule.template))
      throw badRequest(`unknown retention rule template ${rule.template}`);
    if (rule.action !== undefined && rule.action !== 'retain')
      throw badRequest(`unknown retention action ${rule.action}`);
    const key = JSON.stringify([
      rule.template,
      rule.params,
      rule.tag_selectors,
      rule.scope_selectors,
    ]);
    if (seen.has(key))
      throw conflict('the retention policy contains duplicate rules');
    seen.add(key);
  }
  if (
    policy.trigger?.kind !== undefined &&
    policy.trigger.kind !== 'Schedule'
  ) {
    throw badRequest(`unknown trigger kind ${policy.trigger.kind}`);
  }
  validateCron(policy.trigger?.settings?.cron);
}

function findRetention(ctx: HarborContext): {
  record: RetentionRecord;
  project: ProjectRecord;
} {
  const id = pathId(ctx, 'id');
  const record = ctx.core.state.retentions.find(r => r.id === id);
  if (!record) throw notFound(`retention policy ${id} not found`);
  const project = ctx.core.state.projectById(record.policy.scope?.ref ?? -1);
  if (!project) throw notFound(`project of retention policy ${id} not found`);
  return { record, project };
}

function executionView(
  ctx: HarborContext,
  record: RetentionRecord,
  e: RetentionRecord['executions'][number],
) {
  const done =
    ctx.core.clock.now() >= e.started_at + ctx.core.replicationDurationMs;
  return {
    id: e.id,
    policy_id: record.id,
    start_time: isoTime(e.started_at),
    end_time: done
      ? isoTime(e.started_at + ctx.core.replicationDurationMs)
      : '',
    status: done ? 'Success' : 'Running',
    trigger: e.trigger,
    dry_run: e.dry_run,
  };
}

export const retentionRoutes: HarborRoutes = {
  getRentenitionMetadata(ctx) {
    requireAuthenticated(ctx);
    return ok(METADATA);
  },

  createRetention(ctx) {
    const { state } = ctx.core;
    const body = bodyObject(ctx);
    const project = scopeProject(ctx, body);
    requireProjectAccess(ctx, project, 'tag-retention', 'create');
    // One policy per project (src: handler/retention.go).
    if (project.metadata.retention_id) {
      throw badRequest(
        `project ${project.project_id} already has retention policy ${project.metadata.retention_id}`,
      );
    }
    validatePolicy(body);
    const { id } = addRetentionPolicy(state, project, body as RetentionPolicy);
    return created(`${API_BASE}/retentions/${id}`);
  },

  getRetention(ctx) {
    const { record, project } = findRetention(ctx);
    requireProjectAccess(ctx, project, 'tag-retention', 'read');
    return ok(record.policy);
  },

  updateRetention(ctx) {
    const { record, project } = findRetention(ctx);
    requireProjectAccess(ctx, project, 'tag-retention', 'update');
    const body = bodyObject(ctx);
    if (
      body.scope &&
      (body.scope.level !== 'project' || body.scope.ref !== project.project_id)
    ) {
      throw badRequest('the scope of a retention policy cannot change');
    }
    validatePolicy(body);
    record.policy = {
      ...(body as RetentionPolicy),
      id: record.id,
      scope: record.policy.scope,
    };
    return ok();
  },

  deleteRetention(ctx) {
    const { state } = ctx.core;
    const { record, project } = findRetention(ctx);
    requireProjectAccess(ctx, project, 'tag-retention', 'delete');
    state.retentions.splice(state.retentions.indexOf(record), 1);
    // Since v2.14 the project's retention_id goes too (#22174).
    delete project.metadata.retention_id;
    return ok();
  },

  triggerRetentionExecution(ctx) {
    const { state, clock } = ctx.core;
    const { record, project } = findRetention(ctx);
    requireProjectAccess(ctx, project, 'tag-retention', 'operate');
    const id = state.ids.retentionExecution.next();
    record.executions.push({
      id,
      dry_run: Boolean(ctx.body?.dry_run),
      trigger: 'MANUAL',
      started_at: clock.now(),
    });
    return created(`${API_BASE}/retentions/${record.id}/executions/${id}`);
  },

  listRetentionExecutions(ctx) {
    const { record, project } = findRetention(ctx);
    requireProjectAccess(ctx, project, 'tag-retention', 'list');
    const executions = [...record.executions].reverse();
    return pageResult(ctx, executions, e => executionView(ctx, record, e));
  },
};
