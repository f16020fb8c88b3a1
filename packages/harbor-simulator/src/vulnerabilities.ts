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
 * Splits an X-Accept-Vulnerabilities header. MIME types contain `; version=`, so only the commas separate.
 */
export function parseAcceptVulnerabilities(header: unknown): string[] {
  if (typeof header !== 'string' || header.trim() === '') {
    return DEFAULT_ACCEPTED_MIME_TYPES;
  }
  return header
    .split(',')
    .map(t => t.trim().replace(/\s*;\s*/g, '; '))
    .filter(Boolean);
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

/** The scan's entry in `scan_overview`. Severities with a zero count are left out, as Harbor does. */
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
    severity:
      state.status === 'Success'
        ? overallSeverity(state.vulnerabilities)
        : 'Unknown',
    duration: state.end_time
      ? Math.round(
          (Date.parse(state.end_time) - Date.parse(state.start_time)) / 1000,
        )
      : 0,
    start_time: state.start_time,
    complete_percent: state.complete_percent,
    scanner: { ...scan.scanner },
  };
  if (state.end_time) summary.end_time = state.end_time;
  if (state.status === 'Success') {
    const counts: Record<string, number> = {};
    let fixable = 0;
    for (const v of state.vulnerabilities) {
      counts[v.severity] = (counts[v.severity] ?? 0) + 1;
      if (v.fix_version) fixable++;
    }
    summary.summary = {
      total: state.vulnerabilities.length,
      fixable,
      summary: counts,
    };
  }
  return summary;
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
