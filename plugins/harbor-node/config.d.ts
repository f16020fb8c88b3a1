import { HumanDuration } from '@backstage/types';

/**
 * How a backend reaches a Kubernetes cluster: exactly one of `kubeconfigPath`, `inCluster` or `url` (with `token`).
 * Written once, used by `harbor.cluster` and `harbor.robotSecrets.cluster`.
 */
interface KubernetesClusterConnection {
  /** A kubeconfig file; its current context is used unless `context` is set. */
  kubeconfigPath?: string;
  /** The context of `kubeconfigPath` to use. */
  context?: string;
  /** Use the service account of the pod the backend runs in. */
  inCluster?: boolean;
  /** The API server address, e.g. https://kubernetes.example.com:6443. */
  url?: string;
  /**
   * Bearer token of a service account with the permissions the using key names.
   * @visibility secret
   */
  token?: string;
  /** PEM CA bundle (base64) of the API server. */
  caData?: string;
  /** Skip TLS verification; for tests only. */
  skipTLSVerify?: boolean;
}

export interface Config {
  /**
   * Harbor registries that Backstage talks to.
   *
   * Either one instance written directly under `harbor` (the form the existing Harbor plugins read), or a list
   * under `harbor.instances`, the first of which is the default.
   */
  harbor?: {
    /**
     * The address of the single Harbor instance, e.g. https://harbor.example.com (without /api/v2.0).
     */
    baseUrl?: string;
    /**
     * User or robot account name (robot$name or robot$project+name) of the single instance.
     * @visibility secret
     */
    username?: string;
    /**
     * Password or robot secret of the single instance.
     * @visibility secret
     */
    password?: string;
    /**
     * Address of the Harbor web UI when it differs from baseUrl, used for links.
     */
    uiUrl?: string;
    /**
     * Registry hosts (host or host:port) that name the single instance in image references and annotations,
     * besides the host of baseUrl.
     */
    host?: string | string[];

    /**
     * Several Harbor instances; the first is the default.
     */
    instances?: Array<{
      /**
       * The name that annotations (goharbor.io/instance) and scaffolder inputs use for this instance.
       */
      name: string;
      /**
       * The address of the instance, e.g. https://harbor.example.com (without /api/v2.0).
       */
      baseUrl: string;
      /**
       * User or robot account name (robot$name or robot$project+name).
       * @visibility secret
       */
      username?: string;
      /**
       * Password or robot secret.
       * @visibility secret
       */
      password?: string;
      /**
       * Address of the Harbor web UI when it differs from baseUrl, used for links.
       */
      uiUrl?: string;
      /**
       * Registry hosts (host or host:port) that name this instance in image references and annotations,
       * besides the host of baseUrl.
       */
      host?: string | string[];
    }>;

    /**
     * Timeout of one request to Harbor, in milliseconds or as a duration ('10s', { seconds: 10 }).
     * Defaults to 10 seconds.
     */
    requestTimeout?: number | string | HumanDuration;
    /**
     * The most requests in flight to one Harbor instance at a time. Defaults to 8.
     */
    maxConcurrency?: number;

    /**
     * The circuit breaker of each instance: after `failureThreshold` consecutive failed or timed-out calls, calls
     * fail at once (answered from the cache where the backend has a copy) until, after `coolDown` (lengthened by
     * up to a fifth at random), one probe call finds Harbor back.
     */
    circuitBreaker?: {
      /** Consecutive failures (5xx, network errors, timeouts) that open the breaker. Defaults to 5. */
      failureThreshold?: number;
      /** How long the breaker stays open before a probe: milliseconds or a duration. Defaults to 30 seconds. */
      coolDown?: number | string | HumanDuration;
    };

    /**
     * The check that each instance's credentials authenticate as the configured user or robot account (Harbor
     * answers unknown credentials as anonymous), run at start-up, after a 401 or 403, and periodically.
     */
    credentialCheck?: {
      /** How often to check again: milliseconds or a duration. Defaults to 5 minutes. */
      interval?: number | string | HumanDuration;
    };

    /** Who may provision Harbor besides users (issue #17). */
    permissions?: {
      /**
       * Subjects of the services (e.g. `external:release-bot`) that may start Harbor writes, such as a
       * scaffolder task created without a user. Backstage's permissions service allows every service without
       * asking the policy, so services not named here are refused; a named one is then decided by the policy.
       */
      allowedServices?: string[];
    };

    /**
     * The Kubernetes cluster the backend plugin's cluster views read (read-only: get and list): the Harbor
     * platform's objects in the namespace a System names with `goharbor.io/platform-namespace`, and the pods of
     * entities with `backstage.io/kubernetes-id`. The token's service account may get and list those objects and pods.
     */
    cluster?: KubernetesClusterConnection & {
      /** How messages name the cluster; the API server address by default. */
      name?: string;
      /** Timeout of one request to the API server: milliseconds or a duration. Default 10 seconds. */
      requestTimeout?: HumanDuration | string | number;
      /** How long cluster reads (platform status, workloads) are cached. Default 30 seconds. */
      cacheTtl?: HumanDuration | string | number;
    };

    /**
     * Where `harbor:robot:ensure` stores robot credentials: one Kubernetes Secret of type
     * `kubernetes.io/dockerconfigjson` per robot, from where the platform's PushSecret/ExternalSecret manifests
     * carry it on. Harbor shows a robot secret only once, so the action writes it here and nowhere else.
     */
    robotSecrets?: {
      /** The namespace the Secrets are written to. */
      namespace: string;
      /** The cluster; the token's service account may get, create and update Secrets in `namespace`. */
      cluster?: KubernetesClusterConnection;
    };

    /** Git repositories written by harbor:gitops:commit. */
    gitops?: {
      /** The repository harbor:gitops:commit writes to when a template gives no repoUrl, e.g. https://git.example.com/platform/gitops.git. */
      defaultRepoUrl?: string;
      /**
       * The only repositories harbor:gitops:commit may write to, each with what may be committed there and where.
       * When absent, the defaultRepoUrl alone, for both purposes, with the defaults below; no other repository.
       */
      repositories?: Array<{
        /** The http(s) URL of the repository, e.g. https://git.example.com/platform/flux.git. */
        url: string;
        /** What may be committed there: platform (the platform's manifests) and/or team (a team's deliveries). Default both. */
        purposes?: Array<'platform' | 'team'>;
        /** The branch Flux applies and new branches start from; never pushed to directly unless allowBaseBranch. Default main. */
        baseBranch?: string;
        /** Allow commits to baseBranch itself, bypassing review; otherwise a merge/pull request is the way in. Default false. */
        allowBaseBranch?: boolean;
        /** The teams folder: a team's deliveries only under <teamPath>/<owner name>/. Default platform/harbor/teams. */
        teamPath?: string;
        /** The platform folder: commits under it need harbor.platform.update; '.' for the whole repository. Default platform. */
        platformPath?: string;
      }>;
      /** Basic-auth credentials per Git host, used for http(s) repoUrls on that host. */
      credentials?: Array<{
        /** The host, optionally with port, e.g. git.example.com or 127.0.0.1:3000. */
        host: string;
        /** The username. */
        username: string;
        /**
         * The password or access token.
         * @visibility secret
         */
        password: string;
      }>;
    };

    /**
     * The migration off the old docker-registry: read by the `harbor:migration:*` scaffolder actions and by the
     * backend plugin's migration status.
     */
    migration?: {
      /** The old registry, read through the Registry HTTP API v2 and registered in Harbor as a `docker-registry` endpoint. */
      sourceRegistry?: {
        /** How Backstage reaches it, e.g. https://registry.old.example.com. */
        url: string;
        /** How Harbor reaches it, when that differs from `url`. */
        harborUrl?: string;
        /**
         * The account that reads it (basic auth, or the token service's basic credentials).
         * @visibility secret
         */
        username?: string;
        /**
         * Its password; sent to the registry and, once, to Harbor for the registry endpoint. Never an action input.
         * @visibility secret
         */
        password?: string;
        /** Harbor skips TLS verification of the registry. Default false. */
        insecure?: boolean;
        /** Timeout of one request to it, in milliseconds. Default 10000. */
        requestTimeoutMs?: number;
        /** Requests in flight to it at once. Default 8. */
        maxConcurrency?: number;
      };
      /**
       * Where each repository of the old registry goes, by name prefix; the first matching rule wins. The backend's
       * migration status maps by these; the actions take the same shape as their `rules` input.
       */
      rules?: Array<{
        /** `''` (every repository, last) or whole path components each followed by `/`, e.g. `team-a/`. */
        prefix: string;
        /** The Harbor project the repositories go to. */
        project: string;
        /** Keep the whole source name inside the project instead of removing the prefix. Default false. */
        keepPath?: boolean;
      }>;
      /** The name of the Harbor registry endpoint of the old registry, as the actions' `registryName`. Default 'old-registry'. */
      registryName?: string;
    };
  };
}
