import type { ArtifactRecord } from './state';

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
  if (
    !(
      t(a) &&
      t(a.id) &&
      t(a.project_id) &&
      t(a.repository_id) &&
      t(a.digest) &&
      t(a.size) &&
      t(a.type) &&
      t(a.media_type) &&
      t(a.manifest_media_type) &&
      t(a.push_time) &&
      t(a.pull_time) &&
      t(a.extra_attrs) &&
      t(a.annotations) &&
      t(a.tags) &&
      t(a.tags.length) &&
      t(a.scans) &&
      t(a.scans.length) &&
      t(a.latent_vulnerabilities) &&
      t(a.latent_vulnerabilities.length) &&
      t(a.accessories) &&
      t(a.accessories.length)
    )
  ) {
    return false;
  }
  for (const tag of a.tags) {
    if (
      !(
        t(tag) &&
        t(tag.id) &&
        t(tag.name) &&
        t(tag.push_time) &&
        t(tag.pull_time)
      )
    )
      return false;
  }
  for (const s of a.scans) {
    if (
      !(
        t(s) &&
        t(s.mimeType) &&
        t(s.report_id) &&
        t(s.status) &&
        t(s.start_time) &&
        t(s.end_time) &&
        t(s.requested_at) &&
        t(s.scanner) &&
        t(s.scanner.name) &&
        t(s.scanner.vendor) &&
        t(s.scanner.version) &&
        t(s.vulnerabilities) &&
        t(s.vulnerabilities.length)
      )
    )
      return false;
    for (const v of s.vulnerabilities) {
      if (!(t(v) && t(v.severity) && t(v.fix_version))) return false;
    }
  }
  for (const v of a.latent_vulnerabilities) {
    if (!(t(v) && t(v.severity) && t(v.fix_version))) return false;
  }
  for (const x of a.accessories) {
    if (
      !(
        t(x) &&
        t(x.id) &&
        t(x.digest) &&
        t(x.size) &&
        t(x.type) &&
        t(x.creation_time)
      )
    )
      return false;
  }
  return true;
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
