import { stringify } from 'yaml';

/** @public */
export interface KubeconfigOptions {
  /** The bearer token to put in the kubeconfig; the first configured token by default. */
  token?: string;
  /** The context's default namespace. */
  namespace?: string;
}

export const CONTEXT_NAME = 'kubernetes-simulator';

/** A kubeconfig (YAML) with one cluster, one token user and a current context pointing at them. */
export function kubeconfigYaml(
  server: string,
  user: string,
  token: string,
  namespace?: string,
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: CONTEXT_NAME,
        // The simulator speaks plain HTTP; @kubernetes/client-node 2.x refuses http:// servers unless TLS
        // verification is off ("HTTP protocol is not allowed when skipTLSVerify is not set or false").
        cluster: { server, 'insecure-skip-tls-verify': true },
      },
    ],
    users: [{ name: user, user: { token } }],
    contexts: [
      {
        name: CONTEXT_NAME,
        context: {
          cluster: CONTEXT_NAME,
          user,
          ...(namespace ? { namespace } : {}),
        },
      },
    ],
    'current-context': CONTEXT_NAME,
    preferences: {},
  });
}
