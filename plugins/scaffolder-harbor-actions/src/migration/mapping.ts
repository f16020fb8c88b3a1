import {
  planMigration,
  readSourceRegistry,
  sourceRegistryClient,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  DockerRegistryInventory,
  HarborClient,
  HarborClients,
  MappingRule,
  MigrationPlan,
  SourceRegistryConfig,
} from '@backstage-harbor/plugin-harbor-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Zod, clientFor } from '../inputs/schema';
import type { ZodField } from './inputs';
import { migrationRules } from './rules';

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

/** The old registry read and mapped to Harbor projects, and the Harbor client to compare or replicate with. */
export interface OldRegistryMapping {
  source: SourceRegistryConfig;
  harbor: HarborClient;
  inventory: DockerRegistryInventory;
  mapping: MigrationPlan;
}

/** What every migration action reads first. */
export interface MappingContext {
  logger: LoggerService;
  signal?: AbortSignal;
  output(name: string, value: unknown): void;
}

/**
 * The start of every migration action: the rules (input or `harbor.migration.rules`), checked before anything is
 * read; the old registry's inventory (with digests when tags are compared); the mapping, set as the mapping
 * outputs.
 */
export async function mapOldRegistry(
  actionId: string,
  options: { clients: HarborClients; config: Config },
  request: { instance?: string; rules?: MappingRule[]; concurrency: number },
  ctx: MappingContext,
  digests: boolean,
): Promise<OldRegistryMapping> {
  const rules = migrationRules(actionId, options.config, request.rules);
  const source = readSourceRegistry(options.config);
  const harbor = clientFor(options.clients, request.instance, ctx.signal);
  ctx.logger.info(`Reading the old registry ${source.url}`);
  const inventory = await sourceRegistryClient(source, ctx.signal).inventory({
    concurrency: request.concurrency,
    ...(digests ? { digests } : {}),
  });
  const mapping = planMigration(inventory.repositories, rules);
  ctx.output('repositoryCount', inventory.repositoryCount);
  ctx.output('tagCount', inventory.tagCount);
  ctx.output('mappedCount', mapping.repositories.length);
  ctx.output('unmapped', mapping.unmapped);
  ctx.output(
    'projects',
    mapping.projects.map(p => ({
      project: p.project,
      repositories: p.repositories.length,
      tags: p.tags,
    })),
  );
  ctx.output(
    'repositories',
    mapping.repositories.map(r => ({
      source: r.source,
      target: r.target,
      tags: r.tags,
    })),
  );
  return { source, harbor, inventory, mapping };
}

/** The first 20 repositories no rule maps, for a warning. */
export function unmappedList(mapping: MigrationPlan): string {
  return `${mapping.unmapped.slice(0, 20).join(', ')}${
    mapping.unmapped.length > 20 ? ', …' : ''
  }`;
}

/**
 * Before replicating: the repositories no rule maps are reported, and every target project must exist, since
 * Harbor would create a missing one with default settings and projects are provisioned on purpose (a dry run
 * only warns).
 */
export async function checkReplicationTargets(
  { harbor, inventory, mapping }: OldRegistryMapping,
  logger: LoggerService,
  dryRun: boolean,
): Promise<void> {
  if (mapping.unmapped.length) {
    logger.warn(
      `No rule maps ${
        mapping.unmapped.length
      } repositories; they stay in the old registry: ${unmappedList(mapping)}`,
    );
  }
  if (mapping.projects.length === 0) {
    throw new InputError(
      `rules: no repository of the old registry (${inventory.repositoryCount}) matches any rule; nothing to migrate`,
    );
  }
  const missing = await missingProjects(harbor, mapping);
  if (missing.length && !dryRun) {
    throw new InputError(
      `rules: the target project(s) ${missing.join(
        ', ',
      )} do not exist in Harbor; create them first with harbor:project:ensure`,
    );
  }
  for (const project of missing) {
    logger.warn(
      `[dry run] project ${project} does not exist yet; a real run needs it (harbor:project:ensure)`,
    );
  }
}

/** The target projects Harbor does not have; replicating into one would make Harbor create it with defaults. */
export async function missingProjects(
  harbor: HarborClient,
  mapping: MigrationPlan,
): Promise<string[]> {
  const missing: string[] = [];
  for (const p of mapping.projects) {
    if (!(await harbor.projects.exists(p.project))) missing.push(p.project);
  }
  return missing;
}
