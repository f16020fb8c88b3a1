/**
 * Harbor's vulnerability severities, in Harbor's own (title-case) words, worst first.
 * `Negligible` appears in older scanner reports; `None` means the scan found nothing.
 * @public
 */
export const SEVERITIES = [
  'Critical',
  'High',
  'Medium',
  'Low',
  'Negligible',
  'Unknown',
  'None',
] as const;

/** @public */
export type Severity = (typeof SEVERITIES)[number];

/** Counts of vulnerabilities by severity; severities without findings are 0. @public */
export type SeverityCounts = Record<Severity, number>;

/** Whether a string is one of Harbor's severities. @public */
export function isSeverity(value: unknown): value is Severity {
  return (SEVERITIES as readonly unknown[]).includes(value);
}

/** Sorts worst first: a negative result means `a` is worse than `b`. @public */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

/** Whether `severity` is at or above `threshold` (Harbor's "prevent vulnerable images" rule). @public */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return compareSeverity(severity, threshold) <= 0;
}

/** Zero counts for every severity. @public */
export function emptySeverityCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map(s => [s, 0])) as SeverityCounts;
}

/** The worst severity with at least one finding, or undefined when every count is 0. @public */
export function worstSeverity(counts: SeverityCounts): Severity | undefined {
  return SEVERITIES.find(s => counts[s] > 0);
}
