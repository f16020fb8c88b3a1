import { recordTrace, sameTrace, traceArtifact } from '../artifactTrace';
import { auditOperation } from '../auditLog';
import { isoTime } from '../clock';
import {
  HarborContext,
  HarborRoutes,
  created,
  headerString,
  ok,
  queryBool,
  queryString,
} from '../context';
import { badRequest, conflict, notFound, precondition } from '../errors';
import type { Artifact, ScanOverview, Tag } from '../harborTypes';
import { paginate } from '../pagination';
import { matchesClause, parseQuery, QueryClause, sortBy } from '../query';
import { requireProjectAccess } from '../rbac';
import {
  ArtifactRecord,
  HarborState,
  RepositoryRecord,
  TagRecord,
  VULNERABILITY_REPORT_V11,
} from '../state';
import {
  acceptedScan,
  nativeReportSummary,
  parseAcceptVulnerabilities,
  scanStateAt,
  vulnerabilityReport,
} from '../vulnerabilities';
import {
  API_BASE,
  bodyObject,
  resolveArtifact,
  resolveProject,
  resolveRepository,
} from './common';
import { isTagImmutable } from './repositories';
import { projectScanner } from './scanners';

/** Which optional parts of an artifact to include (the `with_*` query flags). */
interface ArtifactFlags {
  withTag: boolean;
  withLabel: boolean;
  withScanOverview: boolean;
  withImmutableStatus: boolean;
  withAccessory: boolean;
  accepted: string[];
}

function artifactFlags(ctx: HarborContext): ArtifactFlags {
  return {
    withTag: queryBool(ctx, 'with_tag', true),
    withLabel: queryBool(ctx, 'with_label', false),
    withScanOverview: queryBool(ctx, 'with_scan_overview', false),
    withImmutableStatus: queryBool(ctx, 'with_immutable_status', false),
    withAccessory: queryBool(ctx, 'with_accessory', false),
    accepted: parseAcceptVulnerabilities(
      headerString(ctx, 'X-Accept-Vulnerabilities'),
    ),
  };
}

/** The repository part of addition links is double-encoded, like the path parameter. */
function encodedRepository(repository: RepositoryRecord): string {
  const short = repository.name.slice(repository.name.indexOf('/') + 1);
  return encodeURIComponent(encodeURIComponent(short));
}

function tagView(
  state: HarborState,
  repository: RepositoryRecord,
  artifact: ArtifactRecord,
  tag: TagRecord,
  withImmutable: boolean,
): Tag {
  return {
    id: tag.id,
    repository_id: repository.id,
    artifact_id: artifact.id,
    name: tag.name,
    push_time: tag.push_time,
    pull_time: tag.pull_time,
    immutable: withImmutable
      ? isTagImmutable(state, artifact, repository.name, tag.name)
      : false,
  };
}

export function artifactView(
  ctx: HarborContext,
  repository: RepositoryRecord,
  artifact: ArtifactRecord,
  flags: ArtifactFlags,
): Artifact {
  const { state, clock, scanDurations } = ctx.core;
  const project = repository.name.slice(0, repository.name.indexOf('/'));
  const base = `${API_BASE}/projects/${project}/repositories/${encodedRepository(
    repository,
  )}/artifacts/${artifact.digest}/additions`;
  const view: Artifact = {
    id: artifact.id,
    type: artifact.type,
    media_type: artifact.media_type,
    manifest_media_type: artifact.manifest_media_type,
    project_id: artifact.project_id,
    repository_id: repository.id,
    repository_name: repository.name,
    digest: artifact.digest,
    size: artifact.size,
    icon: 'sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06',
    push_time: artifact.push_time,
    pull_time: artifact.pull_time,
    extra_attrs: artifact.extra_attrs as Artifact['extra_attrs'],
    addition_links: {
      build_history: { href: `${base}/build_history`, absolute: false },
      vulnerabilities: { href: `${base}/vulnerabilities`, absolute: false },
    },
  };
  if (artifact.annotations) view.annotations = artifact.annotations;
  if (flags.withTag) {
    view.tags = artifact.tags.map(t =>
      tagView(state, repository, artifact, t, flags.withImmutableStatus),
    );
  }
  if (flags.withLabel) {
    view.labels = artifact.labels
      .map(id => state.labels.find(l => l.id === id))
      .filter((l): l is NonNullable<typeof l> => Boolean(l));
  }
  if (flags.withScanOverview) {
    // Keyed by the first accepted MIME type that has a report; never scanned → no scan_overview.
    const scan = acceptedScan(artifact, flags.accepted);
    if (scan) {
      const overview: ScanOverview = {
        [scan.mimeType]: nativeReportSummary(
          scan,
          artifact,
          clock.now(),
          scanDurations,
        ),
      };
      view.scan_overview = overview;
    }
  }
  if (flags.withAccessory) {
    view.accessories = artifact.accessories.map(a => ({
      id: a.id,
      artifact_id: a.id,
      subject_artifact_id: artifact.id,
      subject_artifact_digest: artifact.digest,
      subject_artifact_repo: repository.name,
      size: a.size,
      digest: a.digest,
      type: a.type,
      icon: '',
      creation_time: a.creation_time,
    }));
  }
  return view;
}

