import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import type { KubeconfigOptions } from '../kubeconfig';
import type { KubernetesSimulator } from '../simulator';
import type { KubernetesStatus } from '../status';

/** The typed clients of @kubernetes/client-node, configured from the simulator's kubeconfig. */
export function clientsFor(
  sim: KubernetesSimulator,
  options?: KubeconfigOptions,
) {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig(options));
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}

/** Awaits a call that must fail and returns the HTTP code and the Status the server answered with. */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ code: number; status?: KubernetesStatus }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ApiException) {
      const body = e.body as unknown;
      let status: KubernetesStatus | undefined;
      if (typeof body === 'string' && body.length > 0) {
        status = JSON.parse(body);
      } else if (body && typeof body === 'object') {
        status = body as KubernetesStatus;
      }
      return { code: e.code, status };
    }
    throw e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
