import { harborMigrationRunPermission } from '@backstage-harbor/plugin-harbor-common';
import type {
  HarborClients,
  HarborProjectAuthorizer,
} from '@backstage-harbor/plugin-harbor-node';
import { verifyMigration } from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Zod, actionInput } from '../inputs/schema';
import { authorizeAction } from '../permissions/authorizeAction';
import { mappingInputFields } from '../migration/inputs';
import { mapOldRegistry, mappingOutputs } from '../migration/mapping';
import { examples } from './migrateVerify.examples';

export const MIGRATION_VERIFY_ID = 'harbor:migration:verify';

const input = actionInput((z: Zod) => z.object(mappingInputFields(z)).strict());

const outputSchema = (z: Zod) =>
  z.object({
    complete: z
      .boolean()
      .describe(
        'Every tag of every mapped repository is in Harbor with the same digest.',
      ),
    matchingTags: z.number().describe('Tags with the same digest.'),
    missingTags: z.number().describe('Tags Harbor does not have.'),
    mismatchedTags: z.number().describe('Tags Harbor has with another digest.'),
    verification: z
      .array(
        z.object({
          source: z.string().describe('The old registry name.'),
          target: z.string().describe('The Harbor repository.'),
          tags: z.number().describe('Tags in the old registry.'),
          matching: z.number().describe('Tags with the same digest.'),
          missing: z.array(z.string()).describe('Missing tags.'),
          mismatched: z.array(z.string()).describe('Tags with another digest.'),
        }),
      )
      .describe('Per mapped repository, the comparison.'),
    ...mappingOutputs(z),
  });

/** `harbor:migration:verify`: tags and digests of every mapped repository on both sides. Read-only. */
export function createMigrationVerifyAction(options: {
  clients: HarborClients;
  config: Config;
  authorizer: HarborProjectAuthorizer;
}) {
  return createTemplateAction({
    id: MIGRATION_VERIFY_ID,
    description:
      'Compares the tags and digests of every mapped repository of the old docker-registry with its Harbor repository: matching, missing and mismatched tags. Read-only; it never fails on a difference, it reports it.',
    examples,
    supportsDryRun: true,
    schema: { input: input.schema, output: outputSchema },
    async handler(ctx) {
      const request = input.parse(MIGRATION_VERIFY_ID, ctx.input);
      await authorizeAction(
        ctx,
        options.authorizer,
        harborMigrationRunPermission,
      );
      const { harbor, inventory, mapping } = await mapOldRegistry(
        MIGRATION_VERIFY_ID,
        options,
        request,
        ctx,
        true,
      );
      const result = await verifyMigration(
        harbor,
        mapping.repositories,
        new Map(inventory.repositories.map(r => [r.name, r])),
      );
      for (const r of result.repositories) {
        if (r.missing.length || r.mismatched.length) {
          ctx.logger.warn(
            `${r.source} → ${r.target}: ${r.matching}/${
              r.tags
            } tags match; missing ${
              r.missing.join(', ') || 'none'
            }; other digest ${r.mismatched.join(', ') || 'none'}`,
          );
        }
      }
      ctx.logger.info(
        `Verification: ${result.matchingTags} tags match, ${result.missingTags} missing, ${result.mismatchedTags} with another digest`,
      );
      ctx.output('complete', result.complete);
      ctx.output('matchingTags', result.matchingTags);
      ctx.output('missingTags', result.missingTags);
      ctx.output('mismatchedTags', result.mismatchedTags);
      ctx.output('verification', result.repositories);
    },
  });
}
