export { useEntityImages } from './useEntityImages';
export { useArtifactVulnerabilities } from './useArtifactVulnerabilities';
export { useRegistryHealth } from './useRegistryHealth';
export { useMigrationStatus } from './useMigrationStatus';
export { useAuditLogs } from './useAuditLogs';
export { useVulnerabilityTrend } from './useVulnerabilityTrend';
export { useHarborPermission } from './useHarborPermission';
export type { HarborRequestState } from './useHarborRequest';
export { useVulnerabilitySummary } from './useVulnerabilitySummary';
export {
  useHarborPlatformStatus,
  useEntityWorkloads,
} from './useHarborPlatformStatus';
