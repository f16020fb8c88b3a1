import { harborProjectUpdatePermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Zod,
  clientFor,
  parsedField,
  planOutput,
  projectActionInput,
} from '../inputs/schema';
import { CRON_RULE, parseHarborCron } from '../provisioning/cron';
import { authorizeProjectAction } from '../permissions/authorizeAction';
import { runPlan } from '../provisioning/plan';
import {
  RetentionKeep,
  RetentionReconciler,
  RetentionRuleRequest,
} from '../provisioning/retentionReconciler';
import { SELECTOR_PATTERN } from '../provisioning/rules';
import { examples } from './ensureRetention.examples';

export const ENSURE_RETENTION_ID = 'harbor:retention:ensure';

const KEEPS = {
  keepLastPushed: 'latestPushedK',
  keepLastPulled: 'latestPulledN',
  keepPushedWithinDays: 'nDaysSinceLastPush',
  keepPulledWithinDays: 'nDaysSinceLastPull',
  keepAlways: 'always',
} as const;
type KeepField = keyof typeof KEEPS;
const KEEP_FIELDS = Object.keys(KEEPS) as KeepField[];

/** One retention rule: what it selects and the one way it keeps. */
function ruleField(z: Zod) {
  const count = (what: string) =>
    z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10000, 'must be at most 10000')
      .optional()
      .describe(what);
  const days = (what: string) =>
    z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(36500, 'must be at most 36500 days')
      .optional()
      .describe(what);
  const pattern = (what: string) =>
    z
      .string()
      .regex(
        SELECTOR_PATTERN,
        "must be a doublestar pattern without spaces, e.g. '**' or 'team/*'",
      )
      .default('**')
      .describe(what);
  return z
    .object({
      repositories: pattern(
        "Doublestar pattern of the repositories the rule applies to, without the project prefix. Default '**' (all).",
      ),
      tags: pattern(
        "Doublestar pattern of the tags the rule applies to. Default '**' (all).",
      ),
      untagged: z
        .boolean()
        .default(true)
        .describe('Whether untagged artifacts count too. Default true.'),
      keepLastPushed: count('Keep the N most recently pushed artifacts.'),
      keepLastPulled: count('Keep the N most recently pulled artifacts.'),
      keepPushedWithinDays: days(
        'Keep artifacts pushed within the last D days.',
      ),
      keepPulledWithinDays: days(
        'Keep artifacts pulled within the last D days.',
      ),
      keepAlways: z
        .literal(true)
        .optional()
        .describe('Always keep the matching artifacts.'),
    })
    .strict()
    .superRefine((rule, ctx) => {
      const set = KEEP_FIELDS.filter(f => rule[f] !== undefined);
      if (set.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `must set exactly one of ${KEEP_FIELDS.join(', ')}${
            set.length ? `, not ${set.join(' and ')}` : ''
          }`,
        });
      }
    });
}

const input = projectActionInput((z: Zod) => ({
  rules: z
    .array(ruleField(z))
    .min(1, 'must have at least one rule')
    .max(15, 'must have at most 15 rules (Harbor’s limit)')
    .superRefine((rules, ctx) => {
      const seen = new Map<string, number>();
      rules.forEach((rule, i) => {
        const key = JSON.stringify(rule);
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `repeats rules.${seen.get(
              key,
            )}; Harbor rejects duplicate rules`,
          });
        } else seen.set(key, i);
      });
    })
    .describe(
      'What to keep; Harbor deletes the artifacts no rule keeps. At most 15 rules.',
    ),
  schedule: parsedField(z, parseHarborCron)
    .default('@daily')
    .describe(
      `When the policy runs: ${CRON_RULE}. Default @daily (0 0 0 * * *).`,
    ),
}));

/** A rule as the reconciler takes it: the one keep field that is set, as Harbor's rule template. */
function toRetentionRule(
  rule: ReturnType<typeof input.parse>['rules'][number],
): RetentionRuleRequest {
  const field = KEEP_FIELDS.find(f => rule[f] !== undefined)!;
  const template = KEEPS[field];
  const keep = (
    template === 'always' ? { template } : { template, value: rule[field] }
  ) as RetentionKeep;
  return {
    repositories: rule.repositories,
    tags: rule.tags,
    untagged: rule.untagged,
    keep,
  };
}

/** `harbor:retention:ensure`: the project's tag retention policy. */
export function createEnsureRetentionAction(options: {
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
}) {
  return createTemplateAction({
    id: ENSURE_RETENTION_ID,
    description:
      "Sets the project's tag retention policy (one per project in Harbor): keep the last N pushed or pulled, or those pushed or pulled within D days, per repository and tag pattern, on a schedule. Idempotent; supports dry run.",
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
        z.object({
          retentionId: z
            .number()
            .optional()
            .describe(
              'The retention policy id; absent in a dry run of a new policy.',
            ),
          plan: planOutput(z),
        }),
    },
    async handler(ctx) {
      const request = input.parse(ENSURE_RETENTION_ID, ctx.input);
      const client = clientFor(options.clients, request.instance, ctx.signal);
      await authorizeProjectAction(ctx, options.authorizer, client, {
        project: request.project,
        permission: harborProjectUpdatePermission,
      });
      const cron = parseHarborCron(request.schedule);
      const result = await runPlan(
        ctx,
        `Harbor retention policy of project ${request.project}`,
        plan =>
          new RetentionReconciler(client, plan).reconcile(request.project, {
            cron: 'cron' in cron ? cron.cron : '',
            rules: request.rules.map(toRetentionRule),
          }),
      );
      if (result.retentionId !== undefined)
        ctx.output('retentionId', result.retentionId);
    },
  });
}
