import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ClusterClient,
  KubernetesClusterClient,
  readHarborClusterCacheTtlMs,
  readHarborClusterSettings,
} from '../kubernetes';

/**
 * The cluster the Harbor backend reads: Harbor's platform objects and the catalog's pods.
 * @public
 */
export interface HarborCluster {
  /** The client, or undefined when no cluster is configured (the cluster routes then answer 503). */
  client: ClusterClient | undefined;
  /** How long cluster reads are cached, in milliseconds. */
  cacheTtlMs: number;
  /**
   * Hosts of the old registry this cluster's pods pull from, besides those of the config
   * (`harbor.cluster.legacyRegistryHosts`, the hosts of `harbor.migration.sourceRegistry.url` and `.harborUrl`); e.g.
   * an embedded demo cluster's.
   */
  legacyRegistryHosts?: string[];
}

/** The cluster of `harbor.cluster`, or none. @public */
export function harborClusterFromConfig(config: Config): HarborCluster {
  const settings = readHarborClusterSettings(config);
  return {
    client: settings && KubernetesClusterClient.fromKubeConfig(settings),
    cacheTtlMs: readHarborClusterCacheTtlMs(config),
  };
}

/**
 * The Kubernetes cluster of the Harbor backend, by default `harbor.cluster`. A backend may provide its own
 * factory (the demo portal does, with its embedded cluster).
 * @public
 */
export const harborClusterServiceRef = createServiceRef<HarborCluster>({
  id: 'harbor.cluster',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => harborClusterFromConfig(config),
    }),
});
