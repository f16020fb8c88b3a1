import { harborProjectUpdatePermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Zod,
  clientFor,
  planOutput,
  projectActionInput,
} from '../inputs/schema';
import { ImmutabilityReconciler } from '../provisioning/immutabilityReconciler';
import { authorizeProjectAction } from '../permissions/authorizeAction';
import { runPlan } from '../provisioning/plan';
import { SELECTOR_PATTERN } from '../provisioning/rules';
import { examples } from './ensureImmutability.examples';

export const ENSURE_IMMUTABILITY_ID = 'harbor:immutability:ensure';

const input = projectActionInput((z: Zod) => ({
  rules: z
    .array(
      z
        .object({
          repositories: z
            .string()
            .regex(
              SELECTOR_PATTERN,
              "must be a doublestar pattern without spaces, e.g. '**'",
            )
            .default('**')
            .describe(
              "Doublestar pattern of the repositories, without the project prefix. Default '**' (all).",
            ),
          tags: z
            .string({ required_error: 'is required' })
            .regex(
              SELECTOR_PATTERN,
              "must be a doublestar pattern without spaces, e.g. 'v*'",
            )
            .describe(
              "Doublestar pattern of the tags that can no longer be overwritten or deleted, e.g. 'v*'.",
            ),
        })
        .strict(),
    )
    .min(1, 'must have at least one rule')
    .max(15, 'must have at most 15 rules')
    .superRefine((rules, ctx) => {
      rules.forEach((rule, i) => {
        const first = rules.findIndex(
          r => r.tags === rule.tags && r.repositories === rule.repositories,
        );
        if (first !== i) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `repeats rules.${first}`,
          });
        }
      });
    })
    .describe(
      'The tag immutability rules to ensure; other rules of the project are left alone.',
    ),
}));

/** `harbor:immutability:ensure`: tag immutability rules of a project. */
export function createEnsureImmutabilityAction(options: {
  clients: HarborClients;
  authorizer: HarborProjectAuthorizer;
}) {
  return createTemplateAction({
    id: ENSURE_IMMUTABILITY_ID,
    description:
      'Ensures tag immutability rules of a Harbor project (e.g. release tags v* can never be overwritten). Idempotent: rules are matched by their selectors; supports dry run.',
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
        z.object({
          ruleIds: z
            .array(z.number())
            .describe(
              'Ids of the requested rules (only the existing ones in a dry run).',
            ),
          plan: planOutput(z),
        }),
    },
    async handler(ctx) {
      const request = input.parse(ENSURE_IMMUTABILITY_ID, ctx.input);
      const client = clientFor(options.clients, request.instance, ctx.signal);
      await authorizeProjectAction(ctx, options.authorizer, client, {
        project: request.project,
        permission: harborProjectUpdatePermission,
      });
      const result = await runPlan(
        ctx,
        `Harbor immutability rules of project ${request.project}`,
        plan =>
          new ImmutabilityReconciler(client, plan).reconcile(
            request.project,
            request.rules,
          ),
      );
      ctx.output('ruleIds', result.ruleIds);
    },
  });
}
