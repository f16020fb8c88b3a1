import { harborMigrationRunPermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Zod, actionInput } from '../inputs/schema';
import { authorizeAction } from '../permissions/authorizeAction';
import { mappingInputFields } from '../migration/inputs';
import {
  mapOldRegistry,
  mappingOutputs,
  missingProjects,
  unmappedList,
} from '../migration/mapping';
import { examples } from './migrateInventory.examples';

export const MIGRATION_INVENTORY_ID = 'harbor:migration:inventory';

const input = actionInput((z: Zod) => z.object(mappingInputFields(z)).strict());

/** `harbor:migration:inventory`: what the old registry holds and where each repository would go. Read-only. */
export function createMigrationInventoryAction(options: {
  clients: HarborClients;
  config: Config;
  authorizer: HarborProjectAuthorizer;
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
      await authorizeAction(
        ctx,
        options.authorizer,
        harborMigrationRunPermission,
      );
      const { source, harbor, inventory, mapping } = await mapOldRegistry(
        MIGRATION_INVENTORY_ID,
        options,
        request,
        ctx,
        false,
      );
      ctx.logger.info(
        `The old registry has ${inventory.repositoryCount} repositories with ${inventory.tagCount} tags (${inventory.requests} requests); ${mapping.repositories.length} map to ${mapping.projects.length} Harbor project(s), ${mapping.unmapped.length} to none`,
      );
      for (const p of mapping.projects) {
        ctx.logger.info(
          `project ${p.project}: ${p.repositories.length} repositories, ${p.tags} tags`,
        );
      }
      if (mapping.unmapped.length) {
        ctx.logger.warn(
          `No rule maps ${mapping.unmapped.length} repositories: ${unmappedList(
            mapping,
          )}`,
        );
      }
      const missing = await missingProjects(harbor, mapping);
      if (missing.length) {
        ctx.logger.warn(
          `Target project(s) not in Harbor yet: ${missing.join(
            ', ',
          )}; create them with harbor:project:ensure before replicating`,
        );
      }
      ctx.output('registry', source.url);
      ctx.output('missingProjects', missing);
    },
  });
}
