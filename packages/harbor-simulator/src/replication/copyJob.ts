/**
 * A pull replication from a `docker-registry` endpoint, with Harbor's flow (src: controller/replication/flow):
 * fetch the source's resources through the adapter (name, tag and resource filters), name them in the
 * destination (`dest_namespace`, `dest_namespace_replace_count`), create missing projects, then one task per
 * repository copies each selected tag as an artifact with the source's manifest digest, media type and size.
 * The simulator copies no blobs: the artifact records are what Harbor's API shows afterwards.
 */
import { createProjectRecord, pushArtifact } from '../builders';
import { isoTime } from '../clock';
import type { SimulatorCore } from '../context';
import { HarborError } from '../errors';
import type {
  ArtifactRecord,
  ProjectRecord,
  ReplicationCopyRecord,
  ReplicationExecutionRecord,
  ReplicationTaskRecord,
} from '../state';
import {
  PolicyFilter,
  filterOf,
  selectRepositories,
  selectTags,
  selectsImages,
  specificPaths,
} from './filters';
import { destinationRepository } from './naming';
import { SourceEndpoint, SourceRegistryReader } from './sourceRegistry';

/** Harbor's adapter runs a bounded number of repositories at once (adapter.MaxConcurrency). */
const CONCURRENCY = 4;
/** Per request to the source; Harbor's registry client times out too. */
export const SOURCE_TIMEOUT_MS = 10_000;

export interface CopyPolicy {
  filters?: PolicyFilter[];
  dest_namespace?: string;
  dest_namespace_replace_count?: number;
  override?: boolean;
}

interface Resource {
  source: string;
  destination: string;
  tags: string[];
}

async function eachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
      }
    },
  );
  await Promise.all(workers);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The resources the adapter fetches: selected repositories with their selected tags. */
async function fetchResources(
  reader: SourceRegistryReader,
  policy: CopyPolicy,
): Promise<Array<{ source: string; tags: string[] }>> {
  if (!selectsImages(policy.filters)) return [];
  const pattern = filterOf(policy.filters, 'name')?.value;
  // An exact name (or {a,b} of exact names) skips the catalog (adapter/native listRepositories).
  const names =
    (typeof pattern === 'string' ? specificPaths(pattern) : undefined) ??
    (await reader.catalog());
  const repositories = selectRepositories(names, policy.filters);
  const found: Array<{ source: string; tags: string[] } | undefined> = [];
  await eachLimited(
    repositories.map((name, i) => ({ name, i })),
    CONCURRENCY,
    async ({ name, i }) => {
      let selected: string[];
      try {
        // A repository the registry does not know, or with no selected tag, is no resource.
        selected = selectTags((await reader.tags(name)) ?? [], policy.filters);
      } catch (error) {
        // adapter/native listArtifacts: listing the tags and filtering them fail alike.
        throw new Error(
          `failed to list artifacts of repository ${name}: ${message(error)}`,
        );
      }
      if (selected.length) found[i] = { source: name, tags: selected };
    },
  );
  return found.filter((r): r is { source: string; tags: string[] } => !!r);
}

function ensureProject(core: SimulatorCore, name: string): ProjectRecord {
  // The local Harbor adapter's PrepareForPush creates a missing project (private, default quota).
  return (
    core.state.projectByName(name) ??
    createProjectRecord(core.state, core.clock, { name })
  );
}

/**
 * Stores one tag as Harbor does after copying its manifest: an artifact with the same digest gets the tag, a
 * tag on another digest moves only when the policy overrides (otherwise it is skipped, as Harbor skips it).
 */
