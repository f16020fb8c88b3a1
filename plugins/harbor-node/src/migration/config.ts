import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MappingRule, validateMappingRules } from './mapping';
import { DEFAULT_MIGRATION_REGISTRY_NAME } from './naming';

/** @public */
export const MIGRATION_RULES_CONFIG_KEY = 'harbor.migration.rules';
/** @public */
export const MIGRATION_REGISTRY_NAME_CONFIG_KEY =
  'harbor.migration.registryName';

/**
 * `harbor.migration.rules`: the mapping the platform team decided on, so that the backend's migration status
 * and the actions agree on where each repository goes. `undefined` when not configured. Checked like the
 * actions' `rules` input; a bad rule fails at startup, naming the key.
 * @public
 */
export function readMigrationRules(config: Config): MappingRule[] | undefined {
  const list = config.getOptionalConfigArray(MIGRATION_RULES_CONFIG_KEY);
  if (!list) return undefined;
  const rules = list.map((rule, i) => ({
    // getString refuses '' (Backstage reads it as "no value"), yet '' is the catch-all prefix.
    prefix: stringOf(
      rule.getOptional('prefix'),
      `${MIGRATION_RULES_CONFIG_KEY}[${i}].prefix`,
    ),
    project: rule.getString('project'),
    keepPath: rule.getOptionalBoolean('keepPath') ?? false,
  }));
  try {
    validateMappingRules(rules);
  } catch (error) {
    throw new InputError(
      `${MIGRATION_RULES_CONFIG_KEY}: ${(error as Error).message}`,
    );
  }
  return rules;
}

function stringOf(value: unknown, key: string): string {
  if (typeof value !== 'string') {
    throw new InputError(
      `${key} must be a string: '' (every repository) or path components each followed by '/'`,
    );
  }
  return value;
}

/** `harbor.migration.registryName`: the Harbor registry endpoint of the old registry. @public */
export function readMigrationRegistryName(config: Config): string {
  return (
    config.getOptionalString(MIGRATION_REGISTRY_NAME_CONFIG_KEY) ??
    DEFAULT_MIGRATION_REGISTRY_NAME
  );
}
