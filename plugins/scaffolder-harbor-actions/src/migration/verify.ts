import type { HarborClient } from '@backstage-harbor/plugin-harbor-node';
import type { DockerRegistryRepository } from '@backstage-harbor/plugin-harbor-node';
import { isError } from '@backstage/errors';
import pLimit from 'p-limit';
import type { PlannedRepository } from './mapping';

/** Tags of one repository in the old registry compared with its Harbor repository. */
export interface RepositoryVerification {
  source: string;
  target: string;
  /** Tags in the old registry. */
  tags: number;
  /** Tags in Harbor on the artifact with the same digest. */
  matching: number;
  /** Tags of the old registry that Harbor does not have. */
  missing: string[];
  /** Tags Harbor has on an artifact with another digest. */
  mismatched: string[];
}

export interface MigrationVerification {
  repositories: RepositoryVerification[];
  matchingTags: number;
  missingTags: number;
  mismatchedTags: number;
  /** Every tag of every mapped repository is in Harbor with the same digest. */
  complete: boolean;
}

/**
 * Compares the tags and digests of the mapped repositories on both sides: the old registry's from its
 * inventory (with digests), Harbor's from the artifacts of the target repositories. A Harbor repository that
 * does not exist yet has every tag missing.
 */
export async function verifyMigration(
  harbor: HarborClient,
  planned: PlannedRepository[],
  source: Map<string, DockerRegistryRepository>,
  concurrency = 4,
): Promise<MigrationVerification> {
  const limit = pLimit(concurrency);
  const repositories = await Promise.all(
    planned.map(p =>
      limit(async (): Promise<RepositoryVerification> => {
        const inSource = source.get(p.source);
        const digests = inSource?.digests ?? {};
        const tags = inSource?.tags ?? [];
        const inHarbor = new Map<string, string>();
        try {
          const artifacts = await harbor.listArtifacts(p.project, p.target, {
            with_tag: true,
          });
          for (const artifact of artifacts) {
            for (const tag of artifact.tags ?? []) {
              if (tag.name && artifact.digest)
                inHarbor.set(tag.name, artifact.digest);
            }
          }
        } catch (error) {
          if (!(isError(error) && error.name === 'NotFoundError')) throw error;
        }
        const missing: string[] = [];
        const mismatched: string[] = [];
        for (const tag of tags) {
          const there = inHarbor.get(tag);
          if (!there) missing.push(tag);
          else if (digests[tag] && there !== digests[tag]) mismatched.push(tag);
        }
        return {
          source: p.source,
          target: p.target,
          tags: tags.length,
          matching: tags.length - missing.length - mismatched.length,
          missing,
          mismatched,
        };
      }),
    ),
  );
  const sum = (f: (r: RepositoryVerification) => number) =>
    repositories.reduce((total, r) => total + f(r), 0);
  const missingTags = sum(r => r.missing.length);
  const mismatchedTags = sum(r => r.mismatched.length);
  return {
    repositories,
    matchingTags: sum(r => r.matching),
    missingTags,
    mismatchedTags,
    complete: missingTags === 0 && mismatchedTags === 0,
  };
}
