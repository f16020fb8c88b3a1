import {
  compareArtifactSeverity,
  emptySeverityCounts,
  SEVERITIES,
  type EntityVulnerabilitySummary,
  type RepositoryVulnerabilitySummary,
  type VulnerabilityTrend,
  type VulnerabilityTrendPoint,
} from '@backstage-harbor/plugin-harbor-common';

/** The latest artifact of one repository, with the entity that names it. */
export interface OwnedImage extends RepositoryVulnerabilitySummary {
  entityRef: string;
}

/** Every owned entity's latest artifacts in one list, worst first, as each entity's summary ranks them. */
export function worstImages(
  summaries: Array<{ entityRef: string; summary: EntityVulnerabilitySummary }>,
): OwnedImage[] {
  return summaries
    .flatMap(({ entityRef, summary }) =>
      summary.repositories.map(repository => ({ ...repository, entityRef })),
    )
    .sort(
      (a, b) =>
        compareArtifactSeverity(b.artifact, a.artifact) ||
        `${a.project}/${a.repository}`.localeCompare(
          `${b.project}/${b.repository}`,
        ),
    );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The sum of several entities' trends, one point per day: each entity counts with its last snapshot of that day,
 * or its last one before (a day without a scan has not changed its findings). An entity adds nothing before its
 * first snapshot.
 */
export function sumTrends(
  trends: VulnerabilityTrend[],
  now: Date = new Date(),
): VulnerabilityTrendPoint[] {
  const series = trends
    .map(t => [...t.points].sort((a, b) => a.time.localeCompare(b.time)))
    .filter(points => points.length > 0);
  if (series.length === 0) return [];
  const first = Math.min(...series.map(points => Date.parse(points[0].time)));
  const start = Math.floor(first / DAY_MS) * DAY_MS;
  const result: VulnerabilityTrendPoint[] = [];
  for (let day = start; day <= now.getTime(); day += DAY_MS) {
    const endOfDay = day + DAY_MS;
    const counts = emptySeverityCounts();
    for (const points of series) {
      const last = points.filter(p => Date.parse(p.time) < endOfDay).at(-1);
      if (!last) continue;
      for (const severity of SEVERITIES)
        counts[severity] += last.counts[severity];
    }
    result.push({
      time: new Date(Math.min(endOfDay - 1, now.getTime())).toISOString(),
      counts,
    });
  }
  return result;
}
