import { globMatch, selectTags, selectsImages, specificPaths } from './filters';
import { destinationRepository } from './naming';

describe("Harbor's doublestar name and tag patterns", () => {
  it('keeps * and ? inside one path component and lets ** span any number', () => {
    expect(globMatch('team-a/*', 'team-a/api')).toBe(true);
    expect(globMatch('team-a/*', 'team-a/tools/cli')).toBe(false);
    expect(globMatch('team-a/**', 'team-a/tools/cli')).toBe(true);
    expect(globMatch('team-a/**', 'team-b/api')).toBe(false);
    expect(globMatch('**', 'a/b/c')).toBe(true);
    expect(globMatch('**/cli', 'cli')).toBe(true);
    expect(globMatch('**/cli', 'team-b/tools/cli')).toBe(true);
    expect(globMatch('team-?/api', 'team-a/api')).toBe(true);
    expect(globMatch('1.?', '1.10')).toBe(false);
  });

  it('expands {a,b} alternatives across slashes and [] classes', () => {
    const filter = '{team-a/api,team-a/web}';
    expect(globMatch(filter, 'team-a/api')).toBe(true);
    expect(globMatch(filter, 'team-a/web')).toBe(true);
    expect(globMatch(filter, 'team-a/webs')).toBe(false);
    expect(globMatch('v[0-9]', 'v1')).toBe(true);
    expect(globMatch('v[!0-9]', 'v1')).toBe(false);
    expect(globMatch('release.{1,2}*', 'release.2a')).toBe(true);
  });

  it('honours excludes and passes everything without a pattern', () => {
    expect(
      selectTags(
        ['1.0', 'dev-1', 'latest'],
        [{ type: 'tag', value: 'dev-*', decoration: 'excludes' }],
      ),
    ).toEqual(['1.0', 'latest']);
    expect(selectTags(['a'], [])).toEqual(['a']);
    expect(selectsImages([{ type: 'resource', value: 'image' }])).toBe(true);
    expect(selectsImages([{ type: 'resource', value: 'chart' }])).toBe(false);
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
