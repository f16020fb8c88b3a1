export {
  DOCKER_REGISTRY_TOOLS,
  fillRegistryStorage,
  freePort,
  missingTools,
  requireTools,
  startDockerRegistry,
} from './dockerRegistry';
export type {
  DockerRegistryAuth,
  DockerRegistryFixture,
  PushOptions,
  StartDockerRegistryOptions,
} from './dockerRegistry';
