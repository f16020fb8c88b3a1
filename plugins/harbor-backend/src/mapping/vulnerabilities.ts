import type { HarborVulnerability as HarborReportVulnerability } from '@backstage-harbor/plugin-harbor-node';
import {
  HarborVulnerability,
  Severity,
  SeverityCounts,
  VulnerabilityPage,
  compareSeverity,
  emptySeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import { normalizeSeverity } from './severity';

function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The CVSS v3 score and vector of a finding: `preferred_cvss` (Harbor ≥ 2.2), else the scanner's
 * `vendor_attributes.CVSS` (Trivy writes `{nvd: {V3Score, V3Vector}, redhat: {...}}`), NVD first.
 */
export function cvssV3(vulnerability: HarborReportVulnerability): {
  score?: number;
  vector?: string;
} {
  const preferred = vulnerability.preferred_cvss;
  let score = finiteNumber(preferred?.score_v3);
  let vector = nonEmpty(preferred?.vector_v3);
  const cvss = (vulnerability.vendor_attributes as any)?.CVSS;
  if (cvss && typeof cvss === 'object') {
    const sources = ['nvd', ...Object.keys(cvss).filter(k => k !== 'nvd')];
    for (const source of sources) {
      const entry = cvss[source];
      if (!entry || typeof entry !== 'object') continue;
      score ??= finiteNumber(entry.V3Score);
      vector ??= nonEmpty(entry.V3Vector);
    }
  }
  return { score, vector };
}

/** One finding of a Harbor report in the view model's words. */
export function toHarborVulnerability(
  vulnerability: HarborReportVulnerability,
): HarborVulnerability {
  const { score, vector } = cvssV3(vulnerability);
  return {
    id: vulnerability.id,
    severity: normalizeSeverity(vulnerability.severity),
    cvssScore: score,
    cvssVector: vector,
    package: vulnerability.package ?? '',
    version: vulnerability.version ?? '',
    fixVersion: nonEmpty(vulnerability.fix_version),
    links: Array.isArray(vulnerability.links)
      ? vulnerability.links.filter(l => typeof l === 'string')
      : [],
    description: nonEmpty(vulnerability.description),
  };
}

/** What a caller may filter an artifact's vulnerabilities by. */
export interface VulnerabilityQuery {
  severities?: Severity[];
  fixable?: boolean;
  /** Case-insensitive text in the id, package or description. */
  q?: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** Worst first, then the highest CVSS score, then by id, so that pages are stable. */
export function compareVulnerabilities(
  a: HarborVulnerability,
  b: HarborVulnerability,
): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    (b.cvssScore ?? -1) - (a.cvssScore ?? -1) ||
    a.id.localeCompare(b.id) ||
    a.package.localeCompare(b.package)
  );
}

/**
 * One page of the filtered findings. `counts` are by severity over the findings that pass every filter but the
 * severity one, so the severity chips of the card show what selecting them would give.
 */
export function pageVulnerabilities(
  all: HarborVulnerability[],
  query: VulnerabilityQuery,
): VulnerabilityPage {
  const text = query.q?.trim().toLowerCase();
  const matchesRest = (v: HarborVulnerability) =>
    (!query.fixable || v.fixVersion !== undefined) &&
    (!text ||
      v.id.toLowerCase().includes(text) ||
      v.package.toLowerCase().includes(text) ||
      (v.description?.toLowerCase().includes(text) ?? false));
  const severities =
    query.severities && query.severities.length > 0
      ? new Set(query.severities)
      : undefined;

  const counts: SeverityCounts = emptySeverityCounts();
  const matching: HarborVulnerability[] = [];
  for (const v of all) {
    if (!matchesRest(v)) continue;
    counts[v.severity]++;
    if (!severities || severities.has(v.severity)) matching.push(v);
  }
  matching.sort(compareVulnerabilities);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: matching.slice(start, start + query.pageSize),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    counts,
  };
}
