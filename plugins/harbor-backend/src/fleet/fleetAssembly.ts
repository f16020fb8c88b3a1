import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  compareSeverity,
  FleetArtifact,
  FleetDangerousArtifact,
  FleetEntity,
  FleetOwner,
  FleetRunning,
  FleetVulnerability,
} from '@backstage-harbor/plugin-harbor-common';
import type { HarborInstanceConfig } from '@backstage-harbor/plugin-harbor-node';
import { harborArtifactUrl } from '../mapping/harborUiLinks';
import type { FleetHit, RawDangerousArtifact } from './fleetTypes';
import type {
  IndexedEntity,
  RepositoryEntityIndex,
} from './RepositoryEntityIndex';
import type { RunningDigests } from './runningDigests';

/*
 * Joins what Harbor answered with the catalog, for one caller: entities by repository from the index, named only
 * when the caller may read them (the catalog answers with the caller's credentials), counted otherwise.
 */

/** The entities and owners one caller may read, of those an answer would name. */
export interface Visibility {
  /** Title by ref, for every readable ref (the title may be undefined). */
  readable: Map<string, string | undefined>;
}

/** Asks the catalog, as the caller, which of `refs` they may read: one batched call. */
export async function readVisibility(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  refs: Iterable<string>,
): Promise<Visibility> {
  const entityRefs = [...new Set(refs)];
  const readable = new Map<string, string | undefined>();
  if (!entityRefs.length) return { readable };
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs,
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'],
    },
    { credentials },
  );
  // The catalog answers in the order asked, `undefined` for what the caller may not read.
  items.forEach((entity, i) => {
    if (entity) readable.set(entityRefs[i], entity.metadata.title);
  });
  return { readable };
}

/** The refs an answer could name for these repositories: entities and their owners. */
export function refsToCheck(
  index: RepositoryEntityIndex,
  instance: string,
  repositories: Iterable<string>,
): Set<string> {
  const refs = new Set<string>();
  for (const repository of repositories) {
    for (const e of index.lookup(instance, repository)) {
      refs.add(e.entityRef);
      for (const o of e.owners) refs.add(o);
    }
  }
  return refs;
}

/** The entities naming a repository, split into the ones the caller may read and a count of the others. */
export function entitiesFor(
  entities: IndexedEntity[],
  visibility: Visibility,
): { entities: FleetEntity[]; hiddenEntities: number; owners: FleetOwner[] } {
  const shown: FleetEntity[] = [];
  const owners = new Map<string, FleetOwner>();
  for (const e of entities) {
    if (!visibility.readable.has(e.entityRef)) continue;
    const entityOwners = e.owners.map(ref => ({
      entityRef: ref,
      title: visibility.readable.get(ref),
    }));
    for (const o of entityOwners)
      if (!owners.has(o.entityRef)) owners.set(o.entityRef, o);
    shown.push({
      entityRef: e.entityRef,
      kind: e.kind,
      name: e.name,
      title: visibility.readable.get(e.entityRef) ?? e.title,
      owners: entityOwners,
    });
  }
  return {
    entities: shown.sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
    hiddenEntities: entities.length - shown.length,
    owners: [...owners.values()],
  };
}

/** Whether the digest runs in the configured cluster, or why that is not known. */
export function runningOf(
  digest: string,
  running: RunningDigests | { error: string } | undefined,
): FleetRunning {
  if (!running) {
    return {
      state: 'unknown',
      containers: [],
      message: 'no cluster is configured',
    };
  }
  if ('error' in running) {
    return { state: 'unknown', containers: [], message: running.error };
  }
  const containers = running.byDigest[digest] ?? [];
  return {
    state: containers.length ? 'running' : 'not-running',
    cluster: running.cluster,
    containers,
  };
}

/** What the assembly of one instance needs. */
export interface AssemblyContext {
  instance: HarborInstanceConfig;
  index: RepositoryEntityIndex;
  visibility: Visibility;
  running: RunningDigests | { error: string } | undefined;
}

