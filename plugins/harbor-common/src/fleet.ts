import type { HarborDataStatus } from './availability';
import type { ImageContainer } from './cluster';
import type { Severity, SeverityCounts } from './severity';

/*
 * View models of the fleet security view (issue #22): which images of every Harbor instance have a CVE or a
 * package, which catalog entities and teams own them and whether they run. Harbor's Security Hub knows the CVEs,
 * the catalog knows ownership; the backend joins them and hides the entities the caller may not read.
 */

/**
 * Where an instance's answer came from: Harbor's Security Hub (`/security/*`, Harbor 2.9 and later), or the
 * backend's bounded walk over project/repository/artifact listings for older instances.
 * @public
 */
export type FleetSource = 'security-hub' | 'listing';

/**
 * A fleet search, as the query parameters of `GET /fleet/vulnerabilities` carry it. At least one of `cveId`,
 * `package`, `severity` or a CVSS bound is required.
 * @public
 */
export interface FleetSearchQuery {
  /** Only this configured instance; every instance when absent. */
  instance?: string;
  /** Exact CVE id, e.g. `CVE-2021-44228` (Security Hub matches it exactly). */
  cveId?: string;
  /** Exact package name, e.g. `openssl`. */
  package?: string;
  /** Only these severities (Harbor's words). */
  severity?: Severity[];
  /** CVSS v3 score bounds, inclusive, 0–10. */
  cvssMin?: number;
  cvssMax?: number;
  /** `true`: only vulnerabilities with a fixed version; `false`: only those without. */
  fixable?: boolean;
  /** At most this many vulnerability rows per instance are read (default 1000, max 5000). */
  limit?: number;
}

/** The owner of an entity: a Group (or User) ref from `spec.owner`. @public */
export interface FleetOwner {
  /** `group:default/team-a`. */
  entityRef: string;
  /** The owner's title or name, when the catalog knows the owner and the caller may read it. */
  title?: string;
}

/** A catalog entity that builds an affected repository (its `goharbor.io/repository-slug` names it). @public */
export interface FleetEntity {
  /** `component:default/web`. */
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  owners: FleetOwner[];
}

/**
 * Whether an artifact's digest runs in the configured cluster.
 * - `running`: at least one container runs this digest (see `containers`).
 * - `not-running`: no pod of the cluster runs it.
 * - `unknown`: no cluster configured, or it could not be read (see `message`).
 * @public
 */
export interface FleetRunning {
  state: 'running' | 'not-running' | 'unknown';
  cluster?: string;
  containers: ImageContainer[];
  message?: string;
}

/** One artifact with the vulnerability, and who owns it. @public */
export interface FleetArtifact {
  instance: string;
  project: string;
  /** The repository path inside the project (may be nested). */
  repository: string;
  digest: string;
  /** Empty when Harbor gave none (untagged, or the listing did not include tags). */
  tags: string[];
  /** The package version the artifact has. */
  version?: string;
  /** The version that fixes it, when the scanner knows one. */
  fixedVersion?: string;
  /** Deep link into the Harbor UI. */
  harborUrl: string;
  /** The entities the caller may read. */
  entities: FleetEntity[];
  /** How many more entities map to the repository that the caller may not read: counted, never named. */
  hiddenEntities: number;
  /** The distinct owners of `entities`, in order of first appearance. */
  owners: FleetOwner[];
  running: FleetRunning;
}

/** One CVE (of one package) and every artifact that has it, worst artifacts first. @public */
export interface FleetVulnerability {
  cveId: string;
  package: string;
  severity: Severity;
  cvssScoreV3?: number;
  description?: string;
  links: string[];
  /** Whether any artifact has a fixed version for it. */
  fixable: boolean;
  artifacts: FleetArtifact[];
}

/** The search result of one instance. @public */
export interface FleetInstanceSearch {
  instance: string;
  source: FleetSource;
  /** Harbor's version (`/systeminfo`), when it says. */
  harborVersion?: string;
  /** Matching vulnerability rows in Harbor (Security Hub's X-Total-Count; `-1` when Harbor tuned it away). */
  totalHits: number;
  /** Whether rows were left unread because of `limit` or the fallback's bounds. */
  truncated: boolean;
  vulnerabilities: FleetVulnerability[];
  /** Set when the instance could not answer: `vulnerabilities` is then empty. */
  status?: HarborDataStatus;
}

/** The answer of `GET /fleet/vulnerabilities`. @public */
export interface FleetSearchResult {
  query: FleetSearchQuery;
  instances: FleetInstanceSearch[];
  /** ISO time the answer was assembled. */
  generatedAt: string;
}

/** A CVE that Harbor ranks among the most dangerous of an instance. @public */
export interface FleetDangerousCve {
  cveId: string;
  severity: Severity;
  cvssScoreV3?: number;
  package?: string;
  version?: string;
  description?: string;
}

/** An artifact that Harbor ranks among the most dangerous of an instance, with its entities. @public */
export interface FleetDangerousArtifact {
  instance: string;
  project: string;
  repository: string;
  digest: string;
  critical: number;
  high: number;
  medium: number;
  harborUrl: string;
  entities: FleetEntity[];
  hiddenEntities: number;
  owners: FleetOwner[];
}

/** The summary of one instance. @public */
export interface FleetInstanceSummary {
  instance: string;
  source: FleetSource;
  harborVersion?: string;
  /** Vulnerabilities by severity, over every scanned artifact. */
  counts: SeverityCounts;
  totalVulnerabilities: number;
  fixableVulnerabilities: number;
  scannedArtifacts: number;
  totalArtifacts: number;
  dangerousCves: FleetDangerousCve[];
  dangerousArtifacts: FleetDangerousArtifact[];
  /** Whether the listing fallback stopped at its bounds (counts then cover only what it read). */
  truncated: boolean;
  /** Set when the instance could not answer: the counts are then 0. */
  status?: HarborDataStatus;
}

/** The answer of `GET /fleet/summary`. @public */
export interface FleetSummary {
  instances: FleetInstanceSummary[];
  generatedAt: string;
}
