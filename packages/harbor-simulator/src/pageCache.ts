import type { ArtifactRecord, HarborState, RepositoryRecord } from './state';
import type { ScanDurations } from './vulnerabilities';

/**
 * Called with each value a page was built from, in a fixed order. Building records them; checking compares
 * them with the recorded ones and stops at the first difference.
 */
type Trace = (value: unknown) => boolean;

/**
 * Everything `artifactView` reads from an artifact (without labels and immutability, which are never cached).
 * Tests may change `sim.state` directly, without going through the API, so a cached page is only reused while
 * every one of these is still the same value or the same object. A field added to the artifact view must be
 * traced here too.
 */
function traceArtifact(a: ArtifactRecord, t: Trace): boolean {
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

/**
 * Which artifacts a repository's list holds and in which order (the default sort, `-push_time,-id`), and the
 * repository fields the views read.
 */
function traceMembership(
  state: HarborState,
  repository: RepositoryRecord,
  t: Trace,
): boolean {
  if (
    !(
      t(repository) &&
      t(repository.id) &&
      t(repository.name) &&
      t(state.artifacts) &&
      t(state.artifacts.length)
    )
  )
    return false;
  for (const a of state.artifacts) {
    if (!(t(a) && t(a.repository_id))) return false;
    if (a.repository_id === repository.id && !(t(a.push_time) && t(a.id)))
      return false;
  }
  return true;
}

/** A serialised page of artifacts, ready to send. */
export interface ArtifactPage {
  /** The views, for response validation. */
  body: unknown;
  /** The JSON of `body`, sent as is. */
  raw: Buffer;
  headers: Record<string, string>;
}

interface Entry extends ArtifactPage {
  generation: number;
  repository: RepositoryRecord;
  items: ArtifactRecord[];
  deps: unknown[];
  /** The page only changes with the clock before this time (a requested scan still in progress). */
  stableFrom: number;
}

const MAX_ENTRIES = 256;

/**
 * Serialised artifact pages by repository and request, so a repeated list call costs a check instead of
 * filtering, sorting and serialising again. An entry is reused only while (1) no write went through the
 * simulator since it was built (`generation`), (2) every value it was built from is unchanged, which catches
 * direct changes to `sim.state`, and (3) the clock has moved past every scan still in progress on it.
 */
export class ArtifactPageCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  /** Called on every change that goes through the simulator. */
  invalidate(): void {
    this.generation++;
  }

  get(
    key: string,
    state: HarborState,
    repository: RepositoryRecord,
    now: number,
  ): ArtifactPage | undefined {
    const entry = this.entries.get(key);
    if (
      !entry ||
      entry.generation !== this.generation ||
      entry.repository !== repository ||
      now < entry.stableFrom
    ) {
      return undefined;
    }
    const deps = entry.deps;
    let i = 0;
    const same: Trace = v => deps[i++] === v;
    if (!traceMembership(state, repository, same)) return undefined;
    for (const a of entry.items) if (!traceArtifact(a, same)) return undefined;
    return i === deps.length ? entry : undefined;
  }

  /** Keeps a page unless a scan on it still changes with the clock. */
  set(
    key: string,
    state: HarborState,
    repository: RepositoryRecord,
    items: ArtifactRecord[],
    page: ArtifactPage,
    now: number,
    durations: ScanDurations,
  ): void {
    let stableFrom = -Infinity;
    for (const a of items) {
      for (const s of a.scans) {
        if (s.requested_at !== undefined && s.status !== 'Stopped') {
          stableFrom = Math.max(
            stableFrom,
            s.requested_at + durations.pendingMs + durations.runningMs,
          );
        }
      }
    }
    if (now < stableFrom) return;
    const deps: unknown[] = [];
    const record: Trace = v => {
      deps.push(v);
      return true;
    };
    traceMembership(state, repository, record);
    for (const a of items) traceArtifact(a, record);
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, {
      ...page,
      generation: this.generation,
      repository,
      items,
      deps,
      stableFrom,
    });
  }
}