function artifactOf(ctx: AssemblyContext, hit: FleetHit): FleetArtifact {
  const fullName = `${hit.project}/${hit.repository}`;
  const named = entitiesFor(
    ctx.index.lookup(ctx.instance.name, fullName),
    ctx.visibility,
  );
  return {
    instance: ctx.instance.name,
    project: hit.project,
    repository: hit.repository,
    digest: hit.digest,
    tags: hit.tags,
    version: hit.version,
    fixedVersion: hit.fixedVersion,
    harborUrl: harborArtifactUrl(
      ctx.instance.uiUrl,
      hit.projectId,
      hit.project,
      hit.repository,
      hit.digest,
    ),
    ...named,
    running: hideContainers(runningOf(hit.digest, ctx.running), named),
  };
}

/**
 * Pod names often carry the name of the component they run: when the caller may read none of the artifact's
 * entities but some exist, they learn that and how many containers run it, not where.
 */
function hideContainers(
  running: FleetRunning,
  named: { entities: FleetEntity[]; hiddenEntities: number },
): FleetRunning {
  if (
    named.entities.length ||
    !named.hiddenEntities ||
    !running.containers.length
  ) {
    return running;
  }
  return {
    state: running.state,
    cluster: running.cluster,
    containers: [],
    message: `${running.containers.length} container(s) run it, of entities you may not read`,
  };
}

const RUNNING_ORDER = { running: 0, 'not-running': 1, unknown: 2 };

/** Hits grouped CVE (and package) → artifacts, worst CVE first; running artifacts first within a CVE. */
export function groupHits(
  ctx: AssemblyContext,
  hits: FleetHit[],
): FleetVulnerability[] {
  const groups = new Map<
    string,
    { v: FleetVulnerability; seen: Set<string> }
  >();
  for (const hit of hits) {
    const key = `${hit.cveId}|${hit.package}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        v: {
          cveId: hit.cveId,
          package: hit.package,
          severity: hit.severity,
          cvssScoreV3: hit.cvssScoreV3,
          description: hit.description,
          links: hit.links,
          fixable: false,
          artifacts: [],
        },
        seen: new Set(),
      };
      groups.set(key, group);
    }
    const { v, seen } = group;
    if (compareSeverity(hit.severity, v.severity) < 0)
      v.severity = hit.severity;
    if ((hit.cvssScoreV3 ?? 0) > (v.cvssScoreV3 ?? 0))
      v.cvssScoreV3 = hit.cvssScoreV3;
    if (hit.fixedVersion) v.fixable = true;
    const artifactKey = `${hit.project}/${hit.repository}@${hit.digest}`;
    if (seen.has(artifactKey)) continue;
    seen.add(artifactKey);
    v.artifacts.push(artifactOf(ctx, hit));
  }
  const out = [...groups.values()].map(g => g.v);
  for (const v of out) {
    v.artifacts.sort(
      (a, b) =>
        RUNNING_ORDER[a.running.state] - RUNNING_ORDER[b.running.state] ||
        `${a.project}/${a.repository}`.localeCompare(
          `${b.project}/${b.repository}`,
        ) ||
        a.digest.localeCompare(b.digest),
    );
  }
  return out.sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      (b.cvssScoreV3 ?? 0) - (a.cvssScoreV3 ?? 0) ||
      a.cveId.localeCompare(b.cveId),
  );
}

/** A dangerous artifact of the summary, with its entities. */
export function dangerousArtifactOf(
  ctx: AssemblyContext,
  a: RawDangerousArtifact,
): FleetDangerousArtifact {
  const { projectId, ...rest } = a;
  return {
    instance: ctx.instance.name,
    ...rest,
    harborUrl: harborArtifactUrl(
      ctx.instance.uiUrl,
      projectId,
      a.project,
      a.repository,
      a.digest,
    ),
    ...entitiesFor(
      ctx.index.lookup(ctx.instance.name, `${a.project}/${a.repository}`),
      ctx.visibility,
    ),
  };
}
