import { doublestarMatch } from './doublestar';

// The cases follow github.com/bmatcuk/doublestar's own Match tests, as Harbor's filters and selectors use it.
describe('doublestar patterns', () => {
  it.each([
    // `*` and `?` stay inside one path component.
    ['team-a/*', 'team-a/api', true],
    ['team-a/*', 'team-a/tools/cli', false],
    ['a*b', 'a/b', false],
    ['team-?/api', 'team-a/api', true],
    ['a?b', 'a/b', false],
    ['1.?', '1.10', false],
    ['*', '', true],
    // `**` as a whole component spans any number of components, none included.
    ['team-a/**', 'team-a/tools/cli', true],
    ['team-a/**', 'team-b/api', false],
    ['a/**', 'a', true],
    ['**', 'a/b/c', true],
    ['**/cli', 'cli', true],
    ['**/cli', 'team-b/tools/cli', true],
    ['**/c', 'a/abc', false],
    ['a/**/b', 'a/b', true],
    ['a/**/d', 'a/b/c/d', true],
    // Inside a component `**` is only `*`.
    ['abc**', 'abc/b', false],
    ['abc**', 'abcdef', true],
    // Character classes, negated with `!` or `^`.
    ['v[0-9]', 'v1', true],
    ['v[!0-9]', 'v1', false],
    ['ab[^c]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a[^a]b', 'a/b', false],
    // Alternatives, also across slashes and with an empty one.
    ['ab{c,d}', 'abc', true],
    ['ab{c,d,*}', 'abcde', true],
    ['{team-a/api,team-a/web}', 'team-a/web', true],
    ['{team-a/api,team-a/web}', 'team-a/webs', false],
    ['release.{1,2}*', 'release.2a', true],
    ['{v,}[0-9]*', 'v2.3.1', true],
    ['{v,}[0-9]*', '2.3.1', true],
    ['{v,}[0-9]*', 'latest', false],
    // `\` escapes the next character; `.` and other RegExp characters are literal.
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a/\\**', 'a/b/c', false],
    ['v1.0', 'v1x0', false],
    ['\\{a,b\\}', '{a,b}', true],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(doublestarMatch(pattern, value)).toBe(expected);
  });

  it('matches everything with an empty pattern, as Harbor does before calling doublestar', () => {
    expect(doublestarMatch('', 'team-a/api')).toBe(true);
  });

  it('matches nothing with a pattern that is not a valid class', () => {
    expect(doublestarMatch('[z-a]', 'b')).toBe(false);
  });
});
