import {
  recordTrace,
  sameTrace,
  type Trace,
  traceArtifact,
} from './artifactTrace';
import type { ArtifactRecord, HarborState, RepositoryRecord } from './state';
import type { ScanDurations } from './vulnerabilities';

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

/** Everything a page was built from: the repository's list and each listed artifact. */
function tracePage(
  state: HarborState,
  repository: RepositoryRecord,
  items: ArtifactRecord[],
  t: Trace,
): boolean {
  if (!traceMembership(state, repository, t)) return false;
  for (const a of items) if (!traceArtifact(a, t)) return false;
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
    return sameTrace(entry.deps, t =>
      tracePage(state, repository, entry.items, t),
    )
      ? entry
      : undefined;
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
    const deps = recordTrace(t => tracePage(state, repository, items, t));
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
