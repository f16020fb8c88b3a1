import type { Severity } from '@backstage-harbor/plugin-harbor-common';
import {
  HarborClient,
  isHarborNotFound,
} from '@backstage-harbor/plugin-harbor-node';
import pLimit from 'p-limit';
import { normalizeSeverity } from '../mapping/severity';
import {
  FleetHit,
  InstanceHits,
  InstanceSummaryData,
  NormalizedFleetQuery,
  splitRepositoryName,
} from './fleetTypes';

/*
 * Harbor's Security Hub (2.9+, src/server/v2.0/handler/security.go). `GET /security/vul` matches cve_id,
 * package, severity, repository_name, project_id, tag and digest exactly, cvss_score_v3 only as a closed range
 * `[min~max]` (a half-open one matches nothing), one value per key, 100 rows a page, sorted by CVSS descending.
 * Both paths need the system-level `security-hub` resource (`read`, `list`) for the backend's account.
 */

/** Harbor's largest page. */
export const SECURITY_HUB_PAGE_SIZE = 100;
/** Pages read at once per search; the client's per-instance cap still applies. */
const PAGE_CONCURRENCY = 4;

type SecuritySummaryBody = {
  critical_cnt?: number;
  high_cnt?: number;
  medium_cnt?: number;
  low_cnt?: number;
  none_cnt?: number;
  unknown_cnt?: number;
  total_vuls?: number;
  scanned_cnt?: number;
  total_artifact?: number;
  fixable_cnt?: number;
  dangerous_cves?: Array<{
    cve_id?: string;
    severity?: string;
    cvss_score_v3?: number;
    desc?: string;
    package?: string;
    version?: string;
  }>;
  dangerous_artifacts?: Array<{
    project_id?: number;
    repository_name?: string;
    digest?: string;
    critical_cnt?: number;
    high_cnt?: number;
    medium_cnt?: number;
  }>;
};

type VulnerabilityItem = {
  project_id?: number;
  repository_name?: string;
  digest?: string;
  tags?: string[];
  cve_id?: string;
  severity?: string;
  cvss_v3_score?: number;
  package?: string;
  version?: string;
  fixed_version?: string;
  desc?: string;
  links?: string[];
};

/**
 * The instance's Security Hub summary; `undefined` when the instance has no Security Hub (older than 2.9: the
 * path is a 404).
 */
export async function readSecuritySummary(
  client: HarborClient,
  withDangerous: boolean,
): Promise<InstanceSummaryData | undefined> {
  let body: SecuritySummaryBody;
  try {
    const { data } = await client.request<SecuritySummaryBody>(
      'getSecuritySummary',
      (api, init) =>
        api.GET('/security/summary', {
          ...init,
          params: {
            query: {
              with_dangerous_cve: withDangerous,
              with_dangerous_artifact: withDangerous,
            },
          },
        }),
    );
    body = data ?? {};
  } catch (error) {
    if (isHarborNotFound(error)) return undefined;
    throw error;
  }
  return summaryOf(body);
}

function summaryOf(body: SecuritySummaryBody): InstanceSummaryData {
  return {
    source: 'security-hub',
    counts: {
      Critical: body.critical_cnt ?? 0,
      High: body.high_cnt ?? 0,
      Medium: body.medium_cnt ?? 0,
      Low: body.low_cnt ?? 0,
      Negligible: 0,
      Unknown: body.unknown_cnt ?? 0,
      None: body.none_cnt ?? 0,
    },
    totalVulnerabilities: body.total_vuls ?? 0,
    fixableVulnerabilities: body.fixable_cnt ?? 0,
    scannedArtifacts: body.scanned_cnt ?? 0,
    totalArtifacts: body.total_artifact ?? 0,
    dangerousCves: (body.dangerous_cves ?? []).map(c => ({
      cveId: c.cve_id ?? '',
      severity: normalizeSeverity(c.severity),
      cvssScoreV3: c.cvss_score_v3,
      package: c.package,
      version: c.version,
      description: c.desc,
    })),
    dangerousArtifacts: (body.dangerous_artifacts ?? []).map(a => ({
      projectId: a.project_id ?? 0,
      ...splitRepositoryName(a.repository_name ?? ''),
      digest: a.digest ?? '',
      critical: a.critical_cnt ?? 0,
      high: a.high_cnt ?? 0,
      medium: a.medium_cnt ?? 0,
    })),
    truncated: false,
  };
}

