/**
 * Harbor image scans and registry health for Backstage catalog entities. The default export is the plugin for the
 * new frontend system; `@backstage-harbor/plugin-harbor/legacy` has the legacy frontend system's plugin and
 * components.
 * @packageDocumentation
 */
export { default } from './plugin';
export * from './plugin';
export { harborApiRef, HarborBackendClient } from './api';
export type {
  AuditLogQuery,
  HarborApi,
  HarborRequestOptions,
  VulnerabilityQuery,
} from './api';
export {
  useEntityImages,
  useArtifactVulnerabilities,
  useRegistryHealth,
  useMigrationStatus,
  useVulnerabilitySummary,
  useVulnerabilityTrend,
  useHarborPlatformStatus,
  useEntityWorkloads,
} from './hooks';
export type { HarborRequestState } from './hooks';
export {
  isHarborAvailable,
  isHarborEntity,
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
} from '@backstage-harbor/plugin-harbor-common';
