import { pushArtifact } from '../builders';
import { HarborClock } from '../clock';
import { syntheticCves } from '../cves';
import { Prng } from '../prng';
import {
  ArtifactRecord,
  HarborState,
  VULNERABILITY_REPORT_V11,
} from '../state';

const MiB = 1024 ** 2;

/** @public */
export interface AddArtifactsOptions {
  project: string;
  repository: string;
  count: number;
  /** CVEs found in each scanned artifact. Default 5. */
  cvesPerArtifact?: number;
  /** Tag names are `${tagPrefix}${i}`; default `1.0.`. */
  tagPrefix?: string;
  /** Report MIME type of the scans; default the v1.1 type. */
  mimeType?: string;
  /** Share of artifacts that have a successful scan; default 1. */
  scannedRatio?: number;
  /** Seed of the PRNG, so two calls with the same options produce the same data. */
  seed?: string | number;
  size?: number;
}

/**
 * Adds `count` artifacts to a repository (created if missing), e.g. 250 or 1000 for paging tests and
 * benchmarks. The project's quota is set to unlimited first so a large batch is never refused.
 *
 * @public
 */
export function addArtifacts(
  state: HarborState,
  clock: HarborClock,
  options: AddArtifactsOptions,
): ArtifactRecord[] {
  const random = new Prng(
    options.seed ?? `${options.project}/${options.repository}`,
  );
  const project = state.projectByName(options.project);
  if (!project) {
    throw new Error(`addArtifacts: project ${options.project} does not exist`);
  }
  const quota = state.quotaOfProject(project.project_id);
  if (quota) quota.hard = -1;
  const out: ArtifactRecord[] = [];
  const base = clock.now() - options.count * 3_600_000;
  for (let i = 0; i < options.count; i++) {
    const vulnerabilities = syntheticCves(random, options.cvesPerArtifact ?? 5);
    const scanned = random.next() < (options.scannedRatio ?? 1);
    out.push(
      pushArtifact(state, clock, {
        project: options.project,
        repository: options.repository,
        tags: [`${options.tagPrefix ?? '1.0.'}${i}`],
        size: options.size ?? random.int(20, 400) * MiB,
        digest: random.digest(),
        pushTime: base + i * 3_600_000,
        vulnerabilities,
        scan: scanned
          ? { mimeType: options.mimeType ?? VULNERABILITY_REPORT_V11 }
          : undefined,
      }),
    );
  }
  return out;
}
