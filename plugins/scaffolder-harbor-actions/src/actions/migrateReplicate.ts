import { harborMigrationRunPermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborProjectAuthorizer,
  HarborClients,
  MigrationVerification,
} from '@backstage-harbor/plugin-harbor-node';
import { verifyMigration } from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Zod, actionInput, planOutput } from '../inputs/schema';
import {
  checkReplication,
  logProgress,
  trackPolicies,
} from '../migration/executions';
import { mappingInputFields, registryNameField } from '../migration/inputs';
import {
  checkReplicationTargets,
  mapOldRegistry,
  mappingOutputs,
} from '../migration/mapping';
import {
  PolicyResult,
  ReplicationReconciler,
} from '../migration/replicationReconciler';
import { migrationRegistryName } from '../migration/rules';
import { authorizeAction } from '../permissions/authorizeAction';
import { runPlan } from '../provisioning/plan';
import { examples } from './migrateReplicate.examples';

export const MIGRATION_REPLICATE_ID = 'harbor:migration:replicate';

const input = actionInput((z: Zod) =>
  z
    .object({
      ...mappingInputFields(z),
      registryName: registryNameField(z),
      wait: z
        .boolean()
        .default(true)
        .describe(
          'Track the replication executions to completion and verify tags and digests on both sides. Default true.',
        ),
      timeoutMinutes: z
        .number()
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(1440, 'must be at most 1440 (a day)')
        .default(60)
        .describe(
          'How long to track the executions; they go on in Harbor after it, and a rerun tracks them again. Default 60.',
        ),
      refreshCredentials: z
        .boolean()
        .default(false)
        .describe(
          "Send the old registry's credentials from harbor.migration.sourceRegistry to Harbor again (after a password change). Default false.",
        ),
    })
    .strict(),
);

const outputSchema = (z: Zod) =>
  z.object({
    registryId: z
      .number()
      .optional()
      .describe(
        'The Harbor registry endpoint id; absent in a dry run of a new one.',
      ),
    policies: z
      .array(
        z.object({
          project: z.string().describe('The target project.'),
          policy: z.string().describe('The replication policy name.'),
          policyId: z
            .number()
            .optional()
            .describe('Its id; absent in a dry run of a new one.'),
          executionId: z
            .number()
            .optional()
            .describe('The execution started or tracked.'),
          status: z
            .string()
            .describe(
              "InProgress, Succeed, Failed or Stopped; 'Complete' when every tag was already in Harbor, 'NotStarted' in a dry run.",
            ),
        }),
      )
      .describe('Per target project, its policy and execution.'),
    verification: z
      .object({
        complete: z
          .boolean()
          .describe(
            'Every tag is in Harbor with the digest it has in the old registry.',
          ),
        matchingTags: z.number().describe('Tags with the same digest.'),
        missingTags: z.number().describe('Tags Harbor does not have.'),
        mismatchedTags: z
          .number()
          .describe('Tags Harbor has with another digest.'),
        repositories: z
          .array(
            z.object({
              source: z.string().describe('The old registry name.'),
              target: z.string().describe('The Harbor repository.'),
              missing: z.array(z.string()).describe('Missing tags.'),
              mismatched: z
                .array(z.string())
                .describe('Tags with another digest.'),
            }),
          )
          .describe('The repositories that are not complete.'),
      })
      .optional()
      .describe(
        'Tags and digests compared on both sides (before replicating in a dry run, after it otherwise).',
      ),
    ...mappingOutputs(z),
    plan: planOutput(z),
  });

/** The `verification` output: the counts, and only the repositories that are not complete. */
function verificationOutput(verification: MigrationVerification) {
  return {
    complete: verification.complete,
    matchingTags: verification.matchingTags,
    missingTags: verification.missingTags,
    mismatchedTags: verification.mismatchedTags,
    repositories: verification.repositories
      .filter(r => r.missing.length || r.mismatched.length)
      .map(r => ({
        source: r.source,
        target: r.target,
        missing: r.missing,
        mismatched: r.mismatched,
      })),
  };
}

/** A real pause between polls. */
const waitFor = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** What the action needs; `sleep`, `now` and `pollIntervalMs` are for tests. */
export interface MigrationReplicateOptions {
  clients: HarborClients;
  config: Config;
  authorizer: HarborProjectAuthorizer;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  pollIntervalMs?: number;
}

/**
 * `harbor:migration:replicate`: the old registry as a Harbor registry endpoint, one pull-based replication
 * policy per target project, executions tracked to completion, and tags and digests compared on both sides.
 */
export function createMigrationReplicateAction(
  options: MigrationReplicateOptions,
) {
  const sleep = options.sleep ?? waitFor;
  const now = options.now ?? Date.now;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  return createTemplateAction({
    id: MIGRATION_REPLICATE_ID,
    description:
      'Migrates repositories of the old docker-registry to Harbor the Harbor way: registers the old registry as a registry endpoint (type docker-registry, credentials from harbor.migration.sourceRegistry), creates one pull-based replication policy per target project with name filters, triggers the executions, tracks them to completion and verifies tags and digests on both sides. Idempotent; a dry run returns the plan only.',
    examples,
    supportsDryRun: true,
    schema: { input: input.schema, output: outputSchema },
    async handler(ctx) {
      const request = input.parse(MIGRATION_REPLICATE_ID, ctx.input);
      await authorizeAction(
        ctx,
        options.authorizer,
        harborMigrationRunPermission,
      );
      const dryRun = Boolean(ctx.isDryRun);
      const registryName = migrationRegistryName(
        options.config,
        request.registryName,
      );
      const read = await mapOldRegistry(
        MIGRATION_REPLICATE_ID,
        options,
        request,
        ctx,
        true,
      );
      await checkReplicationTargets(read, ctx.logger, dryRun);
      const { source, harbor, inventory, mapping } = read;

      const sourceRepositories = new Map(
        inventory.repositories.map(r => [r.name, r]),
      );
      const result = await runPlan(
        ctx,
        `Migration of ${mapping.repositories.length} repositories from ${source.url}`,
        plan =>
          new ReplicationReconciler(harbor, plan).reconcile({
            registryName,
            source,
            refreshCredentials: request.refreshCredentials,
            mapping,
            sourceRepositories,
          }),
      );
      if (result.registryId !== undefined)
        ctx.output('registryId', result.registryId);
      const finish = (
        policies: PolicyResult[],
        verification: MigrationVerification,
      ) => {
        ctx.output('policies', policies);
        ctx.output('verification', verificationOutput(verification));
      };
      if (dryRun || !request.wait) {
        finish(result.policies, result.before);
        return;
      }

      const tracked = await trackPolicies(harbor, result.policies, {
        pollIntervalMs,
        timeoutMs: request.timeoutMinutes * 60_000,
        sleep,
        now,
        signal: ctx.signal,
        onProgress: logProgress(ctx.logger),
      });
      const after = await verifyMigration(
        harbor,
        mapping.repositories,
        sourceRepositories,
      );
      finish(result.policies, after);
      checkReplication(ctx.logger, tracked, after, request.timeoutMinutes);
    },
  });
}
