import { auditOperation } from '../auditLog';
import { isoTime } from '../clock';
import {
  HarborContext,
  HarborRoutes,
  created,
  headerString,
  ok,
  principalName,
  queryBool,
  queryString,
} from '../context';
import { badRequest, conflict, notFound, precondition } from '../errors';
import { pageResult, paginate } from '../pagination';
import { matchesClause, parseQuery, sortBy } from '../query';
import { requireProjectAccess } from '../rbac';
import { VULNERABILITY_REPORT_V11 } from '../state';
import {
  acceptedScan,
  parseAcceptVulnerabilities,
  scanStateAt,
  vulnerabilityReport,
} from '../vulnerabilities';
import { artifactFilter } from './artifactQuery';
import {
  artifactFlags,
  artifactView,
  cachedArtifactView,
  tagView,
} from './artifactViews';
import {
  bodyObject,
  resolveArtifact,
  resolveProject,
  resolveRepository,
} from './common';
import { isTagImmutable } from './repositories';
import { projectScanner } from './scanners';
import { scannedTag } from '../webhooks/payloads';

/** The path's project, repository and artifact; the caller needs `resource:action` in the project. */
function artifactInPath(ctx: HarborContext, resource: string, action: string) {
  const project = resolveProject(ctx);
  const repository = resolveRepository(ctx, project);
  requireProjectAccess(ctx, project, resource, action);
  return { project, repository, artifact: resolveArtifact(ctx, repository) };
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
    const artifacts = state
      .artifactsOfRepository(repository.id)
      .filter(artifactFilter(queryString(ctx, 'q')));
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
    const { repository, artifact } = artifactInPath(ctx, 'artifact', 'read');
    return ok(artifactView(ctx, repository, artifact, artifactFlags(ctx)));
  },

  deleteArtifact(ctx) {
    const { state } = ctx.core;
    const { project, repository, artifact } = artifactInPath(
      ctx,
      'artifact',
      'delete',
    );
    const locked = artifact.tags.find(t =>
      isTagImmutable(state, artifact, repository.name, t.name),
    );
    if (locked)
      throw precondition(
        `the tag ${locked.name} is immutable, cannot delete the artifact`,
      );
    state.artifacts.splice(state.artifacts.indexOf(artifact), 1);
    ctx.core.webhooks?.artifactDeleted(artifact, principalName(ctx.principal));
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
    const { repository, artifact } = artifactInPath(ctx, 'tag', 'list');
    let tags = artifact.tags;
    for (const clause of parseQuery(queryString(ctx, 'q'))) {
      if (clause.key === 'name')
        tags = tags.filter(t => matchesClause(clause, t.name));
    }
    const withImmutable = queryBool(ctx, 'with_immutable_status', false);
    return pageResult(ctx, sortBy(tags, queryString(ctx, 'sort'), 'id'), t =>
      tagView(state, repository, artifact, t, withImmutable),
    );
  },

  createTag(ctx) {
    const { state, clock } = ctx.core;
    const { project, repository, artifact } = artifactInPath(
      ctx,
      'tag',
      'create',
    );
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
    const { project, repository, artifact } = artifactInPath(
      ctx,
      'tag',
      'delete',
    );
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
    const { repository, artifact } = artifactInPath(ctx, 'accessory', 'list');
    const view = artifactView(ctx, repository, artifact, {
      ...artifactFlags(ctx),
      withAccessory: true,
    });
    return pageResult(ctx, view.accessories ?? []);
  },

  getVulnerabilitiesAddition(ctx) {
    const { clock, scanDurations } = ctx.core;
    const { artifact } = artifactInPath(ctx, 'artifact-addition', 'read');
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
    const { project, artifact } = artifactInPath(ctx, 'scan', 'create');
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
    ctx.core.webhooks?.scanRequested(
      artifact,
      artifact.scans[0],
      principalName(ctx.principal),
      scannedTag(artifact, ctx.params.reference),
    );
    return { status: 202 };
  },

  stopScanArtifact(ctx) {
    const { clock, scanDurations } = ctx.core;
    const { artifact } = artifactInPath(ctx, 'scan', 'stop');
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
    ctx.core.webhooks?.scanStopped(
      artifact,
      running,
      principalName(ctx.principal),
    );
    return { status: 202 };
  },

  addLabel(ctx) {
    const { state } = ctx.core;
    const { artifact } = artifactInPath(ctx, 'artifact-label', 'create');
    const id = bodyObject(ctx).id;
    const label = state.labels.find(l => l.id === id);
    if (!label) throw notFound(`label ${id} not found`);
    if (artifact.labels.includes(label.id!))
      throw conflict(`label ${id} is already added to the artifact`);
    artifact.labels.push(label.id!);
    return ok();
  },

  removeLabel(ctx) {
    const { artifact } = artifactInPath(ctx, 'artifact-label', 'delete');
    const id = Number(ctx.params.label_id);
    if (!artifact.labels.includes(id))
      throw notFound(`label ${id} is not added to the artifact`);
    artifact.labels = artifact.labels.filter(l => l !== id);
    return ok();
  },
};
