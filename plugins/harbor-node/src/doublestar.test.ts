import { InputError } from '@backstage/errors';
import { doublestarMatch } from './doublestar';

// Cases from github.com/bmatcuk/doublestar v1.3.4's own table (doublestar_test.go), the version Harbor matches with.
describe('doublestarMatch', () => {
  it.each([
    ['**', '', true],
    ['**', 'team-a/x/api', true],
    ['a/**', 'a/b', true],
    ['a/**', 'a/b/c', true],
    // Unlike doublestar v4, v1 needs a component after `a/`.
    ['a/**', 'a', false],
    ['**/c', 'c', true],
    ['**/c', 'a/b/c', true],
    ['**/c', 'a/abc', false],
    ['a/**/b', 'a/b', true],
    ['a/**/d', 'a/b/c/d', true],
    // `**` inside a component is a plain `*`.
    ['abc**', 'abc/b', false],
    ['abc**', 'abcd', true],
  ])('`**`: %s against %p is %p', (pattern, name, expected) => {
    expect(doublestarMatch(pattern, name)).toBe(expected);
  });

  it.each([
    ['*', 'abc', true],
    ['*', '', true],
    ['*', 'a/b', false],
    ['team-a/*', 'team-a/api', true],
    ['team-a/*', 'team-a/x/api', false],
    ['a*', 'a', true],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ])('`*`: %s against %p is %p', (pattern, name, expected) => {
    expect(doublestarMatch(pattern, name)).toBe(expected);
  });

  it.each([
    ['v1.?', 'v1.0', true],
    ['v1.?', 'v1.10', false],
    ['a?b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['a?b', 'a/b', false],
  ])('`?`: %s against %p is %p', (pattern, name, expected) => {
    expect(doublestarMatch(pattern, name)).toBe(expected);
  });

  it.each([
    ['v2.[4-7].*', 'v2.7.0', true],
    ['v2.[4-7].*', 'v2.8.0', false],
    ['ab[^c]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    // v1 negates with `^` only: `!` is a member of the class.
    ['[!a]', '!', true],
    ['[!a]', 'b', false],
    ['[\\]a]', ']', true],
    ['[x\\-]', '-', true],
    ['[a-ζ]*', 'α', true],
  ])('`[...]`: %s against %p is %p', (pattern, name, expected) => {
    expect(doublestarMatch(pattern, name)).toBe(expected);
  });

  it.each([
    // The form harbor:migration:replicate writes: whole repository names, '/' inside the braces.
    ['{team-a/api,team-a/web}', 'team-a/web', true],
    ['{team-a/api,team-a/web}', 'team-a/api2', false],
    ['{team-a/api,team-a/web}', 'team-a', false],
    ['{library,harbor}/**', 'harbor/hello-world', true],
    ['ab{c,d,*}', 'abcde', true],
    ['a{,bc}', 'a', true],
    ['{a/{b,c},abc}', 'a/c', true],
    ['{a/{b,c},abc}', 'a/b/c', false],
  ])('`{a,b}`: %s against %p is %p', (pattern, name, expected) => {
    expect(doublestarMatch(pattern, name)).toBe(expected);
  });

  it.each([
    ['legacy.app', 'legacyxapp', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a/\\**', 'a/*x', true],
    ['a/\\**', 'a/b/c', false],
    ['\\{a,b\\}', '{a,b}', true],
    ['\\[x]', '[x]', true],
  ])('escapes and literals: %s against %p is %p', (pattern, name, expected) => {
    expect(doublestarMatch(pattern, name)).toBe(expected);
  });

  it('takes every name with an empty pattern, as Harbor does', () => {
    expect(doublestarMatch('', 'team-a/api')).toBe(true);
  });

  it.each(['[', '[^bc', '[]a]', '[x-]', '[a-b-c]', '\\', 'ab{c,d', 'a[', '*['])(
    'refuses %p as Harbor does, naming it',
    pattern => {
      expect(() => doublestarMatch(pattern, 'ab')).toThrow(InputError);
      expect(() => doublestarMatch(pattern, 'ab')).toThrow(`'${pattern}'`);
    },
  );

  it('refuses a bad pattern only where the matcher reaches it, as doublestar does', () => {
    // The name is used up before the `[`: doublestar reports no match rather than an error.
    expect(doublestarMatch('a[', 'a')).toBe(false);
  });
});
