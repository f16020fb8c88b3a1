import type { NativeReportSummary } from '../harborTypes';
import type { ArtifactRecord, ProjectRecord, RepositoryRecord } from '../state';

/**
 * The webhook event types the simulator fires (Harbor's topics, src/controller/event/topic.go). PULL_ARTIFACT,
 * REPLICATION and TAG_RETENTION are accepted on policies but not fired.
 *
 * @public
 */
export type HarborWebhookEventName =
  | 'PUSH_ARTIFACT'
  | 'DELETE_ARTIFACT'
  | 'SCANNING_COMPLETED'
  | 'SCANNING_FAILED'
  | 'SCANNING_STOPPED'
  | 'QUOTA_EXCEED'
  | 'QUOTA_WARNING';

/** `Resource` of src/pkg/notifier/model/event.go; empty fields are left out (`omitempty`). @public */
export interface HarborWebhookResource {
  digest?: string;
  tag?: string;
  resource_url?: string;
  scan_overview?: Record<string, NativeReportSummary>;
}

/** `Repository` of src/pkg/notifier/model/event.go. @public */
export interface HarborWebhookRepository {
  /** Unix seconds; left out when Harbor cannot read the repository (`omitempty`). */
  date_created?: number;
  name: string;
  namespace: string;
  repo_full_name: string;
  repo_type: 'public' | 'private';
}

/**
 * `Payload` of src/pkg/notifier/model/event.go: the body of a `Default` delivery, and the `data` (its
 * `event_data`) of a `CloudEvents` one.
 *
 * @public
 */
export interface HarborWebhookPayload {
  type: HarborWebhookEventName;
  /** Unix seconds. */
  occur_at: number;
  operator: string;
  event_data?: {
    resources?: HarborWebhookResource[];
    repository?: HarborWebhookRepository;
    scan?: { scan_type?: string };
    custom_attributes?: Record<string, string>;
  };
}

