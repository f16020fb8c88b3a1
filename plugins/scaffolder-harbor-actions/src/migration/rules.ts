import {
  MIGRATION_RULES_CONFIG_KEY,
  readMigrationRegistryName,
  readMigrationRules,
  validateMappingRules,
} from '@backstage-harbor/plugin-harbor-node';
import type { MappingRule } from '@backstage-harbor/plugin-harbor-node';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The mapping rules of a migration action: its `rules` input unless absent or empty, else `harbor.migration.rules`, so that the actions
 * and the backend's migration page map by the same rules unless a template says otherwise. Checked before
 * anything is read or written; neither given is an input error naming both.
 */
export function migrationRules(
  actionId: string,
  config: Config,
  input: MappingRule[] | undefined,
): MappingRule[] {
  // An empty list is what a scaffolder form sends when the user adds no rule.
  const rules = input?.length ? input : readMigrationRules(config);
  if (!rules) {
    throw new InputError(
      `Invalid input to ${actionId}: rules: give the mapping rules as the rules input, or configure them for every migration in ${MIGRATION_RULES_CONFIG_KEY}`,
    );
  }
  validateMappingRules(rules);
  return rules;
}

/**
 * The Harbor registry endpoint of the old registry: the `registryName` input, else
 * `harbor.migration.registryName` (default `old-registry`), the name the migration page finds the policies by.
 */
export function migrationRegistryName(
  config: Config,
  input: string | undefined,
): string {
  return input ?? readMigrationRegistryName(config);
}
