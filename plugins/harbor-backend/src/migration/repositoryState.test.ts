import type { MigrationTag } from '@backstage-harbor/plugin-harbor-common';
import { repositoryState } from './repositoryState';

const tag = (state: MigrationTag['state']): MigrationTag => ({
  tag: state,
  state,
});

describe('repositoryState', () => {
  it('is migrated when every tag matches, or there are none', () => {
    expect(repositoryState([tag('matching'), tag('matching')])).toBe(
      'migrated',
    );
    expect(repositoryState([])).toBe('migrated');
  });

  it('puts a digest mismatch before missing tags', () => {
    expect(repositoryState([tag('missing'), tag('mismatched')])).toBe(
      'digest-mismatch',
    );
  });

  it('tells missing tags from nothing replicated', () => {
    expect(repositoryState([tag('matching'), tag('missing')])).toBe(
      'missing-tags',
    );
    expect(repositoryState([tag('missing'), tag('missing')])).toBe(
      'not-replicated',
    );
  });
});