/** `config.ExtURL()` without the scheme, as Harbor's `BuildImageResourceURL` uses it. */
function registryHost(externalUrl: string): string {
  return externalUrl.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** src/controller/event/handler/util/util.go `BuildImageResourceURL`: `host/repo:tag` or `host/repo@digest`. */
export function resourceUrl(
  externalUrl: string,
  repoFullName: string,
  reference: string,
): string {
  const sep = DIGEST.test(reference) ? '@' : ':';
  return `${registryHost(externalUrl)}/${repoFullName}${sep}${reference}`;
}

/** `GetNameFromImgRepoFullName`: the part after the project, `team/app` of `platform/team/app`. */
function imageName(repoFullName: string): string {
  const slash = repoFullName.indexOf('/');
  return slash < 0 ? '' : repoFullName.slice(slash + 1);
}

function unixSeconds(ms: number | string): number {
  return Math.floor(new Date(ms).getTime() / 1000);
}

function repositoryOf(
  project: ProjectRecord,
  repoFullName: string,
  repository?: RepositoryRecord,
): HarborWebhookRepository {
  const created = repository?.creation_time;
  return {
    ...(created ? { date_created: unixSeconds(created) } : {}),
    name: imageName(repoFullName),
    namespace: project.name,
    repo_full_name: repoFullName,
    repo_type: project.metadata.public === 'true' ? 'public' : 'private',
  };
}

/** What an artifact event says (push or delete). */
export interface ArtifactEventInput {
  type: 'PUSH_ARTIFACT' | 'DELETE_ARTIFACT';
  occurAt: number;
  operator: string;
  project: ProjectRecord;
  repository: RepositoryRecord;
  digest: string;
  tags: string[];
  externalUrl: string;
  /** False when the repository is gone by the time Harbor builds the payload: no `date_created`. */
  repositoryKnown?: boolean;
}

/**
 * src/controller/event/handler/webhook/artifact/artifact.go `constructArtifactPayload`: one resource whose
 * `tag` is the first tag, or the digest for an untagged artifact.
 */
export function artifactPayload(e: ArtifactEventInput): HarborWebhookPayload {
  const reference = e.tags[0] ?? e.digest;
  return {
    type: e.type,
    occur_at: unixSeconds(e.occurAt),
    operator: e.operator,
    event_data: {
      resources: [
        {
          digest: e.digest,
          tag: reference,
          resource_url: resourceUrl(
            e.externalUrl,
            e.repository.name,
            reference,
          ),
        },
      ],
      repository: repositoryOf(
        e.project,
        e.repository.name,
        e.repositoryKnown === false ? undefined : e.repository,
      ),
    },
  };
}

/** What a scan event says. */
export interface ScanEventInput {
  type: 'SCANNING_COMPLETED' | 'SCANNING_FAILED' | 'SCANNING_STOPPED';
  occurAt: number;
  operator: string;
  project: ProjectRecord;
  repository: RepositoryRecord;
  digest: string;
  /** The tag scanned: the one requested, else the artifact's latest; empty for an untagged artifact. */
  tag: string;
  mimeType: string;
  summary: NativeReportSummary;
  externalUrl: string;
}

/**
 * src/controller/event/handler/webhook/scan/scan.go `constructScanImagePayload`: `scan.scan_type`, the
 * resource's `scan_overview` keyed by report MIME type (the same summary as the API's `scan_overview`), and
 * the repository without `date_created` (that handler does not read it).
 */
export function scanPayload(e: ScanEventInput): HarborWebhookPayload {
  const reference = e.tag || e.digest;
  const resource: HarborWebhookResource = {
    ...(e.tag ? { tag: e.tag } : {}),
    digest: e.digest,
    resource_url: resourceUrl(e.externalUrl, e.repository.name, reference),
    scan_overview: { [e.mimeType]: e.summary },
  };
  return {
    type: e.type,
    occur_at: unixSeconds(e.occurAt),
    operator: e.operator,
    event_data: {
      resources: [resource],
      repository: repositoryOf(e.project, e.repository.name),
      scan: { scan_type: 'vulnerability' },
    },
  };
}

/** What a quota event says. */
export interface QuotaEventInput {
  type: 'QUOTA_EXCEED' | 'QUOTA_WARNING';
  occurAt: number;
  operator: string;
  project: ProjectRecord;
  repoFullName: string;
  digest?: string;
  tag?: string;
  message: string;
}

/**
 * src/controller/event/handler/webhook/quota/quota.go `constructQuotaPayload`: the message under
 * `custom_attributes.Details`, a resource with only tag and digest, no `date_created`.
 */
export function quotaPayload(e: QuotaEventInput): HarborWebhookPayload {
  const hasResource = Boolean(e.tag || e.digest);
  return {
    type: e.type,
    occur_at: unixSeconds(e.occurAt),
    operator: e.operator,
    event_data: {
      ...(hasResource
        ? {
            resources: [
              {
                ...(e.digest ? { digest: e.digest } : {}),
                ...(e.tag ? { tag: e.tag } : {}),
              },
            ],
          }
        : {}),
      repository: repositoryOf(e.project, e.repoFullName),
      custom_attributes: { Details: e.message },
    },
  };
}

/** src/pkg/quota/types/format.go `byteCountToDisplaySize`. */
export function byteCountToDisplaySize(value: number): string {
  if (value < 1024) return `${value} B`;
  let div = 1024;
  let exp = 0;
  for (let n = Math.floor(value / 1024); n >= 1024; n = Math.floor(n / 1024)) {
    div *= 1024;
    exp++;
  }
  return `${(value / div).toFixed(1)} ${'KMGTPE'[exp]}iB`;
}

/**
 * The tag a scan event names (src/controller/scan/base_controller.go `Scan`): the tag scanned by, else the
 * artifact's latest tag, else none.
 */
export function scannedTag(
  artifact: ArtifactRecord,
  reference: string,
): string {
  if (!DIGEST.test(reference)) return reference;
  const latest = [...artifact.tags].sort((a, b) =>
    b.push_time.localeCompare(a.push_time),
  )[0];
  return latest?.name ?? '';
}
