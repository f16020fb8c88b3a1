import type {
  Severity,
  VulnerabilityTrendPoint,
} from '@backstage-harbor/plugin-harbor-common';

/** The severities the trend chart draws, worst first; the rest are noise at this size. */
export const TREND_SEVERITIES: Severity[] = [
  'Critical',
  'High',
  'Medium',
  'Low',
];

/** One line of the chart. */
export interface TrendSeries {
  severity: Severity;
  /** SVG polyline points, `x,y x,y`. */
  points: string;
  /** The same points as numbers, for markers. */
  coordinates: Array<[number, number]>;
  latest: number;
}

/**
 * Lays the trend out in a `width` × `height` box: time on x (by timestamp, so gaps in the snapshots show), counts
 * on y from 0 to the highest count of any drawn severity.
 */
export function layoutTrend(
  points: VulnerabilityTrendPoint[],
  width: number,
  height: number,
): { series: TrendSeries[]; max: number } {
  const sorted = [...points].sort(
    (a, b) => Date.parse(a.time) - Date.parse(b.time),
  );
  const times = sorted.map(p => Date.parse(p.time));
  const first = times[0] ?? 0;
  const span = (times[times.length - 1] ?? 0) - first;
  const max = Math.max(
    1,
    ...sorted.flatMap(p => TREND_SEVERITIES.map(s => p.counts[s] ?? 0)),
  );
  const x = (time: number) =>
    span === 0 ? width / 2 : ((time - first) / span) * width;
  const y = (count: number) => height - (count / max) * height;
  const round = (n: number) => Math.round(n * 10) / 10;
  const series = TREND_SEVERITIES.map(severity => {
    const coordinates = sorted.map((p, i): [number, number] => [
      round(x(times[i])),
      round(y(p.counts[severity] ?? 0)),
    ]);
    return {
      severity,
      points: coordinates.map(([cx, cy]) => `${cx},${cy}`).join(' '),
      coordinates,
      latest: sorted[sorted.length - 1]?.counts[severity] ?? 0,
    };
  });
  return { series, max };
}
