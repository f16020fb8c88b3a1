import {
  planMigration,
  readSourceRegistry,
  sourceRegistryClient,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  HarborClients,
  MappingRule,
} from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ZodField,
  concurrencyField,
  mappingRulesField,
} from '../migration/inputs';
import { migrationRules } from './migrateRules';
import { examples } from './migrateInventory.examples';
import { Zod, actionInput, clientFor, instanceField } from './schema';

export const MIGRATION_INVENTORY_ID = 'harbor:migration:inventory';

const input = actionInput((z: Zod) =>
  z
    .object({
      instance: instanceField(z),
      rules: mappingRulesField(z),
      concurrency: concurrencyField(z),
    })
    .strict(),
);

/** The mapping output shared by the migration actions. */
export const mappingOutputs = (z: Zod): Record<string, ZodField> => ({
  repositoryCount: z.number().describe('Repositories in the old registry.'),
  tagCount: z.number().describe('Tags in the old registry.'),
  mappedCount: z
    .number()
    .describe('Repositories a rule maps to a Harbor project.'),
  unmapped: z
    .array(z.string())
    .describe('Repositories no rule matches: they are not migrated.'),
  projects: z
    .array(
      z.object({
        project: z.string().describe('The Harbor project.'),
        repositories: z.number().describe('Repositories that go to it.'),
        tags: z.number().describe('Their tags.'),
      }),
    )
    .describe('Per target project, what goes to it.'),
  repositories: z
    .array(
      z.object({
        source: z.string().describe('The name in the old registry.'),
        target: z.string().describe('The Harbor repository: <project>/<path>.'),
        tags: z.number().describe('Tags in the old registry.'),
      }),
    )
    .describe('Per mapped repository, where it goes.'),
});

/** `harbor:migration:inventory`: what the old registry holds and where each repository would go. Read-only. */
export function createMigrationInventoryAction(options: {
  clients: HarborClients;
  config: Config;
}) {
  return createTemplateAction({
    id: MIGRATION_INVENTORY_ID,
    description:
      'Reads the old docker-registry (harbor.migration.sourceRegistry) through the Registry HTTP API v2 and maps its repositories to Harbor projects by prefix rules: counts, the mapping plan, the unmapped repositories and the target projects Harbor does not have yet. Read-only.',
    examples,
    supportsDryRun: true,
    schema: {
      input: input.schema,
      output: (z: Zod) =>
        z.object({
          registry: z
            .string()
            .describe('The old registry URL (from the configuration).'),
          missingProjects: z
            .array(z.string())
            .describe(
              'Target projects that do not exist in Harbor yet (harbor:project:ensure creates them).',
            ),
          ...mappingOutputs(z),
        }),
    },
    async handler(ctx) {
      const request = input.parse(MIGRATION_INVENTORY_ID, ctx.input);
      const rules: MappingRule[] = migrationRules(
        MIGRATION_INVENTORY_ID,
        options.config,
        request.rules,
      );
      const source = readSourceRegistry(options.config);
      const harbor = clientFor(options.clients, request.instance, ctx.signal);
      const registry = sourceRegistryClient(source, ctx.signal);
      ctx.logger.info(`Reading the old registry ${source.url}`);
      const inventory = await registry.inventory({
        concurrency: request.concurrency,
      });
      const plan = planMigration(inventory.repositories, rules);
      ctx.logger.info(
        `The old registry has ${inventory.repositoryCount} repositories with ${inventory.tagCount} tags (${inventory.requests} requests); ${plan.repositories.length} map to ${plan.projects.length} Harbor project(s), ${plan.unmapped.length} to none`,
      );
      for (const p of plan.projects) {
        ctx.logger.info(
          `project ${p.project}: ${p.repositories.length} repositories, ${p.tags} tags`,
        );
      }
      if (plan.unmapped.length) {
        ctx.logger.warn(
          `No rule maps ${plan.unmapped.length} repositories: ${plan.unmapped
            .slice(0, 20)
            .join(', ')}${plan.unmapped.length > 20 ? ', …' : ''}`,
        );
      }
      const missingProjects: string[] = [];
      for (const p of plan.projects) {
        if (!(await harbor.projects.exists(p.project)))
          missingProjects.push(p.project);
      }
      if (missingProjects.length) {
        ctx.logger.warn(
          `Target project(s) not in Harbor yet: ${missingProjects.join(
            ', ',
          )}; create them with harbor:project:ensure before replicating`,
        );
      }
      ctx.output('registry', source.url);
      ctx.output('missingProjects', missingProjects);
      outputMapping(
        ctx.output as (name: string, value: unknown) => void,
        inventory,
        plan,
      );
    },
  });
}

export function outputMapping(
  output: (name: string, value: any) => void,
  inventory: { repositoryCount: number; tagCount: number },
  plan: ReturnType<typeof planMigration>,
) {
  output('repositoryCount', inventory.repositoryCount);
  output('tagCount', inventory.tagCount);
  output('mappedCount', plan.repositories.length);
  output('unmapped', plan.unmapped);
  output(
    'projects',
    plan.projects.map(p => ({
      project: p.project,
      repositories: p.repositories.length,
      tags: p.tags,
    })),
  );
  output(
    'repositories',
    plan.repositories.map(r => ({
      source: r.source,
      target: r.target,
      tags: r.tags,
    })),
  );
}
