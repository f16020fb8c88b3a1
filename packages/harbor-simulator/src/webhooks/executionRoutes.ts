import { HarborContext, HarborRoutes, queryString } from '../context';
import { notFound } from '../errors';
import { sortExecutions } from '../executions';
import { pageResult } from '../pagination';
import { requireProjectAccess } from '../rbac';
import { pathId, resolveProject } from '../routes/common';
import type { HarborWebhookDelivery } from './delivery';

/**
 * Harbor's webhook executions (src/pkg/notification/hook/hook.go `StartHook`): each delivery (one event, one
 * policy target) is an execution (`vendor_type` WEBHOOK, `vendor_id` the policy, `trigger` EVENT, `extra_attrs`
 * the event type and payload) with one task whose `run_count` counts the attempts. Execution and task share the
 * delivery's id.
 */
function deliveriesOfPolicy(ctx: HarborContext, action: string) {
  const project = resolveProject(ctx);
  requireProjectAccess(ctx, project, 'notification-policy', action);
  const id = pathId(ctx, 'webhook_policy_id');
  const policy = ctx.core.state.webhookPolicies.find(
    w => w.id === id && w.project_id === project.project_id,
  );
  if (!policy) throw notFound(`webhook policy ${id} not found`);
  return (ctx.core.webhooks?.deliveries ?? []).filter(
    d => d.policyId === policy.id,
  );
}

function findDelivery(ctx: HarborContext, action: string) {
  const id = pathId(ctx, 'execution_id');
  const delivery = deliveriesOfPolicy(ctx, action).find(d => d.id === id);
  if (!delivery) throw notFound(`execution ${id} not found`);
  return delivery;
}

/** Harbor's execution status from its one task: Running until the task ends. */
function executionStatus(d: HarborWebhookDelivery) {
  return d.status === 'Success' || d.status === 'Error' ? d.status : 'Running';
}

function statusMessage(d: HarborWebhookDelivery) {
  const last = d.attempts[d.attempts.length - 1];
  return d.status === 'Error' && last?.error ? last.error : '';
}

function executionView(d: HarborWebhookDelivery) {
  const count = (s: string) => (d.status === s ? 1 : 0);
  return {
    id: d.id,
    vendor_type: 'WEBHOOK',
    vendor_id: d.policyId,
    status: executionStatus(d),
    status_message: statusMessage(d),
    metrics: {
      task_count: 1,
      success_task_count: count('Success'),
      error_task_count: count('Error'),
      pending_task_count: count('Pending'),
      running_task_count: count('Running'),
      scheduled_task_count: 0,
      stopped_task_count: 0,
    },
    trigger: 'EVENT',
    extra_attrs: { event_type: d.eventType, payload: d.body },
    start_time: d.createdAt,
    ...(d.endedAt ? { end_time: d.endedAt } : {}),
  };
}

function taskView(d: HarborWebhookDelivery) {
  const last = d.attempts[d.attempts.length - 1];
  return {
    id: d.id,
    execution_id: d.id,
    status: d.status,
    status_message: statusMessage(d),
    run_count: d.attempts.length,
    extra_attrs: {},
    creation_time: d.createdAt,
    update_time: last?.at ?? d.createdAt,
    start_time: d.attempts[0]?.at ?? d.createdAt,
    ...(d.endedAt ? { end_time: d.endedAt } : {}),
  };
}

/** The job log Harbor's webhook job writes (webhook_job.go `Run`): never the headers. */
function taskLog(d: HarborWebhookDelivery): string {
  return d.attempts
    .flatMap(a => {
      const at = a.at.replace(/\.\d{3}Z$/, 'Z');
      return [
        `${at} [INFO] start to run webhook job`,
        `${at} [INFO] send request to remote endpoint, body: ${d.body}`,
        a.error
          ? `${at} [ERROR] exit webhook job, error: ${a.error}`
          : `${at} [INFO] success to run webhook job`,
      ];
    })
    .map(line => `${line}\n`)
    .join('');
}

const columns = (d: HarborWebhookDelivery) => ({
  id: d.id,
  vendor_id: d.policyId,
  status: executionStatus(d),
  trigger: 'EVENT',
  start_time: Date.parse(d.createdAt),
  end_time: d.endedAt ? Date.parse(d.endedAt) : undefined,
});

export const webhookExecutionRoutes: HarborRoutes = {
  ListExecutionsOfWebhookPolicy(ctx) {
    const deliveries = sortExecutions(
      deliveriesOfPolicy(ctx, 'list'),
      queryString(ctx, 'sort'),
      columns,
    );
    return pageResult(ctx, deliveries, executionView);
  },

  ListTasksOfWebhookExecution(ctx) {
    return pageResult(ctx, [findDelivery(ctx, 'list')], taskView);
  },

  GetLogsOfWebhookTask(ctx) {
    const delivery = findDelivery(ctx, 'read');
    if (pathId(ctx, 'task_id') !== delivery.id) {
      throw notFound(`task ${ctx.params.task_id} not found`);
    }
    return { status: 200, text: taskLog(delivery) };
  },
};
