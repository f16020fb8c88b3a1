import pLimit from 'p-limit';
import type { HarborClient } from '../client/HarborClient';
import { isHarborNotFound } from '../client/errors';
import type { DockerRegistryRepository } from '../registry';
import type { PlannedRepository } from './mapping';

/**
 * One tag of the old registry against Harbor: `matching` when Harbor has it on the same digest, `mismatched` on
 * another digest, `missing` when Harbor does not have it.
 * @public
 */
export interface TagComparison {
  tag: string;
  /** The manifest digest in the old registry, when the inventory read digests. */
  sourceDigest?: string;
  /** The digest of the Harbor artifact carrying the tag. */
  harborDigest?: string;
  state: 'matching' | 'missing' | 'mismatched';
}

/** Tags of one repository in the old registry compared with its Harbor repository. @public */
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

/** @public */
export interface MigrationVerification {
  repositories: RepositoryVerification[];
  matchingTags: number;
  missingTags: number;
  mismatchedTags: number;
  /** Every tag of every mapped repository is in Harbor with the same digest. */
  complete: boolean;
}

/**
 * Tag → digest of a Harbor repository, or `undefined` when Harbor has no such repository (nothing replicated yet).
 * @public
 */
export async function readHarborTags(
  harbor: HarborClient,
  project: string,
  repository: string,
): Promise<Map<string, string> | undefined> {
  const inHarbor = new Map<string, string>();
  try {
    const artifacts = await harbor.artifacts.list(project, repository, {
      with_tag: true,
    });
    for (const artifact of artifacts) {
      for (const tag of artifact.tags ?? []) {
        if (tag.name && artifact.digest)
          inHarbor.set(tag.name, artifact.digest);
      }
    }
  } catch (error) {
    if (isHarborNotFound(error)) return undefined;
    throw error;
  }
  return inHarbor;
}

/**
 * Compares every tag of the old registry's repository with Harbor's, in the old registry's tag order. A tag
 * without a known source digest counts as matching when Harbor has it (the inventory was read without digests).
 * @public
 */
export function compareTags(
  source: Pick<DockerRegistryRepository, 'tags' | 'digests'> | undefined,
  inHarbor: Map<string, string> | undefined,
): TagComparison[] {
  const digests = source?.digests ?? {};
  return (source?.tags ?? []).map(tag => {
    const sourceDigest = digests[tag];
    const harborDigest = inHarbor?.get(tag);
    let state: TagComparison['state'] = 'matching';
    if (!harborDigest) state = 'missing';
    else if (sourceDigest && harborDigest !== sourceDigest)
      state = 'mismatched';
    return { tag, sourceDigest, harborDigest, state };
  });
}

/**
 * Compares the tags and digests of the mapped repositories on both sides: the old registry's from its
 * inventory (with digests), Harbor's from the artifacts of the target repositories. A Harbor repository that
 * does not exist yet has every tag missing.
 * @public
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
        const inHarbor = await readHarborTags(harbor, p.project, p.target);
        const compared = compareTags(source.get(p.source), inHarbor);
        const tagsIn = (state: TagComparison['state']) =>
          compared.filter(c => c.state === state).map(c => c.tag);
        const missing = tagsIn('missing');
        const mismatched = tagsIn('mismatched');
        return {
          source: p.source,
          target: p.target,
          tags: compared.length,
          matching: compared.length - missing.length - mismatched.length,
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
