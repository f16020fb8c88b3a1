import { auditLogExtView, auditLogView } from '../auditLog';
import { HarborContext, HarborRoutes, queryString } from '../context';
import { pageResult } from '../pagination';
import { matchesClause, parseQuery, sortBy } from '../query';
import {
  projectPermits,
  requireAuthenticated,
  requireProjectAccess,
  systemPermits,
} from '../rbac';
import { AuditLogRecord } from '../state';
import { resolveProject } from './common';

/** The `q` keys Harbor's audit-log lists filter on; time ranges use `"2006-01-02 15:04:05"`. */
function matchesAuditClause(
  clause: ReturnType<typeof parseQuery>[number],
  record: AuditLogRecord,
): boolean {
  switch (clause.key) {
    case 'operation':
    case 'resource':
    case 'resource_type':
    case 'username':
      return matchesClause(clause, record[clause.key]);
    case 'op_time':
      return matchesClause(
        clause,
        record.op_time.replace('T', ' ').slice(0, 19),
      );
    default:
      return true;
  }
}

/**
 * What the system-wide lists show: everything to a sysadmin (or a system robot allowed `audit-log:list`),
 * otherwise the projects where the caller may list logs (Spec: "projects which the user is a member with
 * project admin role").
 */
function visibleRecords(ctx: HarborContext): AuditLogRecord[] {
  requireAuthenticated(ctx);
  const { state } = ctx.core;
  const p = ctx.principal;
  if (systemPermits(p, 'audit-log', 'list')) return state.auditLogs;
  const allowed = new Set(
    state.projects
      .filter(project =>
        project.metadata.public === 'true'
          ? false
          : projectPermits(state, p, project, 'log', 'list'),
      )
      .map(project => project.project_id),
  );
  return state.auditLogs.filter(r => allowed.has(r.project_id));
}

function projectRecords(ctx: HarborContext): AuditLogRecord[] {
  const project = resolveProject(ctx);
  requireAuthenticated(ctx);
  requireProjectAccess(ctx, project, 'log', 'list');
  return ctx.core.state.auditLogs.filter(
    r => r.project_id === project.project_id,
  );
}

/** One page of records, filtered and sorted (newest first, as Harbor lists them), in the shape asked for. */
function answer<T>(
  ctx: HarborContext,
  records: AuditLogRecord[],
  view: (record: AuditLogRecord) => T,
) {
  let out = records;
  for (const clause of parseQuery(queryString(ctx, 'q'))) {
    out = out.filter(r => matchesAuditClause(clause, r));
  }
  return pageResult(
    ctx,
    sortBy(out, queryString(ctx, 'sort'), '-op_time,-id'),
    view,
  );
}

export const auditLogRoutes: HarborRoutes = {
  listAuditLogExts: ctx => answer(ctx, visibleRecords(ctx), auditLogExtView),
  getLogExts: ctx => answer(ctx, projectRecords(ctx), auditLogExtView),
  // The deprecated lists answer the older AuditLog shape from the same records.
  listAuditLogs: ctx => answer(ctx, visibleRecords(ctx), auditLogView),
  getLogs: ctx => answer(ctx, projectRecords(ctx), auditLogView),

  listAuditLogEventTypes(ctx) {
    requireAuthenticated(ctx);
    return {
      status: 200,
      body: [
        'create_artifact',
        'delete_artifact',
        'pull_artifact',
        'create_tag',
        'delete_tag',
        'delete_repository',
        'create_project',
        'delete_project',
      ].map(event_type => ({ event_type })),
    };
  },
};
