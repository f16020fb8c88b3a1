/**
 * The Harbor backend plugin for Backstage.
 * @packageDocumentation
 */
export { harborPlugin as default } from './plugin';
export {
  harborClusterServiceRef,
  harborClusterFromConfig,
  KubernetesClusterClient,
} from './cluster';
export type {
  ClusterClient,
  CustomObject,
  CustomResourceType,
  HarborCluster,
  ListOptions,
} from './cluster';
