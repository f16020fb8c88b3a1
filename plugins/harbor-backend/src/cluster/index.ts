export { KubernetesClusterClient } from './ClusterClient';
export type {
  ClusterClient,
  CustomObject,
  CustomResourceType,
  ListOptions,
} from './ClusterClient';
export {
  readClusterCacheTtlMs,
  readClusterSettings,
  readLegacyRegistryHosts,
} from './clusterConfig';
export type { ClusterSettings } from './clusterConfig';
export { clusterNotConfigured, clusterUnavailable } from './clusterErrors';
export {
  harborClusterFromConfig,
  harborClusterServiceRef,
} from './clusterServiceRef';
export type { HarborCluster } from './clusterServiceRef';
