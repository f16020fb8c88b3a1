export { KubernetesClusterClient } from './ClusterClient';
export type {
  ClusterClient,
  CustomObject,
  CustomResourceType,
  ListOptions,
} from './ClusterClient';
export {
  HARBOR_CLUSTER_CONFIG_KEY,
  kubernetesClusterName,
  readHarborClusterCacheTtlMs,
  readHarborClusterSettings,
  readKubeConfig,
} from './config';
export type { HarborClusterSettings } from './config';
export {
  clusterUnavailable,
  kubernetesErrorMessage,
  kubernetesStatusMessage,
} from './errors';
export {
  KubernetesRobotSecretStore,
  ROBOT_SECRETS_CONFIG_KEY,
} from './RobotSecretStore';
export type {
  RobotSecretOwner,
  RobotSecretState,
  RobotSecretStore,
} from './RobotSecretStore';
