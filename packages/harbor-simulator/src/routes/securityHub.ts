import { HarborContext, HarborRoutes, ok, queryBool } from '../context';
import { linkHeader, pageParams } from '../pagination';
import { parseQuery } from '../query';
import { requireSystemAccess } from '../rbac';
import { SEVERITY_ORDER, type VulnerabilityRecord } from '../state';
import {
  SecurityHubRow,
  checkFilters,
  defaultScannerName,
  defaultScannerReport,
  hasDefaultScannerReport,
  repositoryNames,
  severityColumn,
  vulnerabilityRows,
} from './securityHubData';

/*
 * Harbor's Security Hub (2.9+): `GET /security/summary` and `GET /security/vul`, as
 * src/server/v2.0/handler/security.go, src/controller/securityhub and src/pkg/securityhub/dao answer them. Both
 * need the system-level `security-hub` resource (`read` for the summary, `list` for the list).
 */

/** `countExceedLimit`: with `tune_count`, a count over 1000 is answered as -1. */
const TUNE_COUNT_LIMIT = 1000;
/** `applyVulPagination`: a page size of 0 reads 15 rows. */
const ZERO_PAGE_SIZE_ROWS = 15;
/** `attachTags` shows at most 10 tags. */
const MAX_TAGS = 10;

type Counts = Record<
  'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown' | 'fixable',
  number
>;

function countsOf(vulnerabilities: VulnerabilityRecord[]): Counts {
  const counts: Counts = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    none: 0,
    unknown: 0,
    fixable: 0,
  };
  for (const v of vulnerabilities) {
    counts[severityColumn(v.severity)]++;
    if (v.fix_version) counts.fixable++;
  }
  return counts;
}

/** `toVulnerabilities`: go-swagger leaves out zero and empty `omitempty` fields; `links` splits `urls` on `|`. */
function itemView(row: SecurityHubRow, withTag: boolean) {
  const { artifact, vulnerability: v } = row;
  const item: Record<string, unknown> = {
    project_id: artifact.project_id,
    repository_name: row.repositoryName,
    digest: artifact.digest,
    cve_id: v.id,
    severity: v.severity,
    package: v.package,
    version: v.version,
    links: v.links.length ? [...v.links] : [''],
  };
  if (withTag && artifact.tags.length) {
    item.tags = [...artifact.tags]
      .sort((a, b) => a.id - b.id)
      .slice(0, MAX_TAGS)
      .map(t => t.name);
  }
  if (v.cvss_v3_score) item.cvss_v3_score = v.cvss_v3_score;
  if (v.fix_version) item.fixed_version = v.fix_version;
  if (v.description) item.desc = v.description;
  return item;
}

/** Top 5 distinct vulnerability records with a CVSS v3 score: score, then severity, descending. */
function dangerousCves(ctx: HarborContext, scannerName: string) {
  const records = new Map<string, VulnerabilityRecord>();
  for (const artifact of ctx.core.state.artifacts) {
    for (const v of defaultScannerReport(ctx, artifact, scannerName) ?? []) {
      if (v.cvss_v3_score === undefined) continue;
      records.set(`${v.id}|${v.package}|${v.version}`, v);
    }
  }
  return [...records.values()]
    .sort(
      (a, b) =>
        b.cvss_v3_score! - a.cvss_v3_score! ||
        SEVERITY_ORDER.indexOf(b.severity) -
          SEVERITY_ORDER.indexOf(a.severity) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, 5)
    .map(v => ({
      cve_id: v.id,
      package: v.package,
      version: v.version,
      severity: v.severity,
      cvss_score_v3: v.cvss_v3_score,
    }));
}

type ArtifactCounts = {
  project_id: number;
  repository_name: string;
  digest: string;
  counts: Counts;
};

/** Top 5 artifacts with any critical to low finding, by critical, high, medium, low count. */
function dangerousArtifacts(rows: ArtifactCounts[]) {
  const rank = (r: ArtifactCounts) => [
    r.counts.critical,
    r.counts.high,
    r.counts.medium,
    r.counts.low,
  ];
  return rows
    .filter(r => rank(r).some(n => n > 0))
    .sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      for (let i = 0; i < ra.length; i++)
        if (rb[i] !== ra[i]) return rb[i] - ra[i];
      return 0;
    })
    .slice(0, 5)
    .map(r => ({
      project_id: r.project_id,
      repository_name: r.repository_name,
      digest: r.digest,
      critical_cnt: r.counts.critical,
      high_cnt: r.counts.high,
      medium_cnt: r.counts.medium,
    }));
}

