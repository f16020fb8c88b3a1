import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import { readDurationMs } from '../duration';

/** @public */
export const HARBOR_CLUSTER_CONFIG_KEY = 'harbor.cluster';

// The names inside the KubeConfig built from a url and token; they appear in no message.
const CONTEXT = 'backstage-harbor';

/**
 * The KubeConfig of a cluster connection block (`harbor.cluster`, `harbor.robotSecrets.cluster`): exactly one of
 * `kubeconfigPath` (with an optional `context`), `inCluster: true`, or `url` with `token` (and `caData`,
 * `skipTLSVerify`). Undefined when the block names none; more than one, or a url without token, is an
 * `InputError` naming the key.
 * @public
 */
export function readKubeConfig(
  config: Config,
  key: string,
  options: {
    /** What the service account behind a token must be allowed to do, for the missing-token message. */
    access: string;
  },
): KubeConfig | undefined {
  const cluster = config.getOptionalConfig(key);
  const kubeconfigPath = cluster?.getOptionalString('kubeconfigPath');
  const inCluster = cluster?.getOptionalBoolean('inCluster') ?? false;
  const url = cluster?.getOptionalString('url');
  const chosen = [kubeconfigPath, inCluster || undefined, url].filter(
    v => v !== undefined,
  ).length;
  if (chosen > 1) {
    throw new InputError(
      `${key}: set exactly one of kubeconfigPath, inCluster: true, or url with token`,
    );
  }
  if (!cluster || chosen === 0) return undefined;
  const kc = new KubeConfig();
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
        `${key}.token is missing: a url needs the bearer token of a service account allowed to ${options.access}`,
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
      users: [{ name: CONTEXT, token }],
      contexts: [{ name: CONTEXT, cluster: CONTEXT, user: CONTEXT }],
      currentContext: CONTEXT,
    });
  }
  return kc;
}

/**
 * How messages name a cluster: its API server address without any user info, or `the cluster`. Never a
 * credential.
 * @public
 */
export function kubernetesClusterName(kubeConfig: KubeConfig): string {
  const server = kubeConfig.getCurrentCluster()?.server;
  return server?.replace(/\/\/[^/@]*@/, '//') ?? 'the cluster';
}

/** How the Harbor backend reaches its Kubernetes cluster, read from `harbor.cluster`. @public */
export interface HarborClusterSettings {
  kubeConfig: KubeConfig;
  /** How messages name the cluster: `harbor.cluster.name`, else the API server address. Never a credential. */
  name: string;
  requestTimeoutMs: number;
}

/**
 * The connection of `harbor.cluster`, or undefined when it names none (the cluster views then answer 503 "not
 * configured").
 * @public
 */
export function readHarborClusterSettings(
  config: Config,
): HarborClusterSettings | undefined {
  const kubeConfig = readKubeConfig(config, HARBOR_CLUSTER_CONFIG_KEY, {
    access: "get and list the Harbor platform's objects and pods",
  });
  if (!kubeConfig) return undefined;
  return {
    kubeConfig,
    name:
      config.getOptionalString(`${HARBOR_CLUSTER_CONFIG_KEY}.name`) ??
      kubernetesClusterName(kubeConfig),
    requestTimeoutMs: readDurationMs(
      config,
      `${HARBOR_CLUSTER_CONFIG_KEY}.requestTimeout`,
      { seconds: 10 },
    ),
  };
}

/** How long cluster reads are cached: `harbor.cluster.cacheTtl`, default 30 seconds. @public */
export function readHarborClusterCacheTtlMs(config: Config): number {
  return readDurationMs(config, `${HARBOR_CLUSTER_CONFIG_KEY}.cacheTtl`, {
    seconds: 30,
  });
}