/** The `q` of one Security Hub search: one per severity asked for (Harbor takes one value per key). */
export function securityHubQueries(query: NormalizedFleetQuery): string[] {
  const clauses: string[] = [];
  // Harbor unescapes `q` once more after the query string (src/lib/q/builder.go): values are escaped once here.
  if (query.cveId) clauses.push(`cve_id=${encodeURIComponent(query.cveId)}`);
  if (query.package) {
    clauses.push(`package=${encodeURIComponent(query.package)}`);
  }
  if (query.cvssMin !== undefined || query.cvssMax !== undefined) {
    clauses.push(
      `cvss_score_v3=[${query.cvssMin ?? 0}~${query.cvssMax ?? 10}]`,
    );
  }
  const severities: Array<Severity | undefined> = query.severity?.length
    ? query.severity
    : [undefined];
  return severities.map(s =>
    [...clauses, ...(s ? [`severity=${s}`] : [])].join(','),
  );
}

function hitOf(item: VulnerabilityItem): FleetHit {
  return {
    projectId: item.project_id ?? 0,
    ...splitRepositoryName(item.repository_name ?? ''),
    digest: item.digest ?? '',
    tags: item.tags ?? [],
    cveId: item.cve_id ?? '',
    package: item.package ?? '',
    version: item.version || undefined,
    fixedVersion: item.fixed_version || undefined,
    severity: normalizeSeverity(item.severity),
    cvssScoreV3: item.cvss_v3_score || undefined,
    description: item.desc || undefined,
    links: (item.links ?? []).filter(Boolean),
  };
}

async function readPage(
  client: HarborClient,
  q: string,
  page: number,
): Promise<{ items: VulnerabilityItem[]; total: number }> {
  const { data, response } = await client.request<VulnerabilityItem[]>(
    'ListVulnerabilities',
    (api, init) =>
      api.GET('/security/vul', {
        ...init,
        params: {
          query: {
            q,
            page,
            page_size: SECURITY_HUB_PAGE_SIZE,
            with_tag: true,
          },
        },
      }),
  );
  const items = data ?? [];
  const header = Number(response.headers.get('x-total-count'));
  return { items, total: Number.isFinite(header) ? header : items.length };
}

/** Every row of one `q`, up to `limit`: the first page says how many there are, the rest are read in parallel. */
async function readAllPages(
  client: HarborClient,
  q: string,
  limit: number,
): Promise<{ hits: FleetHit[]; total: number; calls: number }> {
  const first = await readPage(client, q, 1);
  const wanted = Math.min(first.total, limit);
  const pages = Math.ceil(wanted / SECURITY_HUB_PAGE_SIZE);
  const run = pLimit(PAGE_CONCURRENCY);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
      run(() => readPage(client, q, i + 2)),
    ),
  );
  const items = [first, ...rest].flatMap(p => p.items).slice(0, limit);
  return { hits: items.map(hitOf), total: first.total, calls: pages || 1 };
}

/** The hits of a search over Security Hub; `fixable` is filtered here, as Harbor has no such key. */
export async function searchSecurityHub(
  client: HarborClient,
  query: NormalizedFleetQuery,
): Promise<InstanceHits> {
  const results = await Promise.all(
    securityHubQueries(query).map(q => readAllPages(client, q, query.limit)),
  );
  let hits = results.flatMap(r => r.hits);
  if (query.fixable !== undefined) {
    hits = hits.filter(h => Boolean(h.fixedVersion) === query.fixable);
  }
  const totalHits = results.reduce((sum, r) => sum + r.total, 0);
  return {
    source: 'security-hub',
    totalHits,
    truncated: results.some(r => r.total > query.limit),
    hits,
    harborCalls: results.reduce((sum, r) => sum + r.calls, 0),
  };
}
