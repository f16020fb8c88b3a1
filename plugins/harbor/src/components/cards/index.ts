export { EntityHarborVulnerabilitySummaryCard } from './EntityHarborVulnerabilitySummaryCard';
export { EntityHarborRegistryHealthCard } from './EntityHarborRegistryHealthCard';
export { EntityHarborVulnerabilityTrendCard } from './EntityHarborVulnerabilityTrendCard';
export { EntityHarborPlatformStatusCard } from './EntityHarborPlatformStatusCard';
export { EntityHarborWorkloadsCard } from './EntityHarborWorkloadsCard';
