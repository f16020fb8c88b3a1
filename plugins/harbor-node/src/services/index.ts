export { harborClientsServiceRef } from './harborClients';
export {
  harborClusterFromConfig,
  harborClusterServiceRef,
} from './harborCluster';
export type { HarborCluster } from './harborCluster';
export {
  robotSecretStoresFromConfig,
  robotSecretStoresServiceRef,
} from './robotSecretStores';
export type { RobotSecretStores } from './robotSecretStores';
export {
  GITOPS_PURPOSES,
  GITOPS_REPOSITORY_DEFAULTS,
  gitopsRepositoriesFromConfig,
  gitopsRepository,
  gitopsTargetsFromConfig,
  gitopsTargetsServiceRef,
  normalizeRepoUrl,
} from './gitopsTargets';
export type {
  GitopsPurpose,
  GitopsRepository,
  GitopsTargets,
} from './gitopsTargets';
export type { GitCredentials } from './gitCredentials';
