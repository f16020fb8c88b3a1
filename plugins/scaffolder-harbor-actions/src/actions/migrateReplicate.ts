import {
  planMigration,
  policyName,
  readSourceRegistry,
  sourceRegistryClient,
  verifyMigration,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  DockerRegistryRepository,
  HarborClients,
  MappingRule,
} from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  concurrencyField,
  mappingRulesField,
  registryNameField,
} from '../migration/inputs';
import {
  ExecutionStatus,
  reconcilePolicy,
  reconcileRegistry,
  runningExecution,
  trackExecutions,
} from '../migration/replication';
import { Plan } from '../provisioning/plan';
import { mappingOutputs, outputMapping } from './migrateInventory';
import { migrationRegistryName, migrationRules } from './migrateRules';
import { examples } from './migrateReplicate.examples';
import {
  Zod,
  actionInput,
  clientFor,
  instanceField,
  planOutput,
} from './schema';

export const MIGRATION_REPLICATE_ID = 'harbor:migration:replicate';

const input = actionInput((z: Zod) =>
  z
    .object({
      instance: instanceField(z),
      rules: mappingRulesField(z),
      registryName: registryNameField(z),
      concurrency: concurrencyField(z),
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

/** What the action needs; `sleep`, `now` and `pollIntervalMs` are for tests. */
export interface MigrationReplicateOptions {
  clients: HarborClients;
  config: Config;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  pollIntervalMs?: number;
}

interface PolicyResult {
  project: string;
  policy: string;
  policyId?: number;
  executionId?: number;
  status: ExecutionStatus | 'NotStarted' | 'Complete';
}

/**
 * `harbor:migration:replicate`: the old registry as a Harbor registry endpoint, one pull-based replication
 * policy per target project, executions tracked to completion, and tags and digests compared on both sides.
 */
export function createMigrationReplicateAction(
  options: MigrationReplicateOptions,
) {
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  return createTemplateAction({
    id: MIGRATION_REPLICATE_ID,
    description:
      'Migrates repositories of the old docker-registry to Harbor the Harbor way: registers the old registry as a registry endpoint (type docker-registry, credentials from harbor.migration.sourceRegistry), creates one pull-based replication policy per target project with name filters, triggers the executions, tracks them to completion and verifies tags and digests on both sides. Idempotent; a dry run returns the plan only.',
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
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
        }),
    },
    async handler(ctx) {
      const request = input.parse(MIGRATION_REPLICATE_ID, ctx.input);
      const rules: MappingRule[] = migrationRules(
        MIGRATION_REPLICATE_ID,
        options.config,
        request.rules,
      );
      const registryName = migrationRegistryName(
        options.config,
        request.registryName,
      );
      const source = readSourceRegistry(options.config);
      const harbor = clientFor(options.clients, request.instance, ctx.signal);
      const dryRun = Boolean(ctx.isDryRun);

      const registry = sourceRegistryClient(source, ctx.signal);
      const inventory = await registry.inventory({
        concurrency: request.concurrency,
        digests: true,
      });
      const mapping = planMigration(inventory.repositories, rules);
      outputMapping(
        ctx.output as (name: string, value: unknown) => void,
        inventory,
        mapping,
      );
      if (mapping.unmapped.length) {
        ctx.logger.warn(
          `No rule maps ${
            mapping.unmapped.length
          } repositories; they stay in the old registry: ${mapping.unmapped
            .slice(0, 20)
            .join(', ')}${mapping.unmapped.length > 20 ? ', …' : ''}`,
        );
      }
      if (mapping.projects.length === 0) {
        throw new InputError(
          `rules: no repository of the old registry (${inventory.repositoryCount}) matches any rule; nothing to migrate`,
        );
      }

      // Harbor would create a missing project with default settings; projects are provisioned on purpose.
      const missingProjects: string[] = [];
      for (const p of mapping.projects) {
        if (!(await harbor.projects.exists(p.project)))
          missingProjects.push(p.project);
      }
      if (missingProjects.length && !dryRun) {
        throw new InputError(
          `rules: the target project(s) ${missingProjects.join(
            ', ',
          )} do not exist in Harbor; create them first with harbor:project:ensure`,
        );
      }
      for (const project of missingProjects) {
        ctx.logger.warn(
          `[dry run] project ${project} does not exist yet; a real run needs it (harbor:project:ensure)`,
        );
      }

      const source2harbor = new Map<string, DockerRegistryRepository>(
        inventory.repositories.map(r => [r.name, r]),
      );
      const plan = new Plan(ctx.logger, dryRun);
      const registryId = await reconcileRegistry(
        harbor,
        plan,
        registryName,
        source,
        request.refreshCredentials,
      );
      if (registryId !== undefined) ctx.output('registryId', registryId);
      const existingPolicies = await harbor.replication.listPolicies();
      const before = await verifyMigration(
        harbor,
        mapping.repositories,
        source2harbor,
      );
      const incomplete = new Set(
        before.repositories
          .filter(r => r.missing.length || r.mismatched.length)
          .map(r => r.source),
      );

      const results: PolicyResult[] = [];
      for (const project of mapping.projects) {
        const policy = policyName(registryName, project.project);
        const policyId = await reconcilePolicy(
          harbor,
          plan,
          existingPolicies,
          registryName,
          registryId,
          project,
        );
        const result: PolicyResult = {
          project: project.project,
          policy,
          policyId,
          status: 'NotStarted',
        };
        results.push(result);
        const todo = project.repositories.filter(r => incomplete.has(r));
        const resource = `replication of ${policy}`;
        if (todo.length === 0) {
          plan.inPlace(resource, 'every tag is in Harbor with the same digest');
          result.status = 'Complete';
          continue;
        }
        const running =
          policyId === undefined
            ? undefined
            : await runningExecution(harbor, policyId);
        if (running?.id) {
          plan.inPlace(resource, `execution ${running.id} is running`);
          result.executionId = running.id;
          result.status = 'InProgress';
          continue;
        }
        if (
          plan.change(
            resource,
            'create',
            `execution for ${todo.length} of ${project.repositories.length} repositories with missing or different tags`,
          ) &&
          policyId !== undefined
        ) {
          result.executionId = await harbor.replication.start(policyId);
          result.status = 'InProgress';
        }
      }
      plan.finish(
        `Migration of ${mapping.repositories.length} repositories from ${source.url}`,
      );
      ctx.output('plan', plan.toJSON());

      const finish = (
        verification: Awaited<ReturnType<typeof verifyMigration>>,
      ) => {
        ctx.output('policies', results);
        ctx.output('verification', {
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
        });
      };

      if (dryRun || !request.wait) {
        finish(before);
        return;
      }

      const tracked = results.filter(r => r.executionId !== undefined);
      const executions = await trackExecutions(
        harbor,
        tracked.map(r => r.executionId!),
        {
          pollIntervalMs,
          timeoutMs: request.timeoutMinutes * 60_000,
          sleep,
          now,
          signal: ctx.signal,
          onProgress: e =>
            ctx.logger.info(
              `replication execution ${e.id}: ${e.status} (${e.succeed ?? 0}/${
                e.total ?? 0
              } tasks succeeded, ${e.failed ?? 0} failed)`,
            ),
        },
      );
      for (const r of tracked) {
        r.status =
          (executions.get(r.executionId!)?.status as ExecutionStatus) ??
          r.status;
      }
      const after = await verifyMigration(
        harbor,
        mapping.repositories,
        source2harbor,
      );
      finish(after);

      const unfinished = tracked.filter(r => r.status === 'InProgress');
      if (unfinished.length) {
        throw new ServiceUnavailableError(
          `Replication still in progress after ${
            request.timeoutMinutes
          } minutes: ${unfinished
            .map(r => `${r.policy} (execution ${r.executionId})`)
            .join(
              ', ',
            )}; it goes on in Harbor, run the action again later to track and verify it`,
        );
      }
      const failed = tracked.filter(r => r.status !== 'Succeed');
      if (failed.length) {
        throw new ServiceUnavailableError(
          `Replication ${failed
            .map(r => `${r.policy} (execution ${r.executionId}) ${r.status}`)
            .join(
              ', ',
            )}; see the execution's tasks and logs in Harbor, then run the action again`,
        );
      }
      if (!after.complete) {
        ctx.logger.warn(
          `Verification: ${after.missingTags} tag(s) missing and ${after.mismatchedTags} with another digest in Harbor`,
        );
        throw new ServiceUnavailableError(
          `Replication succeeded but ${after.missingTags} tag(s) are missing in Harbor and ${after.mismatchedTags} have another digest (see the verification output); run the action again or check the policies' filters`,
        );
      }
      ctx.logger.info(
        `Verification: all ${after.matchingTags} tags are in Harbor with the same digests`,
      );
    },
  });
}
