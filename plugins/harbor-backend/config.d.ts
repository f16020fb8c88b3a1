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
    /** The Kubernetes cluster of the cluster views; its connection is declared by plugin-harbor-node. */
    cluster?: {
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
