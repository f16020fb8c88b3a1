import type {
  FleetDangerousCve,
  FleetSearchQuery,
  FleetSource,
  Severity,
  SeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';

/*
 * What the fleet service reads from one Harbor instance, before it is joined with the catalog: cached per
 * instance and query, the same for every caller.
 */

/** One vulnerability of one artifact (a Security Hub row, or a row of a report the fallback read). */
export interface FleetHit {
  projectId: number;
  project: string;
  /** Inside the project, may be nested. */
  repository: string;
  digest: string;
  tags: string[];
  cveId: string;
  package: string;
  version?: string;
  fixedVersion?: string;
  severity: Severity;
  cvssScoreV3?: number;
  description?: string;
  links: string[];
}

/** The hits of one instance for one query. */
export interface InstanceHits {
  source: FleetSource;
  harborVersion?: string;
  totalHits: number;
  truncated: boolean;
  hits: FleetHit[];
  /** Harbor calls this read made (0 when served from the cache). */
  harborCalls: number;
}

/** An artifact Harbor ranks dangerous. */
export interface RawDangerousArtifact {
  projectId: number;
  project: string;
  repository: string;
  digest: string;
  critical: number;
  high: number;
  medium: number;
}

/** The summary of one instance, before the catalog join. */
export interface InstanceSummaryData {
  source: FleetSource;
  harborVersion?: string;
  counts: SeverityCounts;
  totalVulnerabilities: number;
  fixableVulnerabilities: number;
  scannedArtifacts: number;
  totalArtifacts: number;
  dangerousCves: FleetDangerousCve[];
  dangerousArtifacts: RawDangerousArtifact[];
  truncated: boolean;
}

/** A validated search, normalised so that equal searches share a cache entry. */
export type NormalizedFleetQuery = Required<Pick<FleetSearchQuery, 'limit'>> &
  Omit<FleetSearchQuery, 'limit' | 'instance'>;

/** Splits Harbor's full repository name `project/nested/name` at its first slash. */
export function splitRepositoryName(fullName: string): {
  project: string;
  repository: string;
} {
  const slash = fullName.indexOf('/');
  return slash < 0
    ? { project: '', repository: fullName }
    : {
        project: fullName.slice(0, slash),
        repository: fullName.slice(slash + 1),
      };
}
