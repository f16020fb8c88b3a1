import {
  emptySeverityCounts,
  SEVERITIES,
} from '@backstage-harbor/plugin-harbor-common';
import type { HarborClient } from '@backstage-harbor/plugin-harbor-node';
import pLimit from 'p-limit';
import { toScanSummary } from '../mapping/scanOverview';
import { normalizeSeverity } from '../mapping/severity';
import {
  FleetHit,
  InstanceHits,
  InstanceSummaryData,
  NormalizedFleetQuery,
  RawDangerousArtifact,
  splitRepositoryName,
} from './fleetTypes';

/*
 * The fallback for instances without Security Hub (Harbor before 2.9): a bounded walk over the repository and
 * artifact listings, reading the vulnerability report of each scanned artifact. It builds one inventory per
 * instance (cached by the service) that every search and the summary filter; the bounds keep a large registry
 * from costing more than a few hundred calls, and the answer says when they cut it short.
 */

/** The bounds of one walk. */
export interface ListingBounds {
  /** Repositories read, most recently updated first. */
  maxRepositories: number;
  /** Vulnerability reports read (one call each). */
  maxReports: number;
}

export const DEFAULT_LISTING_BOUNDS: ListingBounds = {
  maxRepositories: 200,
  maxReports: 500,
};

/** Reports read at once. */
const REPORT_CONCURRENCY = 4;

/** What the walk found on one instance. */
export interface ListingInventory {
  hits: FleetHit[];
  scannedArtifacts: number;
  totalArtifacts: number;
  truncated: boolean;
  harborCalls: number;
}

type RepositoryItem = { name?: string; project_id?: number };

async function listRepositories(
  client: HarborClient,
  max: number,
): Promise<{ items: RepositoryItem[]; truncated: boolean; calls: number }> {
  const items: RepositoryItem[] = [];
  let calls = 0;
  for (let page = 1; items.length < max; page++) {
    const { data, response } = await client.request<RepositoryItem[]>(
      'listAllRepositories',
      (api, init) =>
        api.GET('/repositories', {
          ...init,
          params: { query: { page, page_size: 100, sort: '-update_time' } },
        }),
    );
    calls++;
    items.push(...(data ?? []));
    const total = Number(response.headers.get('x-total-count'));
    if (!data?.length || items.length >= total) {
      return { items: items.slice(0, max), truncated: false, calls };
    }
  }
  return { items: items.slice(0, max), truncated: true, calls };
}

/** The artifact's report rows as hits. */
async function reportHits(
  client: HarborClient,
  where: { projectId: number; project: string; repository: string },
  artifact: { digest: string; tags: string[] },
): Promise<FleetHit[]> {
  const reports = await client.artifacts.vulnerabilities(
    where.project,
    where.repository,
    artifact.digest,
  );
  const report = Object.values(reports)[0];
  return (report?.vulnerabilities ?? []).map(v => ({
    ...where,
    digest: artifact.digest,
    tags: artifact.tags,
    cveId: v.id,
    package: v.package ?? '',
    version: v.version || undefined,
    fixedVersion: v.fix_version || undefined,
    severity: normalizeSeverity(v.severity),
    cvssScoreV3: v.preferred_cvss?.score_v3 ?? undefined,
    description: v.description || undefined,
    links: v.links ?? [],
  }));
}

/** Walks the instance's repositories and artifacts within `bounds`. */
export async function readListingInventory(
  client: HarborClient,
  bounds: ListingBounds,
): Promise<ListingInventory> {
  const repositories = await listRepositories(client, bounds.maxRepositories);
  let calls = repositories.calls;
  let truncated = repositories.truncated;
  let total = 0;
  let scanned = 0;
  const reads: Array<() => Promise<FleetHit[]>> = [];
  for (const r of repositories.items) {
    const where = {
      projectId: r.project_id ?? 0,
      ...splitRepositoryName(r.name ?? ''),
    };
    const artifacts = await client.artifacts.list(
      where.project,
      where.repository,
      { with_scan_overview: true, with_tag: true },
    );
    calls += Math.max(1, Math.ceil(artifacts.length / 100));
    total += artifacts.length;
    for (const a of artifacts) {
      if (toScanSummary(a.scan_overview, a.type).status !== 'success') continue;
      scanned++;
      if (reads.length >= bounds.maxReports) {
        truncated = true;
        continue;
      }
      const artifact = {
        digest: a.digest ?? '',
        tags: (a.tags ?? []).map(t => t.name ?? '').filter(Boolean),
      };
      reads.push(() => reportHits(client, where, artifact));
    }
  }
  const run = pLimit(REPORT_CONCURRENCY);
  const hits = (await Promise.all(reads.map(read => run(read)))).flat();
  calls += reads.length;
  return {
    hits,
    scannedArtifacts: scanned,
    totalArtifacts: total,
    truncated,
    harborCalls: calls,
  };
}

