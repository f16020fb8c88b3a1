import { isHarborProjectName } from './projectName';
import type { Entity } from '@backstage/catalog-model';

/**
 * The Harbor repositories of an entity, as the existing Harbor plugins accept it:
 * `project/repo`, `host/project/repo` or nested `project/team/app`, several separated by commas.
 * @public
 */
export const HARBOR_REPOSITORY_SLUG_ANNOTATION = 'goharbor.io/repository-slug';

/**
 * Names the configured Harbor instance explicitly. With it, a slug never starts with a host, which removes the
 * ambiguity between `host/project/repo` and a nested `project/team/repo`.
 * @public
 */
export const HARBOR_INSTANCE_ANNOTATION = 'goharbor.io/instance';

/** One Harbor repository that an entity names. @public */
export interface HarborRepositoryRef {
  /** The configured instance name, or the registry host written in the slug; absent means the default instance. */
  instance?: string;
  /** The Harbor project. */
  project: string;
  /** The repository inside the project, without the project prefix (may contain slashes). */
  repository: string;
}

// The distribution spec's path component rule, which Harbor applies to repository names.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** Thrown for an annotation value that names no valid repository. @public */
export class InvalidRepositorySlugError extends Error {
  name = 'InvalidRepositorySlugError';
}

/** Whether the first segment of a reference is a registry host, by the Docker reference convention. */
function looksLikeHost(segment: string): boolean {
  return (
    segment.includes('.') || segment.includes(':') || segment === 'localhost'
  );
}

/**
 * Parses the value of {@link HARBOR_REPOSITORY_SLUG_ANNOTATION}.
 * @param instance - the value of {@link HARBOR_INSTANCE_ANNOTATION}, if the entity has it
 * @public
 */
export function parseRepositorySlugs(
  value: string,
  instance?: string,
): HarborRepositoryRef[] {
  const entries = value
    .split(',')
    .map(entry => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new InvalidRepositorySlugError(
      `${HARBOR_REPOSITORY_SLUG_ANNOTATION} is empty; write it as project/repository`,
    );
  }
  const refs = entries.map(entry =>
    parseOne(entry, instance?.trim() || undefined),
  );
  const seen = new Set<string>();
  return refs.filter(ref => {
    const key = `${ref.instance ?? ''}|${ref.project}/${ref.repository}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseOne(
  entry: string,
  instance: string | undefined,
): HarborRepositoryRef {
  const segments = entry.split('/');
  let host: string | undefined;
  if (!instance && segments.length >= 3 && looksLikeHost(segments[0])) {
    host = segments.shift();
  }
  if (segments.length < 2) {
    throw new InvalidRepositorySlugError(
      `${HARBOR_REPOSITORY_SLUG_ANNOTATION} entry "${entry}" must name a project and a repository, as project/repository`,
    );
  }
  const [project, ...path] = segments;
  if (!isHarborProjectName(project)) {
    throw new InvalidRepositorySlugError(
      `${HARBOR_REPOSITORY_SLUG_ANNOTATION} entry "${entry}": "${project}" is not a Harbor project name (lower-case letters, digits, and single '.', '_' or '-' between them)`,
    );
  }
  const bad = path.find(component => !PATH_COMPONENT.test(component));
  if (bad !== undefined) {
    throw new InvalidRepositorySlugError(
      `${HARBOR_REPOSITORY_SLUG_ANNOTATION} entry "${entry}": "${bad}" is not a valid repository path component (lower-case letters and digits, joined by '.', '_', '__' or dashes)`,
    );
  }
  return { instance: instance ?? host, project, repository: path.join('/') };
}

/**
 * The Harbor repositories an entity names, or an empty list when it has no annotation.
 * @public
 */
export function getEntityRepositories(entity: Entity): HarborRepositoryRef[] {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations[HARBOR_REPOSITORY_SLUG_ANNOTATION];
  if (slug === undefined) return [];
  return parseRepositorySlugs(slug, annotations[HARBOR_INSTANCE_ANNOTATION]);
}

/** Whether the entity names any Harbor repository. @public */
export function isHarborAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[HARBOR_REPOSITORY_SLUG_ANNOTATION]?.trim(),
  );
}

/**
 * Whether an entity is served by a Harbor instance: it names repositories or an instance. Apps add other entities,
 * such as the registry's System, through the registry health card's `filter` config or an override.
 * @public
 */
export function isHarborEntity(entity: Entity): boolean {
  return (
    isHarborAvailable(entity) ||
    Boolean(entity.metadata.annotations?.[HARBOR_INSTANCE_ANNOTATION])
  );
}
