export { DockerRegistryClient } from './DockerRegistryClient';
export type {
  DockerRegistryClientOptions,
  DockerRegistryInventory,
  DockerRegistryInventoryOptions,
  DockerRegistryRepository,
} from './DockerRegistryClient';
export { digestOfImageId, parseImageReference } from './imageReference';
export type { ImageReference } from './imageReference';
