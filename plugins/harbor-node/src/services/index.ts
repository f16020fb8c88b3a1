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
  gitopsTargetsFromConfig,
  gitopsTargetsServiceRef,
} from './gitopsTargets';
export type { GitopsTargets } from './gitopsTargets';
export type { GitCredentials } from './gitCredentials';
