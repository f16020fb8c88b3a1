import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ADMIN_TOKEN, SimulatorToken } from './auth';
import { KubernetesFaults } from './faults';
import { KubeconfigOptions, kubeconfigYaml } from './kubeconfig';
import { Registry } from './registry';
import { KubernetesRequestLog } from './requestLog';
import { findResourceByKind, ResourceType } from './resources';
import { createApp } from './router';
import { defaultSeed } from './seed';
import type { KubernetesObject } from './types';
import { CustomResourceSchemas } from './validation/customResourceSchemas';

/** @public */
export interface KubernetesSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Accepted bearer tokens; by default one cluster-admin token, {@link DEFAULT_ADMIN_TOKEN}. */
  tokens?: SimulatorToken[];
  /** `default` (the default) loads {@link defaultSeed}; `empty` starts with no objects at all. */
  seed?: 'default' | 'empty';
  /** More objects to put after the seed. */
  objects?: KubernetesObject[];
}

/** @public */
export interface KubernetesSimulator {
  /** `http://host:port`, the API server's address. */
  readonly url: string;
  readonly requestLog: KubernetesRequestLog;
  readonly faults: KubernetesFaults;
  readonly tokens: readonly SimulatorToken[];
  /**
   * A kubeconfig (YAML) for the simulator, for `new KubeConfig().loadFromString(...)` of
   * `@kubernetes/client-node`.
   */
  kubeconfig(options?: KubeconfigOptions): string;
  /** Stores an object as it is (no validation, status kept), creating its namespace if needed. */
  put(object: KubernetesObject): KubernetesObject;
  get(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubernetesObject | undefined;
  /** Objects of a kind, in one namespace or in all when `namespace` is undefined. */
  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): KubernetesObject[];
  /** Removes an object without any API semantics (no finalizers); false when it did not exist. */
  remove(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): boolean;
  stop(): Promise<void>;
}

function resourceOf(apiVersion: string, kind: string): ResourceType {
  const r = findResourceByKind(apiVersion, kind);
  if (!r) {
    throw new Error(`The simulator does not serve ${kind} in ${apiVersion}`);
  }
  return r;
}

/**
 * Starts a Kubernetes API server simulator over real HTTP.
 *
 * @public
 */
export async function startKubernetesSimulator(
  options: KubernetesSimulatorOptions = {},
): Promise<KubernetesSimulator> {
  const host = options.host ?? '127.0.0.1';
  const tokens = options.tokens ?? [DEFAULT_ADMIN_TOKEN];
  const registry = new Registry(new CustomResourceSchemas());
  const requestLog = new KubernetesRequestLog();
  const faults = new KubernetesFaults();
  const hanging = new Set<ServerResponse>();
  let url = '';

  for (const object of options.seed === 'empty' ? [] : defaultSeed()) {
    registry.put(object);
  }
  for (const object of options.objects ?? []) registry.put(object);

  const app = createApp(
    {
      registry,
      tokens: () => tokens,
      requestLog,
      faults,
      serverAddress: () => url.replace(/^https?:\/\//, ''),
    },
    hanging,
  );
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    requestLog,
    faults,
    tokens,
    kubeconfig(kubeconfigOptions: KubeconfigOptions = {}) {
      const token = kubeconfigOptions.token
        ? tokens.find(t => t.token === kubeconfigOptions.token) ?? {
            token: kubeconfigOptions.token,
            user: 'unknown',
          }
        : tokens[0];
      return kubeconfigYaml(
        url,
        token.user,
        token.token,
        kubeconfigOptions.namespace,
      );
    },
    put: object => registry.put(object),
    get: (apiVersion, kind, namespace, name) =>
      registry.lookup(resourceOf(apiVersion, kind), namespace, name),
    list: (apiVersion, kind, namespace) =>
      registry.list(resourceOf(apiVersion, kind), namespace).items,
    remove: (apiVersion, kind, namespace, name) =>
      registry.remove(resourceOf(apiVersion, kind), namespace, name),
    async stop() {
      hanging.clear();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        // Hung calls and keep-alive connections would hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
