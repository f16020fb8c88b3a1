import {
  selectRepositories,
  selectTags,
  selectsImages,
  specificPaths,
} from './filters';
import { destinationRepository } from './naming';

describe("Harbor's replication name and tag filters", () => {
  it('honours excludes and passes everything without a pattern', () => {
    expect(
      selectTags(
        ['1.0', 'dev-1', 'latest'],
        [{ type: 'tag', value: 'dev-*', decoration: 'excludes' }],
      ),
    ).toEqual(['1.0', 'latest']);
    expect(selectTags(['a'], [])).toEqual(['a']);
    // An empty pattern filters nothing, even as excludes (pkg/reg/filter returns early).
    expect(
      selectTags(['a'], [{ type: 'tag', value: '', decoration: 'excludes' }]),
    ).toEqual(['a']);
    expect(
      selectRepositories(
        ['team-a/api', 'team-a/tools/cli', 'team-b/api'],
        [{ type: 'name', value: 'team-a/**' }],
      ),
    ).toEqual(['team-a/api', 'team-a/tools/cli']);
    expect(selectsImages([{ type: 'resource', value: 'image' }])).toBe(true);
    expect(selectsImages([{ type: 'resource', value: 'chart' }])).toBe(false);
  });

  it("uses doublestar v1's globs, as Harbor does", () => {
    // v1 knows no `[!...]` (`!` is one more member of the class) and `a/**` needs something after `a/`.
    expect(
      selectTags(['v1', 'vx', 'v!'], [{ type: 'tag', value: 'v[!a-z]' }]),
    ).toEqual(['vx', 'v!']);
    expect(
      selectTags(['v1', 'vx'], [{ type: 'tag', value: 'v[^a-z]' }]),
    ).toEqual(['v1']);
    expect(
      selectRepositories(
        ['team-a', 'team-a/api'],
        [{ type: 'name', value: 'team-a/**' }],
      ),
    ).toEqual(['team-a/api']);
  });

  it('fails with doublestar\'s "syntax error in pattern" when a name reaches a malformed part', () => {
    const filters = [{ type: 'name', value: 'team-a/[' }];
    expect(() => selectRepositories(['team-a/api'], filters)).toThrow(
      /^syntax error in pattern$/,
    );
    // doublestar v1 finds the error only where matching gets to it: other names just do not match.
    expect(selectRepositories(['team-b/api'], filters)).toEqual([]);
    expect(() =>
      selectTags(
        ['v1'],
        [{ type: 'tag', value: 'v{1,2', decoration: 'excludes' }],
      ),
    ).toThrow('syntax error in pattern');
  });

  it('names the repositories of an exact pattern so the catalog is not needed', () => {
    expect(specificPaths('team-b/tools/cli')).toEqual(['team-b/tools/cli']);
    expect(specificPaths('team-a/{api,web}')).toEqual([
      'team-a/api',
      'team-a/web',
    ]);
    expect(specificPaths('{team-a/api,team-a/web}')).toBeUndefined();
    expect(specificPaths('team-a/*')).toBeUndefined();
    expect(specificPaths('')).toBeUndefined();
  });
});

describe("Harbor's destination names (replaceNamespace)", () => {
  it.each([
    [-1, 'n/image'],
    [0, 'n/a/b/c/image'],
    [1, 'n/b/c/image'],
    [3, 'n/image'],
  ])('replace count %i takes a/b/c/image to %s', (count, expected) => {
    expect(destinationRepository('a/b/c/image', 'n', count)).toBe(expected);
  });

  it('refuses a count deeper than the name, and a one-component destination', () => {
    expect(() => destinationRepository('a/b/c/image', 'n', 4)).toThrow(
      'the destination namespace flattening level is 4',
    );
    expect(() => destinationRepository('image', undefined, -1)).toThrow(
      'requires at least 2',
    );
    expect(destinationRepository('a/image', '', 1)).toBe('a/image');
  });
});
