import {
  SEVERITIES,
  Severity,
  isSeverity,
} from '@backstage-harbor/plugin-harbor-common';

const BY_LOWER_CASE = new Map<string, Severity>(
  SEVERITIES.map(s => [s.toLowerCase(), s]),
);

/**
 * Harbor's severity word in its title-case form. Scanners and older adapters also write `CRITICAL` or `high`;
 * anything unrecognised is `Unknown`, which is how Harbor itself files it (pkg/scan/vuln/severity.go).
 */
export function normalizeSeverity(value: unknown): Severity {
  if (isSeverity(value)) return value;
  if (typeof value !== 'string') return 'Unknown';
  return BY_LOWER_CASE.get(value.trim().toLowerCase()) ?? 'Unknown';
}
