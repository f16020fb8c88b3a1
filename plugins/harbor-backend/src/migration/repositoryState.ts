import type {
  MigrationRepositoryState,
  MigrationTag,
} from '@backstage-harbor/plugin-harbor-common';

/**
 * A repository's state from its tags: a digest mismatch is the worst (Harbor serves another image under the old
 * tag), then none there (`not-replicated`), then some missing. A repository without tags has nothing to move.
 */
export function repositoryState(
  tags: MigrationTag[],
): MigrationRepositoryState {
  if (tags.some(t => t.state === 'mismatched')) return 'digest-mismatch';
  const missing = tags.filter(t => t.state === 'missing').length;
  if (missing === 0) return 'migrated';
  return missing === tags.length ? 'not-replicated' : 'missing-tags';
}
