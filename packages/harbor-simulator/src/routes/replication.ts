import { isoTime } from '../clock';
import {
  HarborContext,
  HarborRoutes,
  ok,
  queryString,
  created,
} from '../context';
import { badRequest, conflict, notFound, precondition } from '../errors';
import { ExecutionColumns, sortExecutions } from '../executions';
import type {
  ReplicationExecution,
  ReplicationPolicy,
  ReplicationTask,
} from '../harborTypes';
import { pageResult } from '../pagination';
import { matchesClause, parseQuery } from '../query';
import { requireSystemAccess } from '../rbac';
import { runCopyJob } from '../replication/copyJob';
import { ReplicationExecutionRecord, ReplicationTaskRecord } from '../state';
import {
  API_BASE,
  bodyObject,
  pathId,
  recordInPath,
  validateCron,
} from './common';

type StoredPolicy = ReplicationPolicy & { id: number };
type ExecutionStatus = 'InProgress' | 'Succeed' | 'Failed' | 'Stopped';

/**
 * An execution runs for the simulator's execution duration (the clock) and, when it copies from a
 * docker-registry source, until its copy job has ended too; then it fails when the job failed as a whole or
 * any task failed (Harbor derives the execution's status from its tasks).
 */
function executionStatus(
  ctx: HarborContext,
  e: ReplicationExecutionRecord,
): ExecutionStatus {
  if (e.stopped_at !== undefined) return 'Stopped';
  if (ctx.core.clock.now() < e.started_at + ctx.core.replicationDurationMs)
    return 'InProgress';
  if (!e.copy) return 'Succeed';
  if (!e.copy.done) return 'InProgress';
  return e.copy.error || e.copy.tasks.some(t => t.status === 'Failed')
    ? 'Failed'
    : 'Succeed';
}

/** A task shows its outcome once its execution has one; before that it is in progress. */
function taskStatus(
  execution: ExecutionStatus,
  task: ReplicationTaskRecord,
): ExecutionStatus {
  if (execution === 'InProgress') return 'InProgress';
  if (execution === 'Stopped' && task.status === 'InProgress') return 'Stopped';
  return task.status;
}

function endTime(ctx: HarborContext, e: ReplicationExecutionRecord): number {
  if (e.stopped_at !== undefined) return e.stopped_at;
  return Math.max(
    e.started_at + ctx.core.replicationDurationMs,
    e.copy?.finished_at ?? 0,
  );
}

function executionView(
  ctx: HarborContext,
  e: ReplicationExecutionRecord,
): ReplicationExecution {
  const status = executionStatus(ctx, e);
  const view: ReplicationExecution = {
    id: e.id,
    policy_id: e.policy_id,
    status,
    status_text: status === 'Failed' ? e.copy?.error ?? '' : '',
    trigger: e.trigger,
    start_time: isoTime(e.started_at),
    total: e.total,
    failed: 0,
    succeed: status === 'Succeed' ? e.total : 0,
    in_progress: status === 'InProgress' ? e.total : 0,
    stopped: status === 'Stopped' ? e.total : 0,
  };
  if (e.copy) {
    const counts = { InProgress: 0, Succeed: 0, Failed: 0, Stopped: 0 };
    for (const t of e.copy.tasks) counts[taskStatus(status, t)]++;
    Object.assign(view, {
      total: e.copy.tasks.length,
      failed: counts.Failed,
      succeed: counts.Succeed,
      in_progress: counts.InProgress,
      stopped: counts.Stopped,
    });
  }
  if (status !== 'InProgress') view.end_time = isoTime(endTime(ctx, e));
  return view;
}

/** Harbor stores the job status and shows it converted (Running → InProgress, Success → Succeed, Error → Failed). */
const STORED_STATUS: Record<ExecutionStatus, string> = {
  InProgress: 'Running',
  Succeed: 'Success',
  Failed: 'Error',
  Stopped: 'Stopped',
};

