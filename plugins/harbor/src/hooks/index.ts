export { useEntityImages } from './useEntityImages';
export { useArtifactVulnerabilities } from './useArtifactVulnerabilities';
export { useRegistryHealth } from './useRegistryHealth';
export { useVulnerabilityTrend } from './useVulnerabilityTrend';
export { useHarborPermission } from './useHarborPermission';
export type { HarborRequestState } from './useHarborRequest';
export { useVulnerabilitySummary } from './useVulnerabilitySummary';
export type {
  RepositorySummary,
  VulnerabilitySummary,
} from './useVulnerabilitySummary';
