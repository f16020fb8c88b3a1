import {
  DEFAULT_ACCEPT_VULNERABILITIES,
  HarborSchemas,
} from '@backstage-harbor/plugin-harbor-node';
import {
  ScanStatus,
  ScanSummary,
  emptySeverityCounts,
  worstSeverity,
} from '@backstage-harbor/plugin-harbor-common';
import { normalizeSeverity } from './severity';

type NativeReportSummary = HarborSchemas['NativeReportSummary'];

const STATUS: Record<string, ScanStatus> = {
  pending: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  running: 'scanning',
  success: 'success',
  error: 'error',
  stopped: 'stopped',
};

/** Harbor's `scan_status` word (`Pending`, `Scheduled`, `Running`, `Success`, `Error`, `Stopped`) for display. */
export function toScanStatus(value: unknown): ScanStatus {
  if (typeof value !== 'string') return 'not-scanned';
  return STATUS[value.trim().toLowerCase()] ?? 'not-scanned';
}

const normalizeMime = (mime: string) => mime.replace(/\s+/g, '').toLowerCase();

/**
 * The report summary to show: the first of the accepted MIME types that the overview has, else any entry.
 * `scan_overview` is keyed by report MIME type, and which one a Harbor fills depends on its version and scanner
 * (harbor#13898, #16085), so both are read.
 */
export function pickReportSummary(
  overview: unknown,
  preference: string[] = DEFAULT_ACCEPT_VULNERABILITIES,
): NativeReportSummary | undefined {
  if (!overview || typeof overview !== 'object' || Array.isArray(overview)) {
    return undefined;
  }
  const entries = Object.entries(overview as Record<string, unknown>).filter(
    (entry): entry is [string, NativeReportSummary] =>
      !!entry[1] && typeof entry[1] === 'object',
  );
  for (const wanted of preference) {
    const hit = entries.find(
      ([mime]) => normalizeMime(mime) === normalizeMime(wanted),
    );
    if (hit) return hit[1];
  }
  return entries[0]?.[1];
}

/**
 * The scan summary of an artifact from its `scan_overview`. No overview (never scanned, or `{}`) is
 * `not-scanned`, never "0 vulnerabilities"; for a type the scanner cannot scan it is `unsupported`. Severities
 * that Harbor leaves out because their count is 0 are filled in with 0.
 */

/**
 * Harbor sends Go's zero time (`0001-01-01T00:00:00Z`) as `end_time` while a scan is pending or running
 * (`GenerateNativeSummary` in src/pkg/scan/report/summary.go): no end time yet.
 */
function scanEndTime(endTime: string | undefined): string | undefined {
  if (!endTime || endTime.startsWith('0001-01-01')) return undefined;
  return endTime;
}

export function toScanSummary(
  overview: unknown,
  artifactType?: string,
): ScanSummary {
  const report = pickReportSummary(overview);
  const counts = emptySeverityCounts();
  if (!report) {
    const unsupported =
      artifactType !== undefined && artifactType.toUpperCase() !== 'IMAGE';
    return {
      status: unsupported ? 'unsupported' : 'not-scanned',
      counts,
      total: 0,
      fixable: 0,
    };
  }
  const status = toScanStatus(report.scan_status);
  const scanner = report.scanner?.name
    ? {
        name: report.scanner.name,
        vendor: report.scanner.vendor || undefined,
        version: report.scanner.version || undefined,
      }
    : undefined;
  const summary: ScanSummary = {
    status,
    counts,
    total: 0,
    fixable: 0,
    scanner,
    endTime: scanEndTime(report.end_time),
  };
  if (status !== 'success') return summary;

  const bySeverity = report.summary?.summary;
  if (bySeverity && typeof bySeverity === 'object') {
    for (const [key, value] of Object.entries(bySeverity)) {
      if (typeof value === 'number' && Number.isFinite(value)) {
        counts[normalizeSeverity(key)] += value;
      }
    }
  }
  const counted = Object.values(counts).reduce((a, b) => a + b, 0);
  summary.total =
    typeof report.summary?.total === 'number' ? report.summary.total : counted;
  summary.fixable =
    typeof report.summary?.fixable === 'number' ? report.summary.fixable : 0;
  summary.severity = report.severity
    ? normalizeSeverity(report.severity)
    : worstSeverity(counts) ?? 'None';
  return summary;
}
