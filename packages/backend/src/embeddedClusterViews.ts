import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_ADMIN_TOKEN } from '@backstage-harbor/kubernetes-simulator';
import {
  harborClientsServiceRef,
  harborClusterFromConfig,
  harborClusterServiceRef,
} from '@backstage-harbor/plugin-harbor-node';
import {
  EMBEDDED_PLATFORM_NAMESPACE,
  embeddedKubernetesServiceRef,
} from './embeddedCluster';
import {
  DEMO_PODS,
  demoWorkloadObjects,
  EMBEDDED_LEGACY_REGISTRY_HOST,
  resolveDemoDigests,
} from './embeddedClusterWorkloads';

/** How the cards and messages name the embedded cluster. */
export const EMBEDDED_CLUSTER_NAME = 'embedded demo cluster';

/**
 * The cluster the Harbor backend's cluster views read: `harbor.cluster` when it names a connection (the plugin's
 * default), otherwise the embedded Kubernetes API simulator the robot credentials go to, with the Harbor platform
 * and pods of the example components running images of the demo Harbor, one still from the old registry.
 */
export const embeddedHarborClusterFactory = createServiceFactory({
  service: harborClusterServiceRef,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    embedded: embeddedKubernetesServiceRef,
    harbor: harborClientsServiceRef,
  },
  async factory({ config, logger, embedded, harbor }) {
    const configured = harborClusterFromConfig(config);
    if (configured.client) return configured;

    const cluster = await embedded.start();
    const harborHost = harbor.instances.default.hosts[0];
    const digests = await resolveDemoDigests(harbor, logger);
    for (const object of demoWorkloadObjects(harborHost, digests)) {
      cluster.put(object);
    }
    const namespaces = [...new Set(DEMO_PODS.map(p => p.namespace))];
    logger.info(
      `No cluster configured (harbor.cluster): the cluster views read the embedded Kubernetes API simulator at ${
        cluster.url
      }, with the Harbor platform in namespace ${EMBEDDED_PLATFORM_NAMESPACE} and ${
        DEMO_PODS.length
      } pods of the example components in namespaces ${namespaces.join(
        ', ',
      )} running images of ${harborHost}; ${EMBEDDED_LEGACY_REGISTRY_HOST} is their old registry`,
    );
    return {
      ...harborClusterFromConfig(
        new ConfigReader({
          harbor: {
            cluster: {
              // Keep the configured timeout and cache lifetime, if any.
              requestTimeout: config.getOptional(
                'harbor.cluster.requestTimeout',
              ),
              cacheTtl: config.getOptional('harbor.cluster.cacheTtl'),
              name: EMBEDDED_CLUSTER_NAME,
              url: cluster.url,
              token: DEFAULT_ADMIN_TOKEN.token,
              // The simulator speaks plain HTTP on loopback.
              skipTLSVerify: true,
            },
          },
        }),
      ),
      legacyRegistryHosts: [EMBEDDED_LEGACY_REGISTRY_HOST],
    };
  },
});
