import { SEVERITIES } from './severity';
import type {
  EntityImages,
  HarborArtifact,
  HarborRepositoryImages,
} from './types';

/** The latest artifact of one repository. @public */
export interface LatestArtifact {
  repository: HarborRepositoryImages;
  /** `project/repository`. */
  repositoryPath: string;
  artifact: HarborArtifact;
}

/**
 * Orders artifacts by their findings, least severe first: counts compare severity by severity from Critical down,
 * so 1 Critical outranks 500 High. Artifacts without a scan report come before every scanned one, since their
 * findings are unknown rather than zero.
 * @public
 */
export function compareArtifactSeverity(
  a: HarborArtifact,
  b: HarborArtifact,
): number {
  const aScanned = a.scan.status === 'success';
  const bScanned = b.scan.status === 'success';
  if (aScanned !== bScanned) return aScanned ? 1 : -1;
  if (!aScanned) return 0;
  for (const severity of SEVERITIES) {
    const difference = a.scan.counts[severity] - b.scan.counts[severity];
    if (severity !== 'None' && difference !== 0) return difference;
  }
  return 0;
}

function pushed(artifact: HarborArtifact): number {
  const time = artifact.pushTime ? Date.parse(artifact.pushTime) : NaN;
  return Number.isNaN(time) ? 0 : time;
}

/**
 * The most recently pushed artifact of each repository, worst first: what is about to run is what matters, not an
 * old tag nobody deploys. Repositories without artifacts are left out.
 * @public
 */
export function latestArtifacts(images: EntityImages): LatestArtifact[] {
  return images.repositories
    .filter(repository => repository.artifacts.length > 0)
    .map(repository => ({
      repository,
      repositoryPath: `${repository.project}/${repository.repository}`,
      artifact: repository.artifacts.reduce((latest, artifact) =>
        pushed(artifact) > pushed(latest) ? artifact : latest,
      ),
    }))
    .sort(
      (a, b) =>
        compareArtifactSeverity(b.artifact, a.artifact) ||
        a.repositoryPath.localeCompare(b.repositoryPath),
    );
}
