import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  robotSecretStoresFromConfig,
  robotSecretStoresServiceRef,
} from '@backstage-harbor/plugin-scaffolder-backend-module-harbor';
import {
  DEFAULT_ADMIN_TOKEN,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';

/** The namespace of the embedded cluster the demo's robot credentials go to. */
export const EMBEDDED_ROBOT_SECRETS_NAMESPACE = 'harbor';

/**
 * Where the demo portal's `harbor:robot:ensure` writes robot credentials: the cluster of `harbor.robotSecrets`
 * when configured, otherwise the embedded Kubernetes API simulator, so the onboarding template runs out of the box.
 */
export const embeddedRobotSecretStoresFactory = createServiceFactory({
  service: robotSecretStoresServiceRef,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    lifecycle: coreServices.rootLifecycle,
  },
  async factory({ config, logger, lifecycle }) {
    if (config.has('harbor.robotSecrets')) {
      return robotSecretStoresFromConfig(config);
    }
    const cluster = await startKubernetesSimulator({
      port: config.getOptionalNumber('kubernetesSimulator.port') ?? 7009,
      host: '127.0.0.1',
    });
    lifecycle.addShutdownHook(() => cluster.stop());
    logger.info(
      `No cluster configured for robot credentials (harbor.robotSecrets): writing them to namespace ${EMBEDDED_ROBOT_SECRETS_NAMESPACE} of the embedded Kubernetes API simulator at ${cluster.url}`,
    );
    return robotSecretStoresFromConfig(
      new ConfigReader({
        harbor: {
          robotSecrets: {
            namespace: EMBEDDED_ROBOT_SECRETS_NAMESPACE,
            cluster: {
              url: cluster.url,
              token: DEFAULT_ADMIN_TOKEN.token,
              // The simulator speaks plain HTTP on loopback.
              skipTLSVerify: true,
            },
          },
        },
      }),
    );
  },
});
