import { isoTime } from './clock';
import { HarborContext, principalName } from './context';
import type { AuditLogExt, AuditLog } from './harborTypes';
import type { AuditLogRecord, HarborState } from './state';

/** Harbor's accessory types (src/pkg/accessory/model): what `Accessory.type` says. */
export const ACCESSORY_COSIGN_SIGNATURE = 'signature.cosign';
export const ACCESSORY_NOTATION_SIGNATURE = 'signature.notation';
export const ACCESSORY_HARBOR_SBOM = 'harbor.sbom';

/** @public */
export interface NewAuditLog {
  projectId: number;
  username: string;
  resource: string;
  resourceType: 'artifact' | 'tag' | 'repository' | 'project';
  operation: 'create' | 'delete' | 'pull';
  /** Epoch milliseconds. */
  time: number;
  /** Default true; a refused pull is recorded as failed. */
  result?: boolean;
}

/**
 * Records what Harbor's audit-log event handlers record: pushes (create artifact), pulls, deletes of
 * artifacts, tags, repositories and projects, and project creation. Skipped when the configuration says
 * `skip_audit_log_database`, as Harbor then only forwards them.
 */
export function recordAuditLog(
  state: HarborState,
  input: NewAuditLog,
): AuditLogRecord | undefined {
  if (state.configuration.skip_audit_log_database) return undefined;
  const record: AuditLogRecord = {
    id: state.ids.auditLog.next(),
    project_id: input.projectId,
    username: input.username,
    resource: input.resource,
    resource_type: input.resourceType,
    operation: input.operation,
    operation_description: `${input.operation} ${input.resourceType}: ${input.resource}`,
    operation_result: input.result ?? true,
    op_time: isoTime(input.time),
  };
  state.auditLogs.push(record);
  return record;
}

/** The `AuditLogExt` shape of `/auditlog-exts`. */
export function auditLogExtView(record: AuditLogRecord): AuditLogExt {
  return {
    id: record.id,
    username: record.username,
    resource: record.resource,
    resource_type: record.resource_type,
    operation: record.operation,
    operation_description: record.operation_description,
    operation_result: record.operation_result,
    op_time: record.op_time,
  };
}

/** The deprecated `AuditLog` shape of `/audit-logs` and `/projects/{p}/logs`: the same without the outcome. */
export function auditLogView(record: AuditLogRecord): AuditLog {
  const {
    operation_description: _description,
    operation_result: _result,
    ...view
  } = auditLogExtView(record);
  return view;
}

/** Records an API operation by the caller of `ctx`, now. */
export function auditOperation(
  ctx: HarborContext,
  projectId: number,
  resourceType: NewAuditLog['resourceType'],
  operation: NewAuditLog['operation'],
  resource: string,
): void {
  recordAuditLog(ctx.core.state, {
    projectId,
    username: principalName(ctx.principal),
    resource,
    resourceType,
    operation,
    time: ctx.core.clock.now(),
  });
}
