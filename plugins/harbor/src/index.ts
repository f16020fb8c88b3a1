/**
 * Harbor image scans and registry health for Backstage catalog entities.
 * @packageDocumentation
 */
export {
  harborPlugin,
  EntityHarborContent,
  EntityHarborVulnerabilitySummaryCard,
  EntityHarborRegistryHealthCard,
  EntityHarborVulnerabilityTrendCard,
  EntityHarborPlatformStatusCard,
  EntityHarborWorkloadsCard,
  HarborMigrationPage,
} from './plugin';
export { HarborProjectNamePickerFieldExtension } from './components/HarborProjectNamePicker/extension';
export { harborApiRef, HarborClient } from './api';
export type {
  AuditLogQuery,
  HarborApi,
  HarborProjectAvailability,
  HarborRequestOptions,
  VulnerabilityQuery,
} from './api';
export {
  useEntityImages,
  useArtifactVulnerabilities,
  useRegistryHealth,
  useMigrationStatus,
  useVulnerabilityTrend,
  useHarborPlatformStatus,
  useEntityWorkloads,
} from './hooks';
export type { HarborRequestState } from './hooks';
export {
  isHarborAvailable,
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
} from '@backstage-harbor/plugin-harbor-common';
