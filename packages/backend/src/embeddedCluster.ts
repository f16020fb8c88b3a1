import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  robotSecretStoresFromConfig,
  robotSecretStoresServiceRef,
} from '@backstage-harbor/plugin-harbor-node';
import {
  DEFAULT_ADMIN_TOKEN,
  harborPlatformObjects,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';

/** The namespace of the embedded cluster the demo's robot credentials go to. */
export const EMBEDDED_ROBOT_SECRETS_NAMESPACE = 'harbor';
/** The namespace the embedded cluster's Harbor platform runs in, as the `container-registry` System names it. */
export const EMBEDDED_PLATFORM_NAMESPACE = 'harbor';

/**
 * The demo portal's embedded Kubernetes API simulator, started on first use only: the robot credentials and the
 * cluster views share one instance, and a portal that configures both starts none.
 */
export interface EmbeddedKubernetes {
  /** Starts the simulator (once per backend) and resolves to it; later calls get the same instance. */
  start(): Promise<KubernetesSimulator>;
}

/**
 * The embedded cluster holds what the demo shows: a healthy Harbor platform in namespace `harbor` (the chart's
 * workloads, Flux, CloudNativePG, Dragonfly, cert-manager, External Secrets). It starts from an empty state rather
 * than the simulator's default seed, whose `harbor` namespace has a stand-alone `harbor-core` pod of another image
 * and whose team pods run images of `harbor.example.com`, which no demo Harbor serves.
 */
export const embeddedKubernetesServiceRef =
  createServiceRef<EmbeddedKubernetes>({
    id: 'backend.embedded-kubernetes',
    scope: 'root',
  });

/** {@link embeddedKubernetesServiceRef}: the simulator on `kubernetesSimulator.port` (7009), stopped with the backend. */
export const embeddedKubernetesFactory = createServiceFactory({
  service: embeddedKubernetesServiceRef,
  deps: {
    lifecycle: coreServices.rootLifecycle,
    logger: coreServices.rootLogger,
    config: coreServices.rootConfig,
  },
  factory({ config, logger, lifecycle }) {
    let started: Promise<KubernetesSimulator> | undefined;
    return {
      start() {
        started ??= startKubernetesSimulator({
          port: config.getOptionalNumber('kubernetesSimulator.port') ?? 7009,
          host: '127.0.0.1',
          seed: 'empty',
          objects: harborPlatformObjects({
            namespace: EMBEDDED_PLATFORM_NAMESPACE,
            state: 'healthy',
          }),
        }).then(cluster => {
          lifecycle.addShutdownHook(() => cluster.stop());
          logger.info(
            `Started the embedded Kubernetes API simulator at ${cluster.url} with a healthy Harbor platform in namespace ${EMBEDDED_PLATFORM_NAMESPACE}`,
          );
          return cluster;
        });
        return started;
      },
    };
  },
});

/**
 * Where the demo portal's `harbor:robot:ensure` writes robot credentials: the cluster of `harbor.robotSecrets`
 * when configured, otherwise the embedded Kubernetes API simulator, so the onboarding template runs out of the box.
 */
export const embeddedRobotSecretStoresFactory = createServiceFactory({
  service: robotSecretStoresServiceRef,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    embedded: embeddedKubernetesServiceRef,
  },
  async factory({ config, logger, embedded }) {
    if (config.has('harbor.robotSecrets')) {
      return robotSecretStoresFromConfig(config);
    }
    const cluster = await embedded.start();
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
