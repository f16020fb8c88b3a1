import {
  DEFAULT_ADMIN_TOKEN,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';

export const SECRETS_NAMESPACE = 'harbor';

export async function startKubernetes(): Promise<KubernetesSimulator> {
  return startKubernetesSimulator({ port: 0 });
}

/** `harbor.robotSecrets` pointing at the simulator by url and token. */
export function robotSecretsConfig(k8s: KubernetesSimulator) {
  return {
    namespace: SECRETS_NAMESPACE,
    cluster: {
      url: k8s.url,
      token: DEFAULT_ADMIN_TOKEN.token,
      // The simulator speaks plain HTTP, which @kubernetes/client-node 2.x allows only without TLS verification.
      skipTLSVerify: true,
    },
  };
}

/** The Secret as stored, with its `.dockerconfigjson` decoded. */
export function storedSecret(k8s: KubernetesSimulator, name: string) {
  const secret = k8s.get('v1', 'Secret', SECRETS_NAMESPACE, name) as any;
  if (!secret) return undefined;
  const dockerConfig = JSON.parse(
    Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString('utf8'),
  );
  return { secret, dockerConfig };
}
