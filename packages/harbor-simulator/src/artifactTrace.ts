import type { ArtifactRecord, ScanRecord, VulnerabilityRecord } from './state';

/**
 * Called with each value a cached view was built from, in a fixed order. Building records them; checking compares
 * them with the recorded ones and stops at the first difference.
 */
export type Trace = (value: unknown) => boolean;

/**
 * Everything `artifactView` reads from an artifact (without labels and immutability, which are never cached):
 * the one list of what a cached artifact view or page depends on. Tests may change `sim.state` directly,
 * without going through the API, so a cached view is only reused while every one of these is still the same
 * value or the same object. A field added to the artifact view must be traced here too.
 */
export function traceArtifact(a: ArtifactRecord, t: Trace): boolean {
  return (
    traceAll(t, [
      a,
      a.id,
      a.project_id,
      a.repository_id,
      a.digest,
      a.size,
      a.type,
      a.media_type,
      a.manifest_media_type,
      a.push_time,
      a.pull_time,
      a.extra_attrs,
      a.annotations,
      a.tags,
      a.tags.length,
      a.scans,
      a.scans.length,
      a.latent_vulnerabilities,
      a.latent_vulnerabilities.length,
      a.accessories,
      a.accessories.length,
    ]) &&
    a.tags.every(tag =>
      traceAll(t, [tag, tag.id, tag.name, tag.push_time, tag.pull_time]),
    ) &&
    a.scans.every(s => traceScan(s, t)) &&
    traceVulnerabilities(a.latent_vulnerabilities, t) &&
    a.accessories.every(x =>
      traceAll(t, [x, x.id, x.digest, x.size, x.type, x.creation_time]),
    )
  );
}

/** Visits the values in order, stopping at the first the trace refuses. */
function traceAll(t: Trace, values: unknown[]): boolean {
  return values.every(v => t(v));
}

function traceScan(s: ScanRecord, t: Trace): boolean {
  return (
    traceAll(t, [
      s,
      s.mimeType,
      s.report_id,
      s.status,
      s.start_time,
      s.end_time,
      s.requested_at,
      s.scanner,
      s.scanner.name,
      s.scanner.vendor,
      s.scanner.version,
      s.vulnerabilities,
      s.vulnerabilities.length,
    ]) && traceVulnerabilities(s.vulnerabilities, t)
  );
}

function traceVulnerabilities(
  vulnerabilities: VulnerabilityRecord[],
  t: Trace,
): boolean {
  return vulnerabilities.every(v =>
    traceAll(t, [v, v.severity, v.fix_version]),
  );
}

/** The values `trace` visits, to compare with later. */
export function recordTrace(trace: (t: Trace) => unknown): unknown[] {
  const deps: unknown[] = [];
  trace(v => {
    deps.push(v);
    return true;
  });
  return deps;
}

/** Whether `trace` visits exactly the recorded values again; stops at the first difference. */
export function sameTrace(
  deps: unknown[],
  trace: (t: Trace) => boolean,
): boolean {
  let i = 0;
  return trace(v => deps[i++] === v) && i === deps.length;
}
