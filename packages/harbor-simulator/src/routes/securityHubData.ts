import type { HarborContext } from '../context';
import { badRequest, HarborError } from '../errors';
import type { QueryClause } from '../query';
import type {
  ArtifactRecord,
  HarborState,
  Severity,
  VulnerabilityRecord,
} from '../state';
import { scanStateAt } from '../vulnerabilities';

/*
 * The data behind Harbor's Security Hub (src/pkg/securityhub/dao/security.go): one row per vulnerability of
 * an artifact's report by the default scanner, joined to the artifact and its repository.
 */

/** One `vulnerabilitySQL` row. */
export interface SecurityHubRow {
  artifact: ArtifactRecord;
  repositoryName: string;
  vulnerability: VulnerabilityRecord;
}

/** The Security Hub of Harbor 2.9 and later; older versions have no `/security/*` path. */
export function hasSecurityHub(harborVersion: string): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(harborVersion);
  if (!m) return true;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 9);
}

const SECURITY_HUB_OPERATIONS = ['getSecuritySummary', 'ListVulnerabilities'];

/** Harbor's 404 for a Security Hub path on a version without it, else undefined. */
export function securityHubUnavailable(
  harborVersion: string,
  operationId: string,
  rawPath: string,
): HarborError | undefined {
  if (!SECURITY_HUB_OPERATIONS.includes(operationId)) return undefined;
  if (hasSecurityHub(harborVersion)) return undefined;
  return new HarborError(404, 'NOT_FOUND', `path ${rawPath} was not found`);
}

/** The default scanner's name: only its reports are in the hub (`registration_uuid = ?`). */
export function defaultScannerName(state: HarborState): string | undefined {
  const scanner = state.scanners.find(s => s.is_default);
  return scanner ? String(scanner.adapter ?? scanner.name) : undefined;
}

/** The vulnerabilities of an artifact's finished report by the default scanner; undefined without one. */
export function defaultScannerReport(
  ctx: HarborContext,
  artifact: ArtifactRecord,
  scannerName: string,
): VulnerabilityRecord[] | undefined {
  const scan = artifact.scans.find(s => s.scanner.name === scannerName);
  if (!scan) return undefined;
  const state = scanStateAt(
    scan,
    artifact,
    ctx.core.clock.now(),
    ctx.core.scanDurations,
  );
  return state.status === 'Success' ? state.vulnerabilities : [];
}

/** Whether the artifact has a report row at all (any status): `scannedArtifactCountSQL`. */
export function hasDefaultScannerReport(
  artifact: ArtifactRecord,
  scannerName: string,
): boolean {
  return artifact.scans.some(s => s.scanner.name === scannerName);
}

/** Repository id → full name, once per request. */
export function repositoryNames(state: HarborState): Map<number, string> {
  return new Map(state.repositories.map(r => [r.id, r.name]));
}

type StringKey =
  | 'cve_id'
  | 'severity'
  | 'status'
  | 'project_id'
  | 'repository_name'
  | 'package'
  | 'tag'
  | 'digest';

const STRING_KEYS: readonly string[] = [
  'cve_id',
  'severity',
  'status',
  'project_id',
  'repository_name',
  'package',
  'tag',
  'digest',
];

/** A row filter of a checked `q`. */
export type RowFilter = (row: SecurityHubRow) => boolean;

/**
 * `checkQFilter`: every key must be in `filterMap`, `cvss_score_v3` a range, the others an exact match; anything
 * else is a 400 naming the key.
 */
export function checkFilters(clauses: QueryClause[]): void {
  for (const clause of clauses) {
    if (clause.key === 'cvss_score_v3') {
      if (clause.kind !== 'range') {
        throw badRequest(
          `keyword: ${clause.key}, the query type is not allowed`,
        );
      }
    } else if (STRING_KEYS.includes(clause.key)) {
      if (clause.kind !== 'exact') {
        throw badRequest(
          `keyword: ${clause.key}, the query type is not allowed`,
        );
      }
    } else {
      throw badRequest(`keyword: ${clause.key} is not allowed`);
    }
  }
}

/** Postgres refuses a non-numeric value compared with a numeric column: Harbor answers 500. */
function numeric(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new HarborError(500, 'UNKNOWN', 'internal server error');
  }
  return n;
}

function exactValue(
  row: SecurityHubRow,
  key: StringKey,
): string | number | undefined {
  const { artifact, vulnerability: v } = row;
  switch (key) {
    case 'cve_id':
      return v.id;
    case 'severity':
      return v.severity;
    case 'status':
      return '';
    case 'project_id':
      return artifact.project_id;
    case 'repository_name':
      return row.repositoryName;
    case 'package':
      return v.package;
    case 'digest':
      return artifact.digest;
    default:
      return undefined;
  }
}

/** One clause as `applyVulFilter` writes it: `col = ?`, `between ? and ?`, or the tag's `a.id in (...)`. */
function filterOf(clause: QueryClause): RowFilter {
  if (clause.kind === 'range') {
    // `between ? and NULL` is never true: a half-open range matches nothing in Harbor.
    if (clause.min === undefined || clause.max === undefined)
      return () => false;
    const [min, max] = [numeric(clause.min), numeric(clause.max)];
    return row => {
      const score = row.vulnerability.cvss_v3_score;
      return score !== undefined && score >= min && score <= max;
    };
  }
  if (clause.kind !== 'exact') return () => false;
  const { value } = clause;
  if (clause.key === 'tag') {
    return row => row.artifact.tags.some(t => t.name === value);
  }
  if (clause.key === 'project_id') {
    const id = numeric(value);
    return row => row.artifact.project_id === id;
  }
  const key = clause.key as StringKey;
  return row => exactValue(row, key) === value;
}

/** The rows of every checked clause, in Harbor's order: CVSS v3 descending, scores last when absent. */
export function vulnerabilityRows(
  ctx: HarborContext,
  clauses: QueryClause[],
  scannerName: string,
): SecurityHubRow[] {
  const { state } = ctx.core;
  const filters = clauses.map(filterOf);
  const names = repositoryNames(state);
  const rows: SecurityHubRow[] = [];
  for (const artifact of state.artifacts) {
    const vulnerabilities = defaultScannerReport(ctx, artifact, scannerName);
    if (!vulnerabilities?.length) continue;
    const repositoryName = names.get(artifact.repository_id) ?? '';
    for (const vulnerability of vulnerabilities) {
      const row = { artifact, repositoryName, vulnerability };
      if (filters.every(f => f(row))) rows.push(row);
    }
  }
  // Postgres leaves ties in no particular order; the simulator breaks them by artifact, then CVE, to be stable.
  return rows.sort(
    (a, b) =>
      (b.vulnerability.cvss_v3_score ?? -1) -
        (a.vulnerability.cvss_v3_score ?? -1) ||
      a.artifact.id - b.artifact.id ||
      a.vulnerability.id.localeCompare(b.vulnerability.id),
  );
}

/** The `scan_report` count columns a severity adds to. */
export function severityColumn(
  severity: Severity,
): 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown' {
  switch (severity) {
    case 'Critical':
      return 'critical';
    case 'High':
      return 'high';
    case 'Medium':
      return 'medium';
    case 'Low':
    case 'Negligible':
      return 'low';
    case 'None':
      return 'none';
    default:
      return 'unknown';
  }
}
