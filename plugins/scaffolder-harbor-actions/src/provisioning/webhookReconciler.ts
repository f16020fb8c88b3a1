import type {
  HarborClient,
  HarborWebhookPolicy,
} from '@backstage-harbor/plugin-harbor-node';
import { isError } from '@backstage/errors';
import { Plan } from './plan';
import { readProjectResource } from './projects';
import type { HarborWebhookEventType } from '@backstage-harbor/plugin-harbor-node';

export interface WebhookRequest {
  name: string;
  description?: string;
  url: string;
  events: HarborWebhookEventType[];
  enabled: boolean;
  payloadFormat: 'Default' | 'CloudEvents';
  skipCertVerify: boolean;
}

function differences(
  policy: HarborWebhookPolicy,
  request: WebhookRequest,
): string[] {
  const diff: string[] = [];
  const target = policy.targets?.[0];
  const haveEvents = [...(policy.event_types ?? [])].sort().join(',');
  const wantEvents = [...request.events].sort().join(',');
  if (haveEvents !== wantEvents)
    diff.push(`events ${haveEvents || '(none)'} → ${wantEvents}`);
  if ((policy.enabled ?? true) !== request.enabled) {
    diff.push(request.enabled ? 'disabled → enabled' : 'enabled → disabled');
  }
  if ((policy.targets?.length ?? 0) !== 1 || target?.type !== 'http') {
    diff.push(`targets → one http target`);
  } else {
    if (target.address !== request.url)
      diff.push(`address ${target.address} → ${request.url}`);
    if ((target.payload_format ?? 'Default') !== request.payloadFormat) {
      diff.push(
        `payload format ${target.payload_format ?? 'Default'} → ${
          request.payloadFormat
        }`,
      );
    }
    if (Boolean(target.skip_cert_verify) !== request.skipCertVerify) {
      diff.push(
        `skip_cert_verify ${Boolean(target.skip_cert_verify)} → ${
          request.skipCertVerify
        }`,
      );
    }
  }
  if (
    request.description !== undefined &&
    (policy.description ?? '') !== request.description
  ) {
    diff.push('description');
  }
  return diff;
}

/**
 * A project webhook policy, matched by name (Harbor answers a duplicate name with 409, §9). An `auth_header`
 * someone set in the UI is kept: it is a credential and never an action input.
 */
export class WebhookReconciler {
  constructor(
    private readonly client: HarborClient,
    private readonly plan: Plan,
  ) {}

  async reconcile(
    project: string,
    request: WebhookRequest,
  ): Promise<{ webhookId?: number }> {
    const resource = `webhook ${request.name} of project ${project}`;
    const policies =
      (await readProjectResource(this.client, project, this.plan.dryRun, () =>
        this.client.webhooks.list(project),
      )) ?? [];
    const found = policies.find(p => p.name === request.name);
    const summary = `${request.events.join(', ')} → ${request.url}`;
    const target = (existing?: HarborWebhookPolicy['targets']) => ({
      type: 'http',
      address: request.url,
      payload_format: request.payloadFormat,
      skip_cert_verify: request.skipCertVerify,
      ...(existing?.[0]?.auth_header
        ? { auth_header: existing[0].auth_header }
        : {}),
    });

    if (!found) {
      if (!this.plan.change(resource, 'create', summary)) return {};
      try {
        const id = await this.client.webhooks.create(project, {
          name: request.name,
          description: request.description ?? 'Managed by Backstage',
          enabled: request.enabled,
          event_types: request.events,
          targets: [target()],
        });
        return { webhookId: id };
      } catch (error) {
        if (!(isError(error) && error.name === 'ConflictError')) throw error;
        // An earlier attempt created it but its answer was lost: read it back and reconcile.
        const again = (await this.client.webhooks.list(project)).find(
          p => p.name === request.name,
        );
        if (!again) throw error;
        return this.update(project, again, request, target(again.targets));
      }
    }
    const diff = differences(found, request);
    if (diff.length === 0) {
      this.plan.inPlace(resource, summary);
      return { webhookId: found.id };
    }
    this.plan.drift(resource, diff.join(', '));
    if (this.plan.change(resource, 'update', diff.join(', '))) {
      return this.update(project, found, request, target(found.targets));
    }
    return { webhookId: found.id };
  }

  private async update(
    project: string,
    found: HarborWebhookPolicy,
    request: WebhookRequest,
    target: Record<string, unknown>,
  ) {
    await this.client.webhooks.update(project, found.id!, {
      ...found,
      description: request.description ?? found.description,
      enabled: request.enabled,
      event_types: request.events,
      targets: [target],
    });
    return { webhookId: found.id };
  }
}