function executionColumns(
  ctx: HarborContext,
  e: ReplicationExecutionRecord,
): ExecutionColumns {
  const status = executionStatus(ctx, e);
  const ended = status === 'InProgress' ? undefined : endTime(ctx, e);
  return {
    id: e.id,
    vendor_id: e.policy_id,
    status: STORED_STATUS[status],
    status_message: status === 'Failed' ? e.copy?.error ?? '' : '',
    trigger: e.trigger,
    start_time: e.started_at,
    update_time: ended ?? e.started_at,
    end_time: ended,
  };
}

function findExecution(ctx: HarborContext): ReplicationExecutionRecord {
  return recordInPath(
    ctx,
    'id',
    ctx.core.state.replicationExecutions,
    'replication execution',
  );
}

/**
 * Starts the copy of a pull replication from a docker-registry endpoint, with the endpoint's URL and
 * credentials as registered. Other sources (and push mode) only record an execution that succeeds in time.
 */
function startCopy(
  ctx: HarborContext,
  policy: StoredPolicy,
  execution: ReplicationExecutionRecord,
) {
  const jobs = ctx.core.replicationJobs;
  const registry = ctx.core.state.registries.find(
    r => r.id === policy.src_registry?.id,
  );
  if (!jobs || !registry || registry.type !== 'docker-registry') return;
  execution.copy = { done: false, tasks: [] };
  const snapshot = {
    filters: (policy.filters ?? []).map(f => ({ ...f })),
    dest_namespace: policy.dest_namespace,
    dest_namespace_replace_count: policy.dest_namespace_replace_count,
    override: policy.override,
  };
  const endpoint = {
    url: registry.url ?? '',
    username: registry.credential?.access_key,
    password: registry.credential?.access_secret,
    insecure: registry.insecure,
    caCertificate: (registry as { ca_certificate?: string }).ca_certificate,
  };
  jobs.start(execution.id, signal =>
    runCopyJob(ctx.core, execution, endpoint, snapshot, signal),
  );
}