interface CachedView {
  /** The repository, the flags and the accepted scan's state now: what the view reads besides the artifact. */
  key: string;
  /** What `traceArtifact` visited when the view was built. */
  deps: unknown[];
  view: Artifact;
  json: string;
}

const viewCache = new WeakMap<ArtifactRecord, CachedView>();

/**
 * Serialising artifact pages dominates the cost of a list call, so each artifact's JSON is kept and reused
 * while everything the view reads stays the same (`traceArtifact`, shared with the page cache). Labels and
 * immutability depend on other records, so views with those flags are never cached.
 */
function cachedArtifactView(
  ctx: HarborContext,
  repository: RepositoryRecord,
  artifact: ArtifactRecord,
  flags: ArtifactFlags,
): { view: Artifact; json: string } {
  if (flags.withLabel || flags.withImmutableStatus) {
    const view = artifactView(ctx, repository, artifact, flags);
    return { view, json: JSON.stringify(view) };
  }
  const scan = flags.withScanOverview
    ? acceptedScan(artifact, flags.accepted)
    : undefined;
  // A requested scan moves on with the clock: its state now is part of the key.
  const scanState = scan
    ? scanStateAt(scan, artifact, ctx.core.clock.now(), ctx.core.scanDurations)
    : undefined;
  const key = [
    repository.id,
    repository.name,
    flags.withTag,
    flags.withScanOverview,
    flags.withAccessory,
    scan?.mimeType,
    scanState?.status,
    scanState?.complete_percent,
    scanState?.end_time,
  ].join('|');
  const hit = viewCache.get(artifact);
  if (
    hit &&
    hit.key === key &&
    sameTrace(hit.deps, t => traceArtifact(artifact, t))
  ) {
    return hit;
  }
  const view = artifactView(ctx, repository, artifact, flags);
  const entry = {
    key,
    deps: recordTrace(t => traceArtifact(artifact, t)),
    view,
    json: JSON.stringify(view),
  };
  viewCache.set(artifact, entry);
  return entry;
}

function matchesArtifactClause(
  clause: QueryClause,
  artifact: ArtifactRecord,
): boolean {
  switch (clause.key) {
    case 'tags':
      if (clause.kind === 'exact' && clause.value === '*')
        return artifact.tags.length > 0;
      if (clause.kind === 'exact' && clause.value === 'nil')
        return artifact.tags.length === 0;
      return artifact.tags.some(t => matchesClause(clause, t.name));
    case 'labels':
      if (clause.kind === 'and' || clause.kind === 'or') {
        const ids = clause.values.map(Number);
        return clause.kind === 'and'
          ? ids.every(id => artifact.labels.includes(id))
          : ids.some(id => artifact.labels.includes(id));
      }
      return artifact.labels.some(id => matchesClause(clause, id));
    case 'digest':
      return matchesClause(clause, artifact.digest);
    case 'media_type':
      return matchesClause(clause, artifact.media_type);
    case 'type':
      return matchesClause(clause, artifact.type);
    case 'push_time':
      return matchesClause(
        clause,
        artifact.push_time.replace('T', ' ').slice(0, 19),
      );
    default:
      return true;
  }
}

