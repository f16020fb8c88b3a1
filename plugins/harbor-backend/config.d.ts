import { HumanDuration } from '@backstage/types';

export interface Config {
  harbor?: {
    /**
     * How long the Harbor backend plugin keeps what it read from Harbor. Durations as `{ minutes: 5 }`, '5m'
     * or ISO 8601 ('PT5M').
     */
    cache?: {
      /** Artifacts and scan overviews of a repository. Default 5 minutes. */
      imagesTtl?: HumanDuration | string;
      /** The vulnerability report of an artifact. Default 10 minutes. */
      vulnerabilitiesTtl?: HumanDuration | string;
      /** Registry health: components, version, scanner, quotas, last replication and GC. Default 1 minute. */
      healthTtl?: HumanDuration | string;
      /** The migration status off the old registry (`GET /migration/status`). Default 5 minutes. */
      migrationTtl?: HumanDuration | string;
      /**
       * How long the last good answer is kept to serve, flagged stale, while Harbor cannot be reached.
       * Default 7 days.
       */
      staleTtl?: HumanDuration | string;
    };
    /**
     * The Kubernetes cluster the cluster views read (read-only: get and list): the Harbor platform's objects in the
     * namespace a System names with `goharbor.io/platform-namespace`, and the pods of entities with
     * `backstage.io/kubernetes-id`. Exactly one of `kubeconfigPath`, `inCluster` or `url` (with `token`).
     */
    cluster?: {
      /** How messages name the cluster; the API server address by default. */
      name?: string;
      /** A kubeconfig file; its current context is used unless `context` is set. */
      kubeconfigPath?: string;
      /** The context of `kubeconfigPath` to use. */
      context?: string;
      /** Use the service account of the pod the backend runs in. */
      inCluster?: boolean;
      /** The API server address, e.g. https://kubernetes.example.com:6443. */
      url?: string;
      /**
       * Bearer token of a service account allowed to get and list the platform's objects and pods.
       * @visibility secret
       */
      token?: string;
      /** PEM CA bundle (base64) of the API server. */
      caData?: string;
      /** Skip TLS verification; for tests only. */
      skipTLSVerify?: boolean;
      /** Timeout of one request to the API server: milliseconds or a duration. Default 10 seconds. */
      requestTimeout?: HumanDuration | string | number;
      /** How long cluster reads (platform status, workloads) are cached. Default 30 seconds. */
      cacheTtl?: HumanDuration | string | number;
      /**
       * Registry hosts of the old registry: images pulled from them are flagged on the workloads card. The hosts of
       * `harbor.migration.sourceRegistry.url` and `harbor.migration.sourceRegistry.harborUrl` are always included.
       */
      legacyRegistryHosts?: string[];
    };
    /** The vulnerability trend snapshots. */
    trends?: {
      /** How often to snapshot every annotated entity's repositories: a duration or `{ cron: '0 *\/6 * * *' }`. Default 6 hours. */
      frequency?: HumanDuration | string | { cron: string };
      /** How long a snapshot run may take. Default 30 minutes. */
      timeout?: HumanDuration | string;
      /** The wait after startup before the first run. Default 1 minute. */
      initialDelay?: HumanDuration | string;
      /** How long snapshots are kept. Default 1 year. */
      retention?: HumanDuration | string;
    };
  };
}