function storeTag(
  core: SimulatorCore,
  project: ProjectRecord,
  path: string,
  tag: string,
  manifest: Awaited<ReturnType<SourceRegistryReader['manifest']>>,
  override: boolean,
): string {
  const { state, clock } = core;
  const repository = state.repositoryByName(`${project.name}/${path}`);
  const artifacts = repository
    ? state.artifactsOfRepository(repository.id)
    : [];
  const tagged = artifacts.find(a => a.tags.some(t => t.name === tag));
  if (tagged?.digest === manifest.digest) return `${tag}: already in Harbor`;
  if (tagged && !override)
    return `${tag}: exists with another digest and override is off, skipped`;
  const same = artifacts.find(a => a.digest === manifest.digest);
  core.artifactPages?.invalidate();
  if (same) {
    const now = isoTime(clock.now());
    for (const other of artifacts)
      other.tags = other.tags.filter(t => t.name !== tag);
    same.tags.push({
      id: state.ids.tag.next(),
      name: tag,
      push_time: now,
      pull_time: now,
    });
    return `${tag}: tagged ${manifest.digest}`;
  }
  const artifact: ArtifactRecord = pushArtifact(state, clock, {
    project: project.name,
    repository: path,
    tags: [tag],
    digest: manifest.digest,
    size: manifest.size,
    mediaType: manifest.mediaType,
    operator: 'harbor-jobservice',
  });
  artifact.manifest_media_type = manifest.manifestMediaType;
  artifact.media_type = manifest.mediaType;
  return `${tag}: copied ${manifest.digest} (${manifest.size} bytes)`;
}

async function runTask(
  core: SimulatorCore,
  reader: SourceRegistryReader,
  resource: Resource,
  task: ReplicationTaskRecord,
  override: boolean,
  signal: AbortSignal,
) {
  const [projectName, ...rest] = resource.destination.split('/');
  const path = rest.join('/');
  try {
    const project = ensureProject(core, projectName);
    for (const tag of resource.tags) {
      await core.replicationJobs?.whenReleased(signal);
      if (signal.aborted) throw new Error('the execution was stopped');
      const manifest = await reader.manifest(resource.source, tag);
      task.log.push(storeTag(core, project, path, tag, manifest, override));
    }
    task.status = 'Succeed';
  } catch (error) {
    task.status = signal.aborted ? 'Stopped' : 'Failed';
    task.log.push(
      `failed to copy ${resource.source} to ${resource.destination}: ${
        error instanceof HarborError ? error.message : message(error)
      }`,
    );
  }
  task.finished_at = core.clock.now();
}

/** Runs the copy of a started execution, recording tasks and the outcome in `execution.copy`. */
export async function runCopyJob(
  core: SimulatorCore,
  execution: ReplicationExecutionRecord,
  endpoint: SourceEndpoint,
  policy: CopyPolicy,
  signal: AbortSignal,
): Promise<void> {
  const copy: ReplicationCopyRecord = (execution.copy ??= {
    done: false,
    tasks: [],
  });
  const reader = new SourceRegistryReader(endpoint, {
    timeoutMs: SOURCE_TIMEOUT_MS,
    signal,
  });
  try {
    let fetched: Array<{ source: string; tags: string[] }>;
    try {
      fetched = await fetchResources(reader, policy);
    } catch (error) {
      throw new Error(`failed to fetch artifacts: ${message(error)}`);
    }
    const resources: Resource[] = fetched.map(r => ({
      ...r,
      destination: destinationRepository(
        r.source,
        policy.dest_namespace,
        policy.dest_namespace_replace_count,
      ),
    }));
    const tasks = resources.map(r => {
      const count = `[${r.tags.length} item(s) in total]`;
      const task: ReplicationTaskRecord = {
        id: core.state.ids.replicationTask.next(),
        execution_id: execution.id,
        job_id: core.state.random.uuid().replace(/-/g, '').slice(0, 24),
        src_resource: `${r.source} ${count}`,
        dst_resource: `${r.destination} ${count}`,
        status: 'InProgress',
        started_at: core.clock.now(),
        log: [],
      };
      copy.tasks.push(task);
      return { task, resource: r };
    });
    await eachLimited(tasks, CONCURRENCY, ({ task, resource }) =>
      runTask(core, reader, resource, task, policy.override ?? true, signal),
    );
  } catch (error) {
    copy.error = signal.aborted ? undefined : message(error);
  } finally {
    copy.done = true;
    copy.finished_at = core.clock.now();
  }
}
