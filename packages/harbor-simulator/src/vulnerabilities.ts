import { isoTime } from './clock';
import type { NativeReportSummary } from './harborTypes';
import {
  ArtifactRecord,
  ScanRecord,
  ScanStatus,
  SEVERITY_ORDER,
  Severity,
  VULNERABILITY_REPORT_HARBOR_V10,
  VULNERABILITY_REPORT_V11,
  VulnerabilityRecord,
} from './state';

/** How long a requested scan stays in each state. @public */
export interface ScanDurations {
  pendingMs: number;
  runningMs: number;
}

export const DEFAULT_SCAN_DURATIONS: ScanDurations = {
  pendingMs: 2_000,
  runningMs: 10_000,
};

/** Harbor's default when the caller sends no X-Accept-Vulnerabilities header (since 2.4.1, harbor#16119). */
export const DEFAULT_ACCEPTED_MIME_TYPES = [
  VULNERABILITY_REPORT_V11,
  VULNERABILITY_REPORT_HARBOR_V10,
];

/**
 * The report types to answer with. go-swagger fills in the spec's default (v1.1, then harbor+json v1.0) when
 * the header is absent or empty; Harbor then keeps only the two types it knows, exactly as written once
 * trimmed, and falls back to harbor+json v1.0 alone when none is left (src/server/v2.0/handler/util.go
 * `parseScanReportMimeTypes`).
 */
export function parseAcceptVulnerabilities(header: unknown): string[] {
  if (typeof header !== 'string' || header === '') {
    return DEFAULT_ACCEPTED_MIME_TYPES;
  }
  const accepted = header
    .split(',')
    .map(t => t.trim())
    .filter(t => DEFAULT_ACCEPTED_MIME_TYPES.includes(t));
  return accepted.length ? accepted : [VULNERABILITY_REPORT_HARBOR_V10];
}

/** A scan's state at `now`: requested scans go Pending → Running → Success with the clock. */
export function scanStateAt(
  scan: ScanRecord,
  artifact: ArtifactRecord,
  now: number,
  durations: ScanDurations,
): {
  status: ScanStatus;
  start_time: string;
  end_time?: string;
  vulnerabilities: VulnerabilityRecord[];
  complete_percent: number;
} {
  if (scan.requested_at === undefined || scan.status === 'Stopped') {
    return {
      status: scan.status,
      start_time: scan.start_time,
      end_time: scan.end_time,
      vulnerabilities: scan.status === 'Success' ? scan.vulnerabilities : [],
      complete_percent: scan.status === 'Success' ? 100 : 0,
    };
  }
  const elapsed = now - scan.requested_at;
  if (elapsed < durations.pendingMs) {
    return {
      status: 'Pending',
      start_time: isoTime(scan.requested_at),
      vulnerabilities: [],
      complete_percent: 0,
    };
  }
  if (elapsed < durations.pendingMs + durations.runningMs) {
    return {
      status: 'Running',
      start_time: isoTime(scan.requested_at),
      vulnerabilities: [],
      complete_percent: Math.floor(
        ((elapsed - durations.pendingMs) / Math.max(durations.runningMs, 1)) *
          100,
      ),
    };
  }
  if (scan.fails) {
    return {
      status: 'Error',
      start_time: isoTime(scan.requested_at),
      end_time: isoTime(
        scan.requested_at + durations.pendingMs + durations.runningMs,
      ),
      vulnerabilities: [],
      complete_percent: 0,
    };
  }
  return {
    status: 'Success',
    start_time: isoTime(scan.requested_at),
    end_time: isoTime(
      scan.requested_at + durations.pendingMs + durations.runningMs,
    ),
    vulnerabilities: artifact.latent_vulnerabilities,
    complete_percent: 100,
  };
}

export function overallSeverity(
  vulnerabilities: VulnerabilityRecord[],
): Severity {
  let worst = 0;
  for (const v of vulnerabilities) {
    worst = Math.max(worst, SEVERITY_ORDER.indexOf(v.severity));
  }
  return SEVERITY_ORDER[worst];
}

/** Go's zero `time.Time` as go-swagger writes it: the end time of a scan that has not ended. */
export const ZERO_TIME = '0001-01-01T00:00:00.000Z';

/**
 * The scan's entry in `scan_overview`, as Harbor's `GenerateNativeSummary` (src/pkg/scan/report/summary.go)
 * fills it and the go-swagger `NativeReportSummary` writes it: `end_time` always (the zero time while the scan
 * runs), `severity`, `scanner`, `complete_percent` and `summary` only for a finished report (success), and
 * `duration` only when not 0 (`omitempty`). Severities with a zero count are left out, as Harbor does.
 */
export function nativeReportSummary(
  scan: ScanRecord,
  artifact: ArtifactRecord,
  now: number,
  durations: ScanDurations,
): NativeReportSummary {
  const state = scanStateAt(scan, artifact, now, durations);
  const summary: NativeReportSummary = {
    report_id: scan.report_id,
    scan_status: state.status,
    start_time: state.start_time,
    end_time: state.end_time ?? ZERO_TIME,
  };
  const seconds = state.end_time
    ? Math.round(
        (Date.parse(state.end_time) - Date.parse(state.start_time)) / 1000,
      )
    : 0;
  if (seconds > 0) summary.duration = seconds;
  if (state.status !== 'Success') return summary;
  const counts: Record<string, number> = {};
  let fixable = 0;
  for (const v of state.vulnerabilities) {
    counts[v.severity] = (counts[v.severity] ?? 0) + 1;
    if (v.fix_version) fixable++;
  }
  return {
    ...summary,
    severity: overallSeverity(state.vulnerabilities),
    complete_percent: 100,
    scanner: { ...scan.scanner },
    summary: { total: state.vulnerabilities.length, fixable, summary: counts },
  };
}

/** Picks the first accepted MIME type the artifact has a report for (harbor#13898). */
export function acceptedScan(
  artifact: ArtifactRecord,
  accepted: string[],
): ScanRecord | undefined {
  for (const mimeType of accepted) {
    const scan = artifact.scans.find(s => s.mimeType === mimeType);
    if (scan) return scan;
  }
  return undefined;
}

/** The full report, in the shape of Harbor's pkg/scan/vuln/report.go. */
export function vulnerabilityReport(
  scan: ScanRecord,
  artifact: ArtifactRecord,
  now: number,
  durations: ScanDurations,
): Record<string, unknown> {
  const state = scanStateAt(scan, artifact, now, durations);
  return {
    generated_at: state.end_time ?? state.start_time,
    scanner: { ...scan.scanner },
    severity:
      state.status === 'Success'
        ? overallSeverity(state.vulnerabilities)
        : 'Unknown',
    vulnerabilities: state.vulnerabilities.map(v => ({
      id: v.id,
      package: v.package,
      version: v.version,
      fix_version: v.fix_version,
      severity: v.severity,
      status: v.fix_version ? 'fixed' : 'affected',
      description: v.description,
      links: v.links,
      artifact_digests: [artifact.digest],
      preferred_cvss: {
        score_v3: v.cvss_v3_score ?? null,
        score_v2: null,
        vector_v3: v.cvss_v3_vector ?? '',
        vector_v2: '',
      },
      cwe_ids: v.cwe_ids,
      vendor_attributes: v.cvss_v3_score
        ? {
            CVSS: {
              nvd: { V3Score: v.cvss_v3_score, V3Vector: v.cvss_v3_vector },
            },
          }
        : {},
    })),
  };
}