/** Whether a hit matches a search, with Security Hub's exact-match semantics. */
export function matchesQuery(
  hit: FleetHit,
  query: NormalizedFleetQuery,
): boolean {
  if (query.cveId && hit.cveId !== query.cveId) return false;
  if (query.package && hit.package !== query.package) return false;
  if (query.severity?.length && !query.severity.includes(hit.severity)) {
    return false;
  }
  if (query.cvssMin !== undefined || query.cvssMax !== undefined) {
    const score = hit.cvssScoreV3;
    if (score === undefined) return false;
    if (score < (query.cvssMin ?? 0) || score > (query.cvssMax ?? 10)) {
      return false;
    }
  }
  if (
    query.fixable !== undefined &&
    Boolean(hit.fixedVersion) !== query.fixable
  ) {
    return false;
  }
  return true;
}

/** A search over the inventory, sorted as Security Hub sorts (CVSS descending). */
export function searchInventory(
  inventory: ListingInventory,
  query: NormalizedFleetQuery,
): InstanceHits {
  const all = inventory.hits
    .filter(h => matchesQuery(h, query))
    .sort((a, b) => (b.cvssScoreV3 ?? -1) - (a.cvssScoreV3 ?? -1));
  return {
    source: 'listing',
    totalHits: all.length,
    truncated: inventory.truncated || all.length > query.limit,
    hits: all.slice(0, query.limit),
    harborCalls: 0,
  };
}

/** The Security Hub summary, computed from the inventory. */
export function summarizeInventory(
  inventory: ListingInventory,
): InstanceSummaryData {
  const counts = emptySeverityCounts();
  const byArtifact = new Map<string, RawDangerousArtifact>();
  const cves = new Map<string, FleetHit>();
  let fixable = 0;
  for (const h of inventory.hits) {
    counts[h.severity]++;
    if (h.fixedVersion) fixable++;
    const key = `${h.project}/${h.repository}@${h.digest}`;
    const a = byArtifact.get(key) ?? {
      projectId: h.projectId,
      project: h.project,
      repository: h.repository,
      digest: h.digest,
      critical: 0,
      high: 0,
      medium: 0,
    };
    if (h.severity === 'Critical') a.critical++;
    if (h.severity === 'High') a.high++;
    if (h.severity === 'Medium') a.medium++;
    byArtifact.set(key, a);
    if (h.cvssScoreV3 !== undefined)
      cves.set(`${h.cveId}|${h.package}|${h.version}`, h);
  }
  return {
    source: 'listing',
    counts,
    totalVulnerabilities: inventory.hits.length,
    fixableVulnerabilities: fixable,
    scannedArtifacts: inventory.scannedArtifacts,
    totalArtifacts: inventory.totalArtifacts,
    dangerousCves: [...cves.values()]
      .sort(
        (a, b) =>
          b.cvssScoreV3! - a.cvssScoreV3! ||
          SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
      )
      .slice(0, 5)
      .map(h => ({
        cveId: h.cveId,
        severity: h.severity,
        cvssScoreV3: h.cvssScoreV3,
        package: h.package,
        version: h.version,
        description: h.description,
      })),
    dangerousArtifacts: [...byArtifact.values()]
      .filter(a => a.critical + a.high + a.medium > 0)
      .sort(
        (a, b) =>
          b.critical - a.critical || b.high - a.high || b.medium - a.medium,
      )
      .slice(0, 5),
    truncated: inventory.truncated,
  };
}
