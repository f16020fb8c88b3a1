/*
 * View models of the migration off the old docker-registry, sent by the backend's `GET /migration/status` to the
 * migration page. They never carry a credential of the old registry or of Harbor.
 */

/**
 * One tag of the old registry against Harbor: the same digest (`matching`), another digest (`mismatched`), or
 * not in Harbor (`missing`).
 * @public
 */
export type MigrationTagState = 'matching' | 'mismatched' | 'missing';

/** @public */
export interface MigrationTag {
  tag: string;
  /** The manifest digest in the old registry. */
  sourceDigest?: string;
  /** The digest of the Harbor artifact carrying the tag. */
  harborDigest?: string;
  state: MigrationTagState;
}

/**
 * Where a repository stands: every tag in Harbor on the same digest (`migrated`), some tags on another digest
 * (`digest-mismatch`, it wins over missing tags), some tags missing (`missing-tags`), or none there yet
 * (`not-replicated`).
 * @public
 */
export type MigrationRepositoryState =
  | 'migrated'
  | 'missing-tags'
  | 'digest-mismatch'
  | 'not-replicated';

/** The state of Harbor's replication execution, in Harbor's words. @public */
export type MigrationExecutionStatus =
  | 'InProgress'
  | 'Succeed'
  | 'Failed'
  | 'Stopped';

/** The replication policy that pulls a repository's target project, and its last execution. @public */
export interface MigrationReplication {
  /** The policy's name (`migrate-<registryName>-to-<project>`), also when Harbor does not have it yet. */
  policyName: string;
  /** Whether Harbor has the policy and its name filter takes this repository. */
  state: 'no-policy' | 'not-in-policy' | 'never-run' | 'executed';
  policyId?: number;
  enabled?: boolean;
  lastExecution?: {
    id: number;
    status: MigrationExecutionStatus | string;
    /** ISO times. */
    startTime?: string;
    endTime?: string;
    total?: number;
    succeed?: number;
    failed?: number;
  };
  /** Deep link to the policy's executions in the Harbor UI. */
  harborUrl?: string;
}

/** A pod that still pulls an image from the old registry. @public */
export interface MigrationWorkload {
  namespace: string;
  pod: string;
  /** The controller that runs the pod, e.g. `ReplicaSet/api-7c9d`, when it has one. */
  owner?: string;
  container: string;
  /** The image reference as the pod spec writes it. */
  image: string;
}

/** One repository of the old registry and its migration. @public */
export interface MigrationRepositoryStatus {
  /** The name in the old registry, e.g. `team-a/api`. */
  source: string;
  /** The Harbor project and repository (inside the project) it maps to. */
  project: string;
  repository: string;
  /** `<project>/<repository>` */
  target: string;
  state: MigrationRepositoryState;
  /** Every tag of the old registry, compared with Harbor. */
  tags: MigrationTag[];
  /** Tags Harbor has on the same digest. */
  matchingTags: number;
  replication: MigrationReplication;
  /** Pods whose images still come from this repository of the old registry. */
  workloads: MigrationWorkload[];
}

/** What the cluster told about workloads on the old registry. @public */
export interface MigrationWorkloadScan {
  /** `checked`: pods were read; `unavailable`: the cluster could not be read (see `message`); `not-configured`. */
  state: 'checked' | 'unavailable' | 'not-configured';
  message?: string;
  /** Pods read. */
  pods: number;
  /** Pods pulling from the old registry whose repository is not in its inventory any more. */
  unmatched: MigrationWorkload[];
}

/** `GET /migration/status` when an old registry is configured. @public */
export interface MigrationStatus {
  configured: true;
  /** The old registry's address (scheme, host and port only). */
  registry: string;
  /** The Harbor instance it migrates to. */
  instance: string;
  /** The Harbor registry endpoint name of the old registry. */
  registryName: string;
  /** Whether `harbor.migration.rules` are configured; without them nothing is mapped. */
  rulesConfigured: boolean;
  repositories: MigrationRepositoryStatus[];
  /** Repositories of the old registry no rule maps (or outside the requested project). */
  unmapped: string[];
  workloads: MigrationWorkloadScan;
  summary: {
    repositories: number;
    migrated: number;
    /** Pods still pulling from the old registry, matched or not. */
    workloadsOnOldRegistry: number;
    /** Every mapped repository migrated and no workload on the old registry: it can go. */
    canRetire: boolean;
  };
  /** ISO time the data was read. */
  fetchedAt: string;
  /** Served from the cache's last good copy because Harbor could not be reached. */
  stale: boolean;
}

/** `GET /migration/status` when no old registry is configured. @public */
export interface MigrationNotConfigured {
  configured: false;
  /** Which config key to set. */
  message: string;
}

/** @public */
export type MigrationStatusResponse = MigrationStatus | MigrationNotConfigured;
