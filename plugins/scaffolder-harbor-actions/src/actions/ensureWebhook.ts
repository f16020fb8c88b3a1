import { harborProjectWebhookUpdatePermission } from '@backstage-harbor/plugin-harbor-common';
import {
  HARBOR_WEBHOOK_EVENT_TYPES,
  type HarborClients,
  type HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Zod,
  clientFor,
  planOutput,
  projectActionInput,
} from '../inputs/schema';
import { authorizeProjectAction } from '../permissions/authorizeAction';
import { runPlan } from '../provisioning/plan';
import { WebhookReconciler } from '../provisioning/webhookReconciler';
import { examples } from './ensureWebhook.examples';

export const ENSURE_WEBHOOK_ID = 'harbor:webhook:ensure';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

const input = projectActionInput((z: Zod) => ({
  name: z
    .string({ required_error: 'is required' })
    .min(1, 'must not be empty')
    .max(256, 'must be at most 256 characters')
    .regex(/^\S(.*\S)?$/, 'must not start or end with whitespace')
    .describe(
      'The webhook policy name; the policy is found by it on later runs.',
    ),
  description: z
    .string()
    .max(1024, 'must be at most 1024 characters')
    .optional()
    .describe('The policy description.'),
  url: z
    .string({ required_error: 'is required' })
    .refine(isHttpUrl, {
      message:
        'must be an http or https URL without credentials, e.g. https://hooks.example.com/harbor',
    })
    .describe(
      'Where Harbor sends the events: an http or https URL (no credentials in it).',
    ),
  events: z
    .array(z.enum(HARBOR_WEBHOOK_EVENT_TYPES))
    .min(1, 'must list at least one event type')
    .refine(events => new Set(events).size === events.length, {
      message: 'must not list an event type twice',
    })
    .describe(
      `The event types to send: ${HARBOR_WEBHOOK_EVENT_TYPES.join(', ')}.`,
    ),
  enabled: z
    .boolean()
    .default(true)
    .describe('Whether the policy is enabled. Default true.'),
  payloadFormat: z
    .enum(['Default', 'CloudEvents'])
    .default('Default')
    .describe(
      "The payload format: 'Default' or 'CloudEvents'. Default 'Default'.",
    ),
  skipCertVerify: z
    .boolean()
    .default(false)
    .describe("Don't verify the receiver's TLS certificate. Default false."),
}));

/** `harbor:webhook:ensure`: a project webhook policy sending events to a URL. */
export function createEnsureWebhookAction(options: {
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
}) {
  return createTemplateAction({
    id: ENSURE_WEBHOOK_ID,
    description:
      'Ensures a webhook policy of a Harbor project that sends the chosen events to an http(s) URL, matched by name. Idempotent; drift is reported and reconciled; supports dry run.',
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
        z.object({
          webhookId: z
            .number()
            .optional()
            .describe(
              'The webhook policy id; absent in a dry run of a new policy.',
            ),
          plan: planOutput(z),
        }),
    },
    async handler(ctx) {
      const request = input.parse(ENSURE_WEBHOOK_ID, ctx.input);
      const client = clientFor(options.clients, request.instance, ctx.signal);
      await authorizeProjectAction(ctx, options.authorizer, client, {
        project: request.project,
        permission: harborProjectWebhookUpdatePermission,
      });
      const result = await runPlan(
        ctx,
        `Harbor webhook ${request.name} of project ${request.project}`,
        plan =>
          new WebhookReconciler(client, plan).reconcile(
            request.project,
            request,
          ),
      );
      if (result.webhookId !== undefined)
        ctx.output('webhookId', result.webhookId);
    },
  });
}
