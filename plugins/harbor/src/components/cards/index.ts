export { EntityHarborVulnerabilitySummaryCard } from './EntityHarborVulnerabilitySummaryCard';
export { EntityHarborRegistryHealthCard } from './EntityHarborRegistryHealthCard';
export { EntityHarborVulnerabilityTrendCard } from './EntityHarborVulnerabilityTrendCard';
