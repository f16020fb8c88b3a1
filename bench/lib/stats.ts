/** The value at quantile `q` (0–1) of ascending `sorted` values: the nearest rank at or above it. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** p50, p95 and p99 of `latencies` (sorted in place), rounded to `digits` decimals. */
export function latencyPercentiles(
  latencies: number[],
  digits: number,
): Percentiles {
  latencies.sort((a, b) => a - b);
  return {
    p50: round(percentile(latencies, 0.5), digits),
    p95: round(percentile(latencies, 0.95), digits),
    p99: round(percentile(latencies, 0.99), digits),
  };
}

/** The median of `values`; the mean of the middle two, to 2 decimals, when their number is even. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]
    : round((sorted[mid - 1] + sorted[mid]) / 2, 2);
}
