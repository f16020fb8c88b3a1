import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { KubernetesRobotSecretStore, RobotSecretStore } from '../kubernetes';

/** Where `harbor:robot:ensure` writes robot credentials. @public */
export interface RobotSecretStores {
  /** The store, or undefined when none is configured (the robot action then refuses to run). */
  get(): RobotSecretStore | undefined;
}

/** The Kubernetes Secret store of `harbor.robotSecrets`, resolved on first use. @public */
export function robotSecretStoresFromConfig(config: Config): RobotSecretStores {
  let store: RobotSecretStore | undefined;
  return {
    get: () => (store ??= KubernetesRobotSecretStore.fromConfig(config)),
  };
}

/**
 * The robot credential store, by default the Kubernetes Secrets of `harbor.robotSecrets`, read on first use so
 * that the backend starts without it. A backend may provide its own factory (the demo portal does, with an
 * embedded cluster).
 * @public
 */
export const robotSecretStoresServiceRef = createServiceRef<RobotSecretStores>({
  id: 'harbor.robot-secret-stores',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => robotSecretStoresFromConfig(config),
    }),
});