export const artifactRoutes: HarborRoutes = {
  listArtifacts(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'artifact', 'list');
    // Repeated page requests (every entity view of the backend benchmarks) are answered from serialised pages.
    const pages = ctx.core.artifactPages;
    const flags = artifactFlags(ctx);
    const cacheable =
      pages &&
      !queryString(ctx, 'q') &&
      !queryString(ctx, 'sort') &&
      !flags.withLabel &&
      !flags.withImmutableStatus;
    const pageKey = cacheable
      ? `${ctx.rawPath}?${ctx.rawQuery}\n${
          headerString(ctx, 'X-Accept-Vulnerabilities') ?? ''
        }`
      : '';
    if (cacheable) {
      // Only a page that was built is kept, so a hit needs no page_size check (> 100 is a 422).
      const hit = pages.get(pageKey, state, repository, ctx.core.clock.now());
      if (hit) return { status: 200, ...hit };
    }
    let artifacts = state.artifactsOfRepository(repository.id);
    for (const clause of parseQuery(queryString(ctx, 'q'))) {
      artifacts = artifacts.filter(a => matchesArtifactClause(clause, a));
    }
    const sorted = sortBy(
      artifacts,
      queryString(ctx, 'sort'),
      '-push_time,-id',
    );
    const page = paginate(ctx, sorted);
    const views = page.items.map(a =>
      cachedArtifactView(ctx, repository, a, flags),
    );
    const result = {
      body: views.map(v => v.view),
      raw: Buffer.from(`[${views.map(v => v.json).join(',')}]`),
      headers: page.headers,
    };
    if (cacheable) {
      pages.set(
        pageKey,
        state,
        repository,
        page.items,
        result,
        ctx.core.clock.now(),
        ctx.core.scanDurations,
      );
    }
    return { status: 200, ...result };
  },

  getArtifact(ctx) {
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'artifact', 'read');
    const artifact = resolveArtifact(ctx, repository);
    return ok(artifactView(ctx, repository, artifact, artifactFlags(ctx)));
  },

  deleteArtifact(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'artifact', 'delete');
    const artifact = resolveArtifact(ctx, repository);
    const locked = artifact.tags.find(t =>
      isTagImmutable(state, artifact, repository.name, t.name),
    );
    if (locked)
      throw precondition(
        `the tag ${locked.name} is immutable, cannot delete the artifact`,
      );
    state.artifacts.splice(state.artifacts.indexOf(artifact), 1);
    auditOperation(
      ctx,
      project.project_id,
      'artifact',
      'delete',
      `${repository.name}@${artifact.digest}`,
    );
    return ok();
  },

  listTags(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'tag', 'list');
    const artifact = resolveArtifact(ctx, repository);
    let tags = artifact.tags;
    for (const clause of parseQuery(queryString(ctx, 'q'))) {
      if (clause.key === 'name')
        tags = tags.filter(t => matchesClause(clause, t.name));
    }
    const page = paginate(ctx, sortBy(tags, queryString(ctx, 'sort'), 'id'));
    const withImmutable = queryBool(ctx, 'with_immutable_status', false);
    return {
      status: 200,
      body: page.items.map(t =>
        tagView(state, repository, artifact, t, withImmutable),
      ),
      headers: page.headers,
    };
  },

  createTag(ctx) {
    const { state, clock } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'tag', 'create');
    const artifact = resolveArtifact(ctx, repository);
    const name = bodyObject(ctx).name;
    if (typeof name !== 'string' || !/^[\w][\w.-]{0,127}$/.test(name)) {
      throw badRequest(`invalid tag name ${name}`);
    }
    if (
      state
        .artifactsOfRepository(repository.id)
        .some(a => a.tags.some(t => t.name === name))
    ) {
      throw conflict(
        `tag ${name} already exists in repository ${repository.name}`,
      );
    }
    const now = isoTime(clock.now());
    artifact.tags.push({
      id: state.ids.tag.next(),
      name,
      push_time: now,
      pull_time: now,
    });
    auditOperation(
      ctx,
      project.project_id,
      'tag',
      'create',
      `${repository.name}:${name}`,
    );
    return created(`${ctx.rawPath}/${name}`);
  },

  deleteTag(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'tag', 'delete');
    const artifact = resolveArtifact(ctx, repository);
    const tag = artifact.tags.find(t => t.name === ctx.params.tag_name);
    if (!tag) throw notFound(`tag ${ctx.params.tag_name} not found`);
    if (isTagImmutable(state, artifact, repository.name, tag.name)) {
      throw precondition(`the tag ${tag.name} is immutable, cannot be deleted`);
    }
    artifact.tags = artifact.tags.filter(t => t !== tag);
    auditOperation(
      ctx,
      project.project_id,
      'tag',
      'delete',
      `${repository.name}:${tag.name}`,
    );
    return ok();
  },

  listAccessories(ctx) {
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'accessory', 'list');
    const artifact = resolveArtifact(ctx, repository);
    const view = artifactView(ctx, repository, artifact, {
      ...artifactFlags(ctx),
      withAccessory: true,
    });
    const page = paginate(ctx, view.accessories ?? []);
    return { status: 200, body: page.items, headers: page.headers };
  },

  getVulnerabilitiesAddition(ctx) {
    const { clock, scanDurations } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'artifact-addition', 'read');
    const artifact = resolveArtifact(ctx, repository);
    const accepted = parseAcceptVulnerabilities(
      headerString(ctx, 'X-Accept-Vulnerabilities'),
    );
    const scan = acceptedScan(artifact, accepted);
    // {} when there is no report for an accepted type.
    return ok(
      scan
        ? {
            [scan.mimeType]: vulnerabilityReport(
              scan,
              artifact,
              clock.now(),
              scanDurations,
            ),
          }
        : {},
    );
  },

  scanArtifact(ctx) {
    const { state, clock, scanDurations } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'scan', 'create');
    const artifact = resolveArtifact(ctx, repository);
    const scanType = ctx.body?.scan_type ?? 'vulnerability';
    const scanner = projectScanner(state, project.project_id);
    if (!scanner || scanner.disabled) {
      throw precondition(
        'no available scanner for the project, configure a scanner first',
      );
    }
    if (scanType === 'sbom') return { status: 202 };
    const mimeType = VULNERABILITY_REPORT_V11;
    const existing = artifact.scans.find(s => s.mimeType === mimeType);
    if (existing) {
      const status = scanStateAt(
        existing,
        artifact,
        clock.now(),
        scanDurations,
      ).status;
      if (status === 'Pending' || status === 'Running') {
        throw conflict(
          `a previous scan process of artifact ${
            artifact.digest
          } is ${status.toLowerCase()}`,
        );
      }
      artifact.scans.splice(artifact.scans.indexOf(existing), 1);
    }
    artifact.scans.unshift({
      mimeType,
      report_id: state.random.uuid(),
      status: 'Pending',
      scanner: {
        name: scanner.name ?? 'Trivy',
        vendor: scanner.vendor ?? 'Aqua Security',
        version: scanner.version ?? 'v0.50.1',
      },
      start_time: isoTime(clock.now()),
      vulnerabilities: [],
      requested_at: clock.now(),
    });
    return { status: 202 };
  },

  stopScanArtifact(ctx) {
    const { clock, scanDurations } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'scan', 'stop');
    const artifact = resolveArtifact(ctx, repository);
    const running = artifact.scans.find(s => {
      const status = scanStateAt(
        s,
        artifact,
        clock.now(),
        scanDurations,
      ).status;
      return status === 'Pending' || status === 'Running';
    });
    if (!running)
      throw badRequest(`no scan of artifact ${artifact.digest} is running`);
    running.status = 'Stopped';
    running.end_time = isoTime(clock.now());
    return { status: 202 };
  },

  addLabel(ctx) {
    const { state } = ctx.core;
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'artifact-label', 'create');
    const artifact = resolveArtifact(ctx, repository);
    const id = bodyObject(ctx).id;
    const label = state.labels.find(l => l.id === id);
    if (!label) throw notFound(`label ${id} not found`);
    if (artifact.labels.includes(label.id!))
      throw conflict(`label ${id} is already added to the artifact`);
    artifact.labels.push(label.id!);
    return ok();
  },

  removeLabel(ctx) {
    const project = resolveProject(ctx);
    const repository = resolveRepository(ctx, project);
    requireProjectAccess(ctx, project, 'artifact-label', 'delete');
    const artifact = resolveArtifact(ctx, repository);
    const id = Number(ctx.params.label_id);
    if (!artifact.labels.includes(id))
      throw notFound(`label ${id} is not added to the artifact`);
    artifact.labels = artifact.labels.filter(l => l !== id);
    return ok();
  },
};
