/**
 * Harbor's replication filters for a `docker-registry` source (src: pkg/reg/filter, pkg/reg/util/pattern.go,
 * adapter/native): `name` and `tag` patterns use doublestar v1 globs, `decoration: excludes` negates, and a
 * `resource` filter keeps images only (a plain registry holds nothing else Harbor replicates).
 */

import { doublestarMatch } from '@backstage-harbor/plugin-harbor-node';
import { isBadPattern } from '../errors';

/** A filter as stored on a replication policy. */
export interface PolicyFilter {
  type?: string;
  value?: unknown;
  decoration?: string;
}

/**
 * Harbor's `util.IsSpecificPath`: a name pattern without `*`, `?` or `[`, whose braces (if any) each make a
 * whole path component, names the repositories itself, so the adapter skips `/v2/_catalog`. Returns the names,
 * or `undefined` when the catalog is needed.
 */
export function specificPaths(pattern: string): string[] | undefined {
  if (!pattern) return undefined;
  let paths = [''];
  for (const component of pattern.split('/')) {
    if (/[*?[]/.test(component)) return undefined;
    let options = [component];
    if (/[{}]/.test(component)) {
      if (!component.startsWith('{') || !component.endsWith('}'))
        return undefined;
      options = component.slice(1, -1).split(',');
      if (options.some(o => !o || /[{}]/.test(o))) return undefined;
    }
    paths = paths.flatMap(prefix =>
      options.map(o => (prefix ? `${prefix}/${o}` : o)),
    );
  }
  return paths;
}

function patternOf(filter: PolicyFilter | undefined): string | undefined {
  return typeof filter?.value === 'string' && filter.value !== ''
    ? filter.value
    : undefined;
}

/**
 * Harbor accepts any pattern in a policy (pkg/reg/model Filter.Validate checks only its type); a malformed one
 * fails the run when a name reaches it, with doublestar's `ErrBadPattern` (Go's path.ErrBadPattern text).
 */
function passes(filter: PolicyFilter | undefined, value: string): boolean {
  const pattern = patternOf(filter);
  if (!pattern) return true;
  let matched: boolean;
  try {
    matched = doublestarMatch(pattern, value);
  } catch (error) {
    if (isBadPattern(error)) throw new Error('syntax error in pattern');
    throw error;
  }
  return filter?.decoration === 'excludes' ? !matched : matched;
}

/** The first filter of a type, as Harbor's adapter reads it. */
export function filterOf(
  filters: PolicyFilter[] | undefined,
  type: string,
): PolicyFilter | undefined {
  return (filters ?? []).find(f => f.type === type);
}

/** The repository names the name filter selects. */
export function selectRepositories(
  names: string[],
  filters: PolicyFilter[] | undefined,
): string[] {
  const filter = filterOf(filters, 'name');
  return names.filter(name => passes(filter, name));
}

/** The tags the tag filter selects. */
export function selectTags(
  tags: string[],
  filters: PolicyFilter[] | undefined,
): string[] {
  const filter = filterOf(filters, 'tag');
  return tags.filter(tag => passes(filter, tag));
}

/** A docker-registry source only has images: a resource filter for anything else selects nothing. */
export function selectsImages(filters: PolicyFilter[] | undefined): boolean {
  const filter = filterOf(filters, 'resource');
  const value = patternOf(filter);
  if (!value) return true;
  const isImage = value === 'image' || value === 'artifact';
  return filter?.decoration === 'excludes' ? !isImage : isImage;
}
