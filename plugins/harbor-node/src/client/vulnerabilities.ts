import type { components } from '../generated/harbor';

/** The report MIME type of Harbor's native v1.1 reports (Trivy adapter). @public */
export const VULNERABILITY_REPORT_V11_MIME_TYPE =
  'application/vnd.security.vulnerability.report; version=1.1';
/** The older scanner adapter report MIME type. @public */
export const VULNERABILITY_REPORT_V10_MIME_TYPE =
  'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';
/** Both, v1.1 first: the `X-Accept-Vulnerabilities` the client sends. @public */
export const DEFAULT_ACCEPT_VULNERABILITIES = [
  VULNERABILITY_REPORT_V11_MIME_TYPE,
  VULNERABILITY_REPORT_V10_MIME_TYPE,
];

/**
 * One vulnerability of a report. The spec declares the vulnerabilities addition as a plain string, so this shape
 * comes from Harbor's source (`pkg/scan/vuln/report.go`), not from the generated types.
 * @public
 */
export interface HarborVulnerability {
  id: string;
  package?: string;
  version?: string;
  fix_version?: string;
  severity?: string;
  status?: string;
  description?: string;
  links?: string[];
  artifact_digests?: string[];
  preferred_cvss?: {
    score_v3?: number | null;
    score_v2?: number | null;
    vector_v3?: string;
    vector_v2?: string;
  };
  cwe_ids?: string[];
  vendor_attributes?: Record<string, unknown>;
}

/** A vulnerability report, as in the vulnerabilities addition (`pkg/scan/vuln/report.go`). @public */
export interface HarborVulnerabilityReport {
  generated_at?: string;
  scanner?: components['schemas']['Scanner'];
  severity?: string;
  vulnerabilities?: HarborVulnerability[];
}

/** The vulnerabilities addition: reports keyed by MIME type; empty when the artifact has none. @public */
export type HarborVulnerabilityReports = Record<
  string,
  HarborVulnerabilityReport
>;

/**
 * Parses the body of `GET …/additions/vulnerabilities`. Harbor answers a JSON object keyed by report MIME type,
 * but the spec types it as a string, so clients may meet the object, a JSON string of it, or report values that
 * are themselves JSON strings.
 * @public
 */
export function parseVulnerabilityAddition(
  body: unknown,
): HarborVulnerabilityReports {
  let value = body;
  for (let depth = 0; typeof value === 'string' && depth < 2; depth++) {
    const text = value.trim();
    if (!text) return {};
    value = JSON.parse(text);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const reports: HarborVulnerabilityReports = {};
  for (const [mimeType, report] of Object.entries(
    value as Record<string, unknown>,
  )) {
    const parsed = typeof report === 'string' ? JSON.parse(report) : report;
    if (parsed && typeof parsed === 'object') {
      reports[mimeType] = parsed as HarborVulnerabilityReport;
    }
  }
  return reports;
}

/**
 * The first report in order of preference, with its MIME type; `undefined` when the artifact has none.
 * @public
 */
export function pickVulnerabilityReport(
  reports: HarborVulnerabilityReports,
  preference: string[] = DEFAULT_ACCEPT_VULNERABILITIES,
): { mimeType: string; report: HarborVulnerabilityReport } | undefined {
  const normalized = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const entries = Object.entries(reports);
  for (const wanted of preference) {
    const hit = entries.find(
      ([mime]) => normalized(mime) === normalized(wanted),
    );
    if (hit) return { mimeType: hit[0], report: hit[1] };
  }
  const [first] = entries;
  return first ? { mimeType: first[0], report: first[1] } : undefined;
}
