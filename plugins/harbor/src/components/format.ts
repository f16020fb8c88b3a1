/* Formatting of Harbor values for display. Pure functions: the components render what these return. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes in binary units, as the Harbor UI shows sizes and quotas: `52.4 MiB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0
    ? `${value} B`
    : `${value.toFixed(value >= 100 ? 0 : 1)} ${BYTE_UNITS[unit]}`;
}

/** A digest shortened the Docker way, 12 hex digits after the algorithm: `sha256:4a1c0e3f9b2d`. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':')
    ? digest.split(':', 2)
    : ['', digest];
  const short = hex.slice(0, 12);
  return algorithm ? `${algorithm}:${short}` : short;
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** A time relative to `now`: `3 days ago`, `just now`; `never` when Harbor has none (an artifact never pulled). */
export function formatRelativeTime(
  iso: string | undefined,
  now: Date = new Date(),
): string {
  if (!iso) return 'never';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  const seconds = Math.round((time - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return 'just now';
}

/** An absolute time for tooltips, in UTC so that every reader sees the same value as Harbor's logs. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A CVSS v3 score with one decimal, or a dash when the scanner gave none. */
export function formatCvss(score: number | undefined): string {
  return score === undefined || Number.isNaN(score) ? '—' : score.toFixed(1);
}

/** The share of a quota used, 0..100, or undefined for an unlimited quota (Harbor's -1). */
export function quotaPercent(used: number, limit: number): number | undefined {
  if (limit < 0) return undefined;
  if (limit === 0) return used > 0 ? 100 : 0;
  return Math.min(100, Math.round((used / limit) * 100));
}

/** `5.0 GiB of 10.0 GiB (50%)`, or `5.0 GiB of unlimited`. */
export function formatQuota(used: number, limit: number): string {
  const percent = quotaPercent(used, limit);
  return percent === undefined
    ? `${formatBytes(used)} of unlimited`
    : `${formatBytes(used)} of ${formatBytes(limit)} (${percent}%)`;
}
