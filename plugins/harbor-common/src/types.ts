import type {
  HarborDataStatus,
  HarborInstanceConnection,
} from './availability';
import type { Severity, SeverityCounts } from './severity';
import type {
  ArtifactPullability,
  ArtifactSignature,
  AuditLogForwarding,
} from './supplyChain';

/*
 * View models the Harbor backend sends to the frontend. They hold what the cards show, in Harbor's words,
 * already normalised: the frontend never sees Harbor's raw shapes or its scan-report MIME types.
 */

/**
 * The scan state of an artifact. `not-scanned` is never "0 vulnerabilities": Harbor has no report for it.
 * @public
 */
export type ScanStatus =
  | 'not-scanned'
  | 'queued'
  | 'scanning'
  | 'success'
  | 'error'
  | 'stopped'
  | 'unsupported';

/** The scan overview of one artifact. @public */
export interface ScanSummary {
  status: ScanStatus;
  /** The overall severity Harbor reports, when the scan succeeded. */
  severity?: Severity;
  /** Vulnerabilities by severity (all 0 unless the scan succeeded). */
  counts: SeverityCounts;
  total: number;
  fixable: number;
  scanner?: { name: string; vendor?: string; version?: string };
  /** ISO time the scan ended. */
  endTime?: string;
}

/** One artifact (an image or an index) of a repository. @public */
export interface HarborArtifact {
  digest: string;
  tags: string[];
  /** Bytes. */
  size: number;
  /** ISO times. */
  pushTime?: string;
  pullTime?: string;
  /** IMAGE, CHART, CNAB, ... as Harbor types it. */
  type?: string;
  scan: ScanSummary;
  /** Deep link into the Harbor UI. */
  harborUrl: string;
  /** Signature accessories of the artifact. */
  signature?: ArtifactSignature;
  /** Whether an SBOM accessory is attached. */
  sbom?: boolean;
  /** Whether the project's policies let it be pulled; absent when the project's policies could not be read. */
  pullable?: ArtifactPullability;
}

/** One Harbor repository of an entity, with every artifact. @public */
export interface HarborRepositoryImages {
  /** The configured instance name. */
  instance: string;
  project: string;
  /** The repository path inside the project (may be nested). */
  repository: string;
  harborUrl: string;
  /** Empty unless `status.state` is `fresh` or `stale`. */
  artifacts: HarborArtifact[];
  /** How current `artifacts` is, or why there are none. */
  status: HarborDataStatus;
}

/** The images of a catalog entity. @public */
export interface EntityImages {
  /** Every repository the entity names, each with its own status (a failing one does not fail the others). */
  repositories: HarborRepositoryImages[];
  /** True when any repository is not `fresh`. */
  stale: boolean;
  /** ISO time the data was read from Harbor. */
  fetchedAt: string;
}

/** The latest artifact of one repository of an entity, with its count of fixable critical vulnerabilities. @public */
export interface RepositoryVulnerabilitySummary {
  /** The configured instance name. */
  instance: string;
  project: string;
  /** The repository path inside the project (may be nested). */
  repository: string;
  /** The most recently pushed artifact of the repository. */
  artifact: HarborArtifact;
  /** Critical vulnerabilities with a fixed version; absent when the artifact has no scan report. */
  fixableCriticals?: number;
}

/** The status of one repository of an entity whose data is missing or not fresh. @public */
export interface RepositoryDataStatus {
  /** The configured instance name. */
  instance: string;
  project: string;
  repository: string;
  status: HarborDataStatus;
}

/** The vulnerability summary of a catalog entity: the latest artifact of each repository, worst first. @public */
export interface EntityVulnerabilitySummary {
  /** Repositories without artifacts are left out. */
  repositories: RepositoryVulnerabilitySummary[];
  /** The repositories whose data is not fresh or could not be read, each with why (empty when all are fresh). */
  unavailable: RepositoryDataStatus[];
  /** True when any repository is not `fresh`. */
  stale: boolean;
  /** ISO time the oldest part was read from Harbor. */
  fetchedAt: string;
}

