import {
  ACCESSORY_COSIGN_SIGNATURE,
  ACCESSORY_HARBOR_SBOM,
  ACCESSORY_NOTATION_SIGNATURE,
  recordAuditLog,
} from '../auditLog';
import { HarborClock, isoTime } from '../clock';
import { HarborError } from '../errors';
import {
  AccessoryRecord,
  ArtifactRecord,
  HarborState,
  ProjectRecord,
  RepositoryRecord,
  ScanRecord,
  ScannerInfo,
  VULNERABILITY_REPORT_V11,
  VulnerabilityRecord,
} from '../state';
import { ensureRepository } from './projects';

export const TRIVY: ScannerInfo = {
  name: 'Trivy',
  vendor: 'Aqua Security',
  version: 'v0.50.1',
};

export const DOCKER_MANIFEST_V2 =
  'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_IMAGE_CONFIG =
  'application/vnd.docker.container.image.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';

/** @public */
export interface NewArtifact {
  project: string;
  /** Repository name without the project, e.g. `team/app`. */
  repository: string;
  tags?: string[];
  size?: number;
  digest?: string;
  /** Push time; defaults to the clock. */
  pushTime?: number | string;
  architecture?: string;
  /** What a scan of this artifact finds. */
  vulnerabilities?: VulnerabilityRecord[];
  /** An existing report. Omit for "never scanned". */
  scan?: {
    mimeType?: string;
    status?: ScanRecord['status'];
    scanner?: ScannerInfo;
    /** Defaults to `vulnerabilities`. */
    vulnerabilities?: VulnerabilityRecord[];
  };
  mediaType?: string;
  labels?: number[];
  /** A cosign signature accessory (`signature.cosign`). */
  signed?: boolean;
  /** A notation signature accessory (`signature.notation`). */
  notationSigned?: boolean;
  /** An SBOM accessory, as Harbor's SBOM generation attaches (`harbor.sbom`). */
  sbom?: boolean;
  /** Who pushed, for the audit log; default `admin`. */
  operator?: string;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  return `${bytes} B`;
}

/** Harbor's 403 DENIED when a push takes the project over its storage quota; nothing is stored then. */
function requireQuota(
  state: HarborState,
  project: ProjectRecord,
  size: number,
) {
  const quota = state.quotaOfProject(project.project_id);
  const used = state.projectStorageUsed(project.project_id);
  if (quota && quota.hard >= 0 && used + size > quota.hard) {
    throw new HarborError(
      403,
      'DENIED',
      `adding ${formatBytes(
        size,
      )} of storage resource, which when updated to current usage of ${formatBytes(
        used,
      )} will exceed the configured upper limit of ${formatBytes(quota.hard)}.`,
    );
  }
}

/** The report an earlier scan left, when `input.scan` says there is one. */
function scanRecord(
  state: HarborState,
  input: NewArtifact,
  pushMs: number,
): ScanRecord[] {
  if (!input.scan) return [];
  const status = input.scan.status ?? 'Success';
  return [
    {
      mimeType: input.scan.mimeType ?? VULNERABILITY_REPORT_V11,
      report_id: state.random.uuid(),
      status,
      scanner: input.scan.scanner ?? TRIVY,
      start_time: isoTime(pushMs + 60_000),
      end_time: isoTime(pushMs + 95_000),
      vulnerabilities:
        status === 'Success'
          ? input.scan.vulnerabilities ?? input.vulnerabilities ?? []
          : [],
    },
  ];
}

/** Signatures and SBOMs attached after the push. */
function accessoryRecords(
  state: HarborState,
  input: NewArtifact,
  pushMs: number,
): AccessoryRecord[] {
  const accessories: Array<[boolean | undefined, string, number]> = [
    [input.signed, ACCESSORY_COSIGN_SIGNATURE, 1_342],
    [input.notationSigned, ACCESSORY_NOTATION_SIGNATURE, 2_187],
    [input.sbom, ACCESSORY_HARBOR_SBOM, 48_911],
  ];
  return accessories
    .filter(([wanted]) => wanted)
    .map(([, type, size]) => ({
      id: state.ids.accessory.next(),
      digest: state.random.digest(),
      size,
      type,
      creation_time: isoTime(pushMs + 30_000),
    }));
}

function artifactRecord(
  state: HarborState,
  repository: RepositoryRecord,
  input: NewArtifact,
  pushMs: number,
): ArtifactRecord {
  const pushTime = isoTime(pushMs);
  return {
    id: state.ids.artifact.next(),
    project_id: repository.project_id,
    repository_id: repository.id,
    digest: input.digest ?? state.random.digest(),
    size: input.size ?? 12 * MiB,
    type: 'IMAGE',
    media_type: input.mediaType ?? DOCKER_IMAGE_CONFIG,
    manifest_media_type:
      input.mediaType === OCI_IMAGE_CONFIG ? OCI_MANIFEST : DOCKER_MANIFEST_V2,
    push_time: pushTime,
    pull_time: pushTime,
    tags: (input.tags ?? []).map(name => ({
      id: state.ids.tag.next(),
      name,
      push_time: pushTime,
      pull_time: pushTime,
    })),
    extra_attrs: {
      architecture: input.architecture ?? 'amd64',
      os: 'linux',
      author: '',
      created: isoTime(pushMs - 3_600_000),
      config: {
        Env: [
          'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        ],
        Labels: {
          'org.opencontainers.image.source': `https://git.example.com/${repository.name}`,
        },
      },
    },
    labels: input.labels ?? [],
    scans: [],
    latent_vulnerabilities: input.vulnerabilities ?? [],
    accessories: [],
  };
}

/**
 * Adds an artifact as a push would. A push that takes the project over its storage quota is refused with
 * Harbor's 403 DENIED quota message, and nothing is stored.
 */
export function pushArtifact(
  state: HarborState,
  clock: HarborClock,
  input: NewArtifact,
): ArtifactRecord {
  const project = state.projectByName(input.project);
  if (!project) {
    throw new HarborError(
      404,
      'NOT_FOUND',
      `project ${input.project} not found`,
    );
  }
  requireQuota(state, project, input.size ?? 12 * MiB);
  const repository = ensureRepository(state, clock, project, input.repository);
  const pushMs =
    input.pushTime === undefined
      ? clock.now()
      : new Date(input.pushTime).getTime();
  const artifact = artifactRecord(state, repository, input, pushMs);
  // Moving a tag to a new artifact, as a push of an existing tag does.
  for (const other of state.artifactsOfRepository(repository.id)) {
    other.tags = other.tags.filter(t => !(input.tags ?? []).includes(t.name));
  }
  artifact.scans = scanRecord(state, input, pushMs);
  artifact.accessories = accessoryRecords(state, input, pushMs);
  state.artifacts.push(artifact);
  repository.update_time = artifact.push_time;
  recordAuditLog(state, {
    projectId: project.project_id,
    username: input.operator ?? 'admin',
    resource: artifact.tags.length
      ? `${repository.name}:${artifact.tags[0].name}`
      : `${repository.name}@${artifact.digest}`,
    resourceType: 'artifact',
    operation: 'create',
    time: pushMs,
  });
  return artifact;
}
