/**
 * Scaffolder actions that provision Harbor projects, quotas, robot accounts and policies.
 * @packageDocumentation
 */
export { scaffolderModuleHarbor as default } from './module';
export {
  robotSecretStoresFromConfig,
  robotSecretStoresServiceRef,
} from './robotSecretStoreService';
export type { RobotSecretStores } from './robotSecretStoreService';
export { KubernetesRobotSecretStore } from './provisioning/robotSecretWriter';
export type {
  RobotSecretOwner,
  RobotSecretState,
  RobotSecretStore,
} from './provisioning/robotSecretWriter';
export {
  gitopsTargetsFromConfig,
  gitopsTargetsServiceRef,
} from './gitopsTargetsService';
export type { GitopsTargets } from './gitopsTargetsService';
export type { GitCredentials } from './gitops';