function summaryOf(ctx: HarborContext, scannerName: string) {
  const { state } = ctx.core;
  const names = repositoryNames(state);
  const total: Counts = countsOf([]);
  const perArtifact: ArtifactCounts[] = [];
  let scanned = 0;
  for (const artifact of state.artifacts) {
    if (!hasDefaultScannerReport(artifact, scannerName)) continue;
    scanned++;
    const counts = countsOf(
      defaultScannerReport(ctx, artifact, scannerName) ?? [],
    );
    for (const key of Object.keys(total) as Array<keyof Counts>) {
      total[key] += counts[key];
    }
    perArtifact.push({
      project_id: artifact.project_id,
      repository_name: names.get(artifact.repository_id) ?? '',
      digest: artifact.digest,
      counts,
    });
  }
  return { total, perArtifact, scanned };
}

export const securityHubRoutes: HarborRoutes = {
  getSecuritySummary(ctx) {
    requireSystemAccess(ctx, 'security-hub', 'read');
    const scannerName = defaultScannerName(ctx.core.state);
    // No default scanner: Harbor answers an empty summary (only the non-omitempty fields, all 0).
    if (!scannerName) {
      return ok({
        critical_cnt: 0,
        medium_cnt: 0,
        low_cnt: 0,
        total_vuls: 0,
        scanned_cnt: 0,
        total_artifact: 0,
        fixable_cnt: 0,
      });
    }
    const { total, perArtifact, scanned } = summaryOf(ctx, scannerName);
    const body: Record<string, unknown> = {
      critical_cnt: total.critical,
      medium_cnt: total.medium,
      low_cnt: total.low,
      total_vuls:
        total.critical +
        total.high +
        total.medium +
        total.low +
        total.none +
        total.unknown,
      scanned_cnt: scanned,
      total_artifact: ctx.core.state.artifacts.length,
      fixable_cnt: total.fixable,
    };
    if (total.high) body.high_cnt = total.high;
    if (total.none) body.none_cnt = total.none;
    if (total.unknown) body.unknown_cnt = total.unknown;
    if (queryBool(ctx, 'with_dangerous_cve', false)) {
      const cves = dangerousCves(ctx, scannerName);
      if (cves.length) body.dangerous_cves = cves;
    }
    if (queryBool(ctx, 'with_dangerous_artifact', false)) {
      const artifacts = dangerousArtifacts(perArtifact);
      if (artifacts.length) body.dangerous_artifacts = artifacts;
    }
    return ok(body);
  },

  ListVulnerabilities(ctx) {
    requireSystemAccess(ctx, 'security-hub', 'list');
    // BuildQuery first: a `q` Harbor cannot parse is a 400 even without a scanner.
    const q = ctx.query.q;
    const clauses = parseQuery(Array.isArray(q) ? q[0] : q);
    const { page, pageSize } = pageParams(ctx);
    const scannerName = defaultScannerName(ctx.core.state);
    if (!scannerName) {
      return { status: 200, body: [], headers: { 'X-Total-Count': '0' } };
    }
    checkFilters(clauses);
    const rows = vulnerabilityRows(ctx, clauses, scannerName);
    const tuned = queryBool(ctx, 'tune_count', false);
    const total = tuned && rows.length > TUNE_COUNT_LIMIT ? -1 : rows.length;
    const size = pageSize > 0 ? pageSize : ZERO_PAGE_SIZE_ROWS;
    const start = (page - 1) * size;
    const withTag = queryBool(ctx, 'with_tag', false);
    const headers: Record<string, string> = { 'X-Total-Count': String(total) };
    const link = linkHeader(ctx.rawPath, ctx.rawQuery, total, page, pageSize);
    if (link) headers.Link = link;
    return {
      status: 200,
      body: rows.slice(start, start + size).map(r => itemView(r, withTag)),
      headers,
    };
  },
};
