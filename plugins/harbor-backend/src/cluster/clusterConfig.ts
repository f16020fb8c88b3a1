import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  oldRegistryHosts,
  readOptionalSourceRegistry,
} from '@backstage-harbor/plugin-harbor-node';
import { positiveMs } from '../options';
import { KubeConfig } from '@kubernetes/client-node';

const KEY = 'harbor.cluster';
const CONTEXT = 'harbor-cluster';

/** How the Harbor backend reaches the Kubernetes cluster, read from `harbor.cluster`. */
export interface ClusterSettings {
  kubeConfig: KubeConfig;
  /** How messages name the cluster: `harbor.cluster.name`, else the API server address. Never a credential. */
  name: string;
  requestTimeoutMs: number;
}

/**
 * Hosts of the old registry, whose images are flagged on the workloads card: `harbor.cluster.legacyRegistryHosts`
 * and the hosts of `harbor.migration.sourceRegistry` (`url` and `harborUrl`), as the migration page reads them.
 */
export function readLegacyRegistryHosts(config: Config): string[] {
  return oldRegistryHosts(
    readOptionalSourceRegistry(config),
    config.getOptionalStringArray(`${KEY}.legacyRegistryHosts`) ?? [],
  );
}

function loadKubeConfig(cluster: Config): KubeConfig | undefined {
  const kc = new KubeConfig();
  const kubeconfigPath = cluster.getOptionalString('kubeconfigPath');
  const inCluster = cluster.getOptionalBoolean('inCluster') ?? false;
  const url = cluster.getOptionalString('url');
  const chosen = [kubeconfigPath, inCluster || undefined, url].filter(
    v => v !== undefined,
  ).length;
  if (chosen > 1) {
    throw new InputError(
      `${KEY}: set exactly one of kubeconfigPath, inCluster: true, or url with token`,
    );
  }
  if (chosen === 0) return undefined;
  if (kubeconfigPath) {
    kc.loadFromFile(kubeconfigPath);
    const context = cluster.getOptionalString('context');
    if (context) kc.setCurrentContext(context);
  } else if (inCluster) {
    kc.loadFromCluster();
  } else {
    const token = cluster.getOptionalString('token');
    if (!token) {
      throw new InputError(
        `${KEY}.token is missing: a url needs the bearer token of a service account allowed to get and list the Harbor platform's objects and pods`,
      );
    }
    kc.loadFromOptions({
      clusters: [
        {
          name: CONTEXT,
          server: url!,
          caData: cluster.getOptionalString('caData'),
          skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        },
      ],
      users: [{ name: 'backstage-harbor', token }],
      contexts: [{ name: CONTEXT, cluster: CONTEXT, user: 'backstage-harbor' }],
      currentContext: CONTEXT,
    });
  }
  return kc;
}

/** How long cluster reads are cached: `harbor.cluster.cacheTtl`, default 30 seconds. */
export function readClusterCacheTtlMs(config: Config): number {
  return positiveMs(config, `${KEY}.cacheTtl`, { seconds: 30 });
}

/**
 * The connection of `harbor.cluster`, or undefined when it names none (the cluster cards then answer 503 "not
 * configured").
 */
export function readClusterSettings(
  config: Config,
): ClusterSettings | undefined {
  const cluster = config.getOptionalConfig(KEY);
  if (!cluster) return undefined;
  const kubeConfig = loadKubeConfig(cluster);
  if (!kubeConfig) return undefined;
  const server = kubeConfig.getCurrentCluster()?.server;
  return {
    kubeConfig,
    name: cluster.getOptionalString('name') ?? server ?? 'the cluster',
    requestTimeoutMs: positiveMs(config, `${KEY}.requestTimeout`, {
      seconds: 10,
    }),
  };
}
