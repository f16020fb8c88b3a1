import {
  ApiException,
  AppsV1Api,
  ConfigurationOptions,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  ObservableMiddleware,
  V1Deployment,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { clusterUnavailable } from './errors';

/** A custom resource type, as the API server paths name it. @public */
export interface CustomResourceType {
  group: string;
  version: string;
  /** The plural, e.g. `helmreleases`. */
  plural: string;
}

/** A custom object as read: the fields every object has, the rest untyped. @public */
export interface CustomObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, any>;
  status?: Record<string, any>;
}

/** Which objects to list. @public */
export interface ListOptions {
  /** One namespace; every namespace when absent. */
  namespace?: string;
  /** A Kubernetes label selector, e.g. `backstage.io/kubernetes-id=web`. */
  labelSelector?: string;
}

/**
 * Read-only access to the Kubernetes cluster Harbor and the catalog's workloads run on. Only `get` and `list`:
 * the service account behind it needs no write permission. Every failure to reach the API server is a
 * `ServiceUnavailableError` naming the cluster, never the credential.
 * @public
 */
export interface ClusterClient {
  /** How messages name the cluster: its configured name or API server address. */
  readonly name: string;
  listPods(options?: ListOptions): Promise<V1Pod[]>;
  listDeployments(options?: ListOptions): Promise<V1Deployment[]>;
  listStatefulSets(options?: ListOptions): Promise<V1StatefulSet[]>;
  /**
   * Custom objects of one type in a namespace; `undefined` when the cluster does not serve the type (its CRD is
   * not installed), which is a finding for a check, not a failure.
   */
  listCustomObjects(
    type: CustomResourceType,
    namespace: string,
    labelSelector?: string,
  ): Promise<CustomObject[] | undefined>;
}

// Large clusters answer lists in pages; 500 is kubectl's chunk size.
const PAGE_SIZE = 500;
// A runaway `continue` loop must end: 200 pages of 500 is more than any namespace here holds.
const MAX_PAGES = 200;

interface Page<T> {
  items: T[];
  metadata?: { _continue?: string; continue?: string };
}

/** A `ClusterClient` over `@kubernetes/client-node`, with a timeout on every request. @public */
export class KubernetesClusterClient implements ClusterClient {
  static fromKubeConfig(options: {
    kubeConfig: KubeConfig;
    name: string;
    requestTimeoutMs: number;
    /** Items per list request; 500 (kubectl's chunk size) by default. */
    pageSize?: number;
  }): KubernetesClusterClient {
    return new KubernetesClusterClient(
      options.kubeConfig,
      options.name,
      options.requestTimeoutMs,
      options.pageSize,
    );
  }

  readonly #core: CoreV1Api;
  readonly #apps: AppsV1Api;
  readonly #custom: CustomObjectsApi;
  readonly #options: ConfigurationOptions;

  constructor(
    kubeConfig: KubeConfig,
    readonly name: string,
    private readonly requestTimeoutMs: number,
    private readonly pageSize: number = PAGE_SIZE,
  ) {
    this.#core = kubeConfig.makeApiClient(CoreV1Api);
    this.#apps = kubeConfig.makeApiClient(AppsV1Api);
    this.#custom = kubeConfig.makeApiClient(CustomObjectsApi);
    // The generated client has no timeout setting; an abort signal per request is its hook for one.
    const timeout: ObservableMiddleware = {
      pre: context => {
        context.setSignal(AbortSignal.timeout(this.requestTimeoutMs));
        return new Observable(Promise.resolve(context));
      },
      post: context => new Observable(Promise.resolve(context)),
    };
    this.#options = {
      middleware: [timeout],
      middlewareMergeStrategy: 'append',
    };
  }

  listPods(options: ListOptions = {}): Promise<V1Pod[]> {
    const { namespace, labelSelector } = options;
    return this.#all('pods', options, _continue =>
      namespace
        ? this.#core.listNamespacedPod(
            { namespace, labelSelector, limit: this.pageSize, _continue },
            this.#options,
          )
        : this.#core.listPodForAllNamespaces(
            { labelSelector, limit: this.pageSize, _continue },
            this.#options,
          ),
    );
  }

  listDeployments(options: ListOptions = {}): Promise<V1Deployment[]> {
    const { namespace, labelSelector } = options;
    return this.#all('deployments', options, _continue =>
      namespace
        ? this.#apps.listNamespacedDeployment(
            { namespace, labelSelector, limit: this.pageSize, _continue },
            this.#options,
          )
        : this.#apps.listDeploymentForAllNamespaces(
            { labelSelector, limit: this.pageSize, _continue },
            this.#options,
          ),
    );
  }

  listStatefulSets(options: ListOptions = {}): Promise<V1StatefulSet[]> {
    const { namespace, labelSelector } = options;
    return this.#all('statefulsets', options, _continue =>
      namespace
        ? this.#apps.listNamespacedStatefulSet(
            { namespace, labelSelector, limit: this.pageSize, _continue },
            this.#options,
          )
        : this.#apps.listStatefulSetForAllNamespaces(
            { labelSelector, limit: this.pageSize, _continue },
            this.#options,
          ),
    );
  }

  async listCustomObjects(
    type: CustomResourceType,
    namespace: string,
    labelSelector?: string,
  ): Promise<CustomObject[] | undefined> {
    let served = true;
    const items = await this.#all<CustomObject>(
      `${type.plural}.${type.group}`,
      { namespace, labelSelector },
      async _continue => {
        try {
          return (await this.#custom.listNamespacedCustomObject(
            {
              group: type.group,
              version: type.version,
              namespace,
              plural: type.plural,
              labelSelector,
              limit: this.pageSize,
              _continue,
            },
            this.#options,
          )) as Page<CustomObject>;
        } catch (error) {
          // A 404 on a list means the type is not served: its CRD is not installed.
          if (error instanceof ApiException && error.code === 404) {
            served = false;
            return { items: [] };
          }
          throw error;
        }
      },
    );
    return served ? items : undefined;
  }

  async #all<T>(
    what: string,
    options: ListOptions,
    page: (continueToken: string | undefined) => Promise<Page<T>>,
  ): Promise<T[]> {
    const items: T[] = [];
    let continueToken: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      let result: Page<T>;
      try {
        result = await page(continueToken);
      } catch (error) {
        throw clusterUnavailable(this.name, `list ${what}`, options, error);
      }
      items.push(...result.items);
      continueToken = result.metadata?._continue ?? result.metadata?.continue;
      if (!continueToken) return items;
    }
    return items;
  }
}