/** One vulnerability of an artifact. @public */
export interface HarborVulnerability {
  id: string;
  severity: Severity;
  /** The CVSS v3 score, where the scanner reports one. */
  cvssScore?: number;
  cvssVector?: string;
  package: string;
  version: string;
  fixVersion?: string;
  links: string[];
  description?: string;
}

/** A page of an artifact's vulnerabilities, filtered on the server. @public */
export interface VulnerabilityPage {
  items: HarborVulnerability[];
  /** Vulnerabilities matching the filter, over all pages. */
  total: number;
  page: number;
  pageSize: number;
  counts: SeverityCounts;
}

/** The health of one Harbor component, as `/health` reports it. @public */
export interface HarborComponentHealth {
  name: string;
  status: 'healthy' | 'unhealthy';
  error?: string;
}

/** Storage quota of one Harbor project. @public */
export interface HarborProjectQuota {
  project: string;
  /** Bytes used. */
  used: number;
  /** Bytes allowed; -1 means unlimited. */
  limit: number;
}

/** The state of the last run of a Harbor job (replication or garbage collection). @public */
export interface HarborJobRun {
  /** Harbor's status word, e.g. Succeed, Failed, InProgress, Stopped (replication) or Success, Error (GC). */
  status: string;
  /** Normalised outcome for display. */
  outcome: 'succeeded' | 'failed' | 'running' | 'stopped' | 'unknown';
  startTime?: string;
  endTime?: string;
  /** The replication policy's name, for replication runs. */
  policy?: string;
}

/** Registry health for an entity: the instance, and the entity's projects on it. @public */
export interface RegistryHealth {
  instance: string;
  harborUrl: string;
  /**
   * Overall status from `/health`: healthy only when every component is; `credentials-rejected` when the
   * instance rejected the backend's credentials (nothing else of it is then shown).
   */
  status: 'healthy' | 'unhealthy' | 'unreachable' | 'credentials-rejected';
  /** The backend's connection to the instance (circuit breaker and credential check). */
  connection?: HarborInstanceConnection;
  components: HarborComponentHealth[];
  version?: string;
  readOnly?: boolean;
  quotas: HarborProjectQuota[];
  scanner?: {
    name: string;
    vendor?: string;
    version?: string;
    healthy: boolean;
  };
  lastReplication?: HarborJobRun;
  lastGarbageCollection?: HarborJobRun;
  /** Whether audit logs are forwarded to a syslog endpoint. */
  auditLogForwarding?: AuditLogForwarding;
  stale: boolean;
  fetchedAt: string;
}

/** One snapshot of an entity's vulnerability counts. @public */
export interface VulnerabilityTrendPoint {
  /** ISO time of the snapshot. */
  time: string;
  counts: SeverityCounts;
}

/** An entity's vulnerability counts over time (latest artifact of each repository, summed). @public */
export interface VulnerabilityTrend {
  points: VulnerabilityTrendPoint[];
}

/** Whether a name may be used for a new Harbor project on an instance. @public */
export interface HarborProjectAvailability {
  name: string;
  /** The instance asked, resolved to its configured name. */
  instance: string;
  /** Whether the name follows Harbor's project-name rule. */
  valid: boolean;
  /** Whether no project by this name exists yet; `false` for an invalid name. */
  available: boolean;
  /** Why the name is invalid or taken. */
  reason?: string;
  /**
   * For a project that exists: the owner its `backstage.io/owner` label records (an entity ref such as
   * `group:default/team-a`); absent when it has none, i.e. it was created outside the portal.
   */
  owner?: string;
  /**
   * For a project that exists: whether the caller may change it through the portal, i.e. the permission
   * `harbor.project.update` when it has an owner, `harbor.project.adopt` when it has none.
   */
  changeable?: boolean;
}
