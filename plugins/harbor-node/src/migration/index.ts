export {
  PREFIX_PATTERN,
  PREFIX_RULE,
  nameFilter,
  planMigration,
  validateMappingRules,
} from './mapping';
export type {
  MappingRule,
  MigrationPlan,
  PlannedProject,
  PlannedRepository,
} from './mapping';
export {
  NO_SOURCE_REGISTRY_MESSAGE,
  SOURCE_REGISTRY_CONFIG_KEY,
  readOptionalSourceRegistry,
  readSourceRegistry,
  sourceRegistryClient,
} from './sourceRegistry';
export type { SourceRegistryConfig } from './sourceRegistry';
export { isOnOldRegistry, oldRegistryHosts } from './oldRegistryHosts';
export {
  MIGRATION_REGISTRY_NAME_CONFIG_KEY,
  MIGRATION_RULES_CONFIG_KEY,
  readMigrationRegistryName,
  readMigrationRules,
} from './config';
export {
  DEFAULT_MIGRATION_REGISTRY_NAME,
  REGISTRY_TYPE,
  policyName,
} from './naming';
export { compareTags, readHarborTags, verifyMigration } from './verify';
export type {
  MigrationVerification,
  RepositoryVerification,
  TagComparison,
} from './verify';
