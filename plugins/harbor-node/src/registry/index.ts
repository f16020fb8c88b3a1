export {
  DEFAULT_DOCKER_REGISTRY_MAX_CONCURRENCY,
  DEFAULT_DOCKER_REGISTRY_PAGE_SIZE,
  DEFAULT_DOCKER_REGISTRY_TIMEOUT_MS,
  DockerRegistryClient,
} from './DockerRegistryClient';
export type {
  DockerRegistryClientOptions,
  DockerRegistryInventory,
  DockerRegistryInventoryOptions,
  DockerRegistryRepository,
} from './DockerRegistryClient';
export {
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
  MANIFEST_ACCEPT,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
} from './mediaTypes';
export { digestOfImageId, parseImageReference } from './imageReference';
export type { ImageReference } from './imageReference';