function validatePolicy(ctx: HarborContext, body: Record<string, any>) {
  if (typeof body.name !== 'string' || !body.name)
    throw badRequest('the name of the replication policy is required');
  const src = body.src_registry?.id ?? 0;
  const dest = body.dest_registry?.id ?? 0;
  if ((src === 0) === (dest === 0)) {
    throw badRequest(
      "either src_registry or dest_registry should be empty and the other one shouldn't be empty",
    );
  }
  const registry = ctx.core.state.registries.find(r => r.id === (src || dest));
  if (!registry) throw badRequest(`registry ${src || dest} not found`);
  const trigger = body.trigger ?? { type: 'manual' };
  if (!['manual', 'scheduled', 'event_based'].includes(trigger.type))
    throw badRequest(`invalid trigger type ${trigger.type}`);
  if (trigger.type === 'scheduled') {
    const cron = trigger.trigger_settings?.cron;
    if (!cron)
      throw badRequest(
        'the cron string cannot be empty for a scheduled trigger',
      );
    validateCron(cron);
    if (String(cron).trim().split(/\s+/)[1] === '*')
      throw badRequest('the minute field of the cron string cannot be "*"');
  }
  // Pulling from a plain registry cannot be event based: it sends no events (src: adapter/native).
  if (
    trigger.type === 'event_based' &&
    src &&
    registry.type === 'docker-registry'
  ) {
    throw badRequest(
      'the docker-registry adapter does not support the event_based trigger',
    );
  }
  if (
    body.dest_namespace !== undefined &&
    body.dest_namespace !== '' &&
    !/^[a-z0-9]+(?:[._-][a-z0-9]+)*(\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(
      body.dest_namespace,
    )
  ) {
    throw badRequest(`invalid dest_namespace ${body.dest_namespace}`);
  }
  for (const f of body.filters ?? []) {
    if (!['name', 'tag', 'label', 'resource'].includes(f.type))
      throw badRequest(`invalid filter type ${f.type}`);
  }
  return { registry, trigger };
}

function findPolicy(ctx: HarborContext): StoredPolicy {
  return recordInPath(
    ctx,
    'id',
    ctx.core.state.replicationPolicies,
    'replication policy',
  );
}

function policyView(
  ctx: HarborContext,
  policy: StoredPolicy,
): ReplicationPolicy {
  const registry = (id?: number) => {
    const r = ctx.core.state.registries.find(x => x.id === id);
    return r
      ? {
          id: r.id,
          name: r.name,
          type: r.type,
          url: r.url,
          insecure: r.insecure,
          status: r.status,
        }
      : undefined;
  };
  const view: ReplicationPolicy = { ...policy };
  const src = registry(policy.src_registry?.id);
  const dest = registry(policy.dest_registry?.id);
  if (src) view.src_registry = src;
  else delete view.src_registry;
  if (dest) view.dest_registry = dest;
  else delete view.dest_registry;
  return view;
}

export const replicationRoutes: HarborRoutes = {
  createReplicationPolicy(ctx) {
    requireSystemAccess(ctx, 'replication-policy', 'create');
    const { state, clock } = ctx.core;
    const body = bodyObject(ctx);
    const { trigger } = validatePolicy(ctx, body);
    if (state.replicationPolicies.some(p => p.name === body.name))
      throw conflict(`policy ${body.name} already exists`);
    const now = isoTime(clock.now());
    const id = state.ids.replicationPolicy.next();
    state.replicationPolicies.push({
      id,
      name: body.name,
      description: body.description ?? '',
      src_registry: body.src_registry?.id
        ? { id: body.src_registry.id }
        : undefined,
      dest_registry: body.dest_registry?.id
        ? { id: body.dest_registry.id }
        : undefined,
      dest_namespace: body.dest_namespace ?? '',
      dest_namespace_replace_count: body.dest_namespace_replace_count ?? -1,
      trigger,
      filters: body.filters ?? [],
      replicate_deletion: Boolean(body.replicate_deletion ?? body.deletion),
      deletion: Boolean(body.replicate_deletion ?? body.deletion),
      override: body.override ?? true,
      enabled: body.enabled ?? true,
      speed: body.speed ?? -1,
      copy_by_chunk: Boolean(body.copy_by_chunk),
      single_active_replication: Boolean(body.single_active_replication),
      creation_time: now,
      update_time: now,
    } as StoredPolicy);
    return created(`${API_BASE}/replication/policies/${id}`);
  },

  listReplicationPolicies(ctx) {
    requireSystemAccess(ctx, 'replication-policy', 'list');
    let policies = ctx.core.state.replicationPolicies;
    const name = queryString(ctx, 'name');
    if (name) policies = policies.filter(p => p.name === name);
    for (const c of parseQuery(queryString(ctx, 'q'))) {
      if (c.key === 'name')
        policies = policies.filter(p => matchesClause(c, p.name));
    }
    return pageResult(ctx, policies, p => policyView(ctx, p));
  },

  getReplicationPolicy(ctx) {
    requireSystemAccess(ctx, 'replication-policy', 'read');
    return ok(policyView(ctx, findPolicy(ctx)));
  },

  updateReplicationPolicy(ctx) {
    requireSystemAccess(ctx, 'replication-policy', 'update');
    const { state, clock } = ctx.core;
    const policy = findPolicy(ctx);
    const body = bodyObject(ctx);
    const { trigger } = validatePolicy(ctx, body);
    if (
      state.replicationPolicies.some(p => p !== policy && p.name === body.name)
    )
      throw conflict(`policy ${body.name} already exists`);
    Object.assign(policy, {
      name: body.name,
      description: body.description ?? policy.description,
      src_registry: body.src_registry?.id
        ? { id: body.src_registry.id }
        : undefined,
      dest_registry: body.dest_registry?.id
        ? { id: body.dest_registry.id }
        : undefined,
      dest_namespace: body.dest_namespace ?? policy.dest_namespace,
      dest_namespace_replace_count:
        body.dest_namespace_replace_count ??
        policy.dest_namespace_replace_count,
      trigger,
      filters: body.filters ?? policy.filters,
      override: body.override ?? policy.override,
      enabled: body.enabled ?? policy.enabled,
      update_time: isoTime(clock.now()),
    });
    return ok();
  },

  deleteReplicationPolicy(ctx) {
    requireSystemAccess(ctx, 'replication-policy', 'delete');
    const { state } = ctx.core;
    const policy = findPolicy(ctx);
    if (
      state.replicationExecutions.some(
        e =>
          e.policy_id === policy.id && executionStatus(ctx, e) === 'InProgress',
      )
    ) {
      throw precondition(
        `the policy ${policy.name} has running executions, can not be deleted`,
      );
    }
    state.replicationPolicies.splice(
      state.replicationPolicies.indexOf(policy),
      1,
    );
    return ok();
  },

  startReplication(ctx) {
    requireSystemAccess(ctx, 'replication', 'create');
    const { state, clock } = ctx.core;
    const policyId = bodyObject(ctx).policy_id;
    const policy = state.replicationPolicies.find(p => p.id === policyId);
    if (!policy) throw notFound(`replication policy ${policyId} not found`);
    if (!policy.enabled)
      throw precondition(`the policy ${policy.name} is disabled`);
    const id = state.ids.replicationExecution.next();
    const execution: ReplicationExecutionRecord = {
      id,
      policy_id: policy.id,
      trigger: 'manual',
      started_at: clock.now(),
      total: Math.max(1, (policy.filters ?? []).length + 2),
    };
    state.replicationExecutions.push(execution);
    startCopy(ctx, policy, execution);
    return created(`${API_BASE}/replication/executions/${id}`);
  },

  listReplicationExecutions(ctx) {
    requireSystemAccess(ctx, 'replication', 'list');
    let executions = ctx.core.state.replicationExecutions;
    const policyId = queryString(ctx, 'policy_id');
    if (policyId)
      executions = executions.filter(e => String(e.policy_id) === policyId);
    const trigger = queryString(ctx, 'trigger');
    if (trigger) executions = executions.filter(e => e.trigger === trigger);
    const status = queryString(ctx, 'status');
    if (status)
      executions = executions.filter(e => executionStatus(ctx, e) === status);
    executions = sortExecutions(executions, queryString(ctx, 'sort'), e =>
      executionColumns(ctx, e),
    );
    return pageResult(ctx, executions, e => executionView(ctx, e));
  },

  getReplicationExecution(ctx) {
    requireSystemAccess(ctx, 'replication', 'read');
    return ok(executionView(ctx, findExecution(ctx)));
  },

  stopReplication(ctx) {
    requireSystemAccess(ctx, 'replication', 'update');
    const execution = findExecution(ctx);
    if (executionStatus(ctx, execution) === 'InProgress') {
      execution.stopped_at = ctx.core.clock.now();
      ctx.core.replicationJobs?.stop(execution.id);
    }
    return ok();
  },

  listReplicationTasks(ctx) {
    requireSystemAccess(ctx, 'replication', 'list');
    const execution = findExecution(ctx);
    const status = executionStatus(ctx, execution);
    let tasks = (execution.copy?.tasks ?? []).map(t => {
      const shown = taskStatus(status, t);
      const view: ReplicationTask = {
        id: t.id,
        execution_id: t.execution_id,
        status: shown,
        job_id: t.job_id,
        operation: 'copy',
        resource_type: 'image',
        src_resource: t.src_resource,
        dst_resource: t.dst_resource,
        start_time: isoTime(t.started_at),
      };
      if (shown !== 'InProgress')
        view.end_time = isoTime(endTime(ctx, execution));
      return view;
    });
    const wanted = queryString(ctx, 'status');
    if (wanted) tasks = tasks.filter(t => t.status === wanted);
    const resourceType = queryString(ctx, 'resource_type');
    if (resourceType)
      tasks = tasks.filter(t => t.resource_type === resourceType);
    return pageResult(ctx, tasks);
  },

  getReplicationLog(ctx) {
    requireSystemAccess(ctx, 'replication', 'read');
    const execution = findExecution(ctx);
    const taskId = pathId(ctx, 'task_id');
    const task = execution.copy?.tasks.find(t => t.id === taskId);
    if (!task) throw notFound(`replication task ${taskId} not found`);
    return {
      status: 200,
      text: task.log.map(line => `${line}\n`).join(''),
    };
  },
};
