import { recordTrace, sameTrace, traceArtifact } from '../artifactTrace';
import { HarborContext, headerString, queryBool } from '../context';
import type { Artifact, ScanOverview, Tag } from '../harborTypes';
import {
  ArtifactRecord,
  HarborState,
  RepositoryRecord,
  TagRecord,
} from '../state';
import {
  acceptedScan,
  nativeReportSummary,
  parseAcceptVulnerabilities,
  scanStateAt,
} from '../vulnerabilities';
import { API_BASE } from './common';
import { isTagImmutable } from './repositories';

/** Which optional parts of an artifact to include (the `with_*` query flags). */
export interface ArtifactFlags {
  withTag: boolean;
  withLabel: boolean;
  withScanOverview: boolean;
  withImmutableStatus: boolean;
  withAccessory: boolean;
  accepted: string[];
}

export function artifactFlags(ctx: HarborContext): ArtifactFlags {
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

export function tagView(
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
export function cachedArtifactView(
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
