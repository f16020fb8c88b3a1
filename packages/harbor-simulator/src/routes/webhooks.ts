import { HARBOR_WEBHOOK_EVENT_TYPES } from '@backstage-harbor/plugin-harbor-node';
import { addWebhookPolicy, WebhookPolicyFields } from '../builders';
import { isoTime } from '../clock';
import { HarborContext, HarborRoutes, ok, created } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import { pageResult } from '../pagination';
import { principalName } from '../context';
import { requireProjectAccess } from '../rbac';
import { ProjectRecord } from '../state';
import { API_BASE, bodyObject, pathId, resolveProject } from './common';

function validatePolicy(body: Record<string, any>): WebhookPolicyFields {
  if (typeof body.name !== 'string' || body.name === '')
    throw badRequest('the name of a webhook policy is required');
  const targets = body.targets;
  if (!Array.isArray(targets) || targets.length === 0)
    throw badRequest('empty notify target with policy');
  for (const t of targets) {
    if (t.type !== 'http' && t.type !== 'slack')
      throw badRequest(`unsupported target type ${t.type}`);
    if (!t.address) throw badRequest('empty notify target address');
    if (t.type === 'slack' && t.payload_format)
      throw badRequest('payload format is not supported for slack targets');
    if (
      t.payload_format &&
      !['Default', 'CloudEvents'].includes(t.payload_format)
    )
      throw badRequest(`unsupported payload format ${t.payload_format}`);
  }
  const events = body.event_types ?? [];
  for (const e of events)
    if (!HARBOR_WEBHOOK_EVENT_TYPES.includes(e))
      throw badRequest(`unsupported event type ${e}`);
  return {
    name: body.name,
    description: body.description ?? '',
    enabled: body.enabled ?? true,
    event_types: events,
    targets: targets.map((t: any) => ({
      ...t,
      payload_format:
        t.type === 'http' ? t.payload_format ?? 'Default' : undefined,
    })),
  };
}

function findPolicy(ctx: HarborContext, project: ProjectRecord) {
  const id = pathId(ctx, 'webhook_policy_id');
  const policy = ctx.core.state.webhookPolicies.find(
    w => w.id === id && w.project_id === project.project_id,
  );
  if (!policy) throw notFound(`webhook policy ${id} not found`);
  return policy;
}

export const webhookRoutes: HarborRoutes = {
  ListWebhookPoliciesOfProject(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'notification-policy', 'list');
    return pageResult(
      ctx,
      ctx.core.state.webhookPolicies.filter(
        w => w.project_id === project.project_id,
      ),
    );
  },

  CreateWebhookPolicyOfProject(ctx) {
    const { state, clock } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'notification-policy', 'create');
    const fields = validatePolicy(bodyObject(ctx));
    if (
      state.webhookPolicies.some(
        w => w.project_id === project.project_id && w.name === fields.name,
      )
    ) {
      throw conflict(`notification policy named ${fields.name} already exists`);
    }
    const id = addWebhookPolicy(
      state,
      clock,
      project,
      fields,
      principalName(ctx.principal),
    );
    return created(
      `${API_BASE}/projects/${ctx.params.project_name_or_id}/webhook/policies/${id}`,
    );
  },

  GetWebhookPolicyOfProject(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'notification-policy', 'read');
    return ok(findPolicy(ctx, project));
  },

  UpdateWebhookPolicyOfProject(ctx) {
    const { state, clock } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'notification-policy', 'update');
    const policy = findPolicy(ctx, project);
    const fields = validatePolicy(bodyObject(ctx));
    if (
      state.webhookPolicies.some(
        w =>
          w !== policy &&
          w.project_id === project.project_id &&
          w.name === fields.name,
      )
    ) {
      throw conflict(`notification policy named ${fields.name} already exists`);
    }
    Object.assign(policy, fields, { update_time: isoTime(clock.now()) });
    return ok();
  },

  DeleteWebhookPolicyOfProject(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'notification-policy', 'delete');
    const policy = findPolicy(ctx, project);
    state.webhookPolicies.splice(state.webhookPolicies.indexOf(policy), 1);
    return ok();
  },

  GetSupportedEventTypes(ctx) {
    const project = resolveProject(ctx);
    requireProjectAccess(ctx, project, 'notification-policy', 'read');
    return ok({
      event_type: HARBOR_WEBHOOK_EVENT_TYPES,
      notify_type: ['http', 'slack'],
      payload_formats: [
        { notify_type: 'http', formats: ['Default', 'CloudEvents'] },
        { notify_type: 'slack', formats: ['Default'] },
      ],
    });
  },
};
