import { InputError } from '@backstage/errors';

/*
 * Harbor's glob patterns: replication `name`/`tag` filters (src/pkg/reg/util/pattern.go `Match`) and the
 * `doublestar` selectors of retention and immutability rules call github.com/bmatcuk/doublestar's `Match`, v1
 * (v1.3.4 since Harbor 2.9.5 and 2.10.3, goharbor/harbor#20442). This is a port of that version's matcher rather
 * than a translation to a RegExp, so that its corners hold too: `a/**` does not match `a`, `[!x]` is no negation
 * (`[^x]` is), a `*` followed by more than a zero-length rest never matches the empty rest, and a malformed
 * pattern is an error (Harbor then fails the replication or retention run) instead of a literal.
 */

/** doublestar's `ErrBadPattern`. */
class BadPattern extends Error {}

/** The code point at `i` and how many UTF-16 units it takes (Go's `utf8.DecodeRuneInString`). */
function runeAt(s: string, i: number): { rune: number; size: number } {
  const rune = s.codePointAt(i) ?? -1;
  return { rune, size: rune > 0xffff ? 2 : 1 };
}

const BACKSLASH = 0x5c;

/** The first `char` at or after `from` not escaped by the `\` right before it. */
function indexWithEscaping(s: string, char: string, from = 0): number {
  const end = s.indexOf(char, from);
  if (end > 0 && s.charCodeAt(end - 1) === BACKSLASH) {
    return indexWithEscaping(s, char, end + 1);
  }
  return end;
}

/** The alternatives of `{...}` (nested braces and escapes kept) and the index after its closing brace. */
function splitAlternatives(
  s: string,
): { options: string[]; end: number } | undefined {
  const options: string[] = [];
  let depth = 1;
  let escaped = false;
  let start = 0;
  let i = 0;
  while (depth > 0) {
    if (i >= s.length) return undefined;
    const c = s[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 1) {
      options.push(s.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  options.push(s.slice(start, i - 1));
  return { options, end: i };
}

/** Whether the pattern can match nothing at all: `''`, `*`, `**`, or alternatives with an empty one. */
function isZeroLength(pattern: string): boolean {
  if (pattern === '' || pattern === '*' || pattern === '**') return true;
  if (pattern[0] !== '{') return false;
  const split = splitAlternatives(pattern.slice(1));
  if (!split) throw new BadPattern();
  if (!isZeroLength(pattern.slice(1 + split.end))) return false;
  return split.options.some(isZeroLength);
}

/** The character class at the start of `body` (after `[`, up to `]`) and whether `rune` is in it. */
function inClass(body: string, rune: number): boolean {
  const runes = Array.from(body, c => c.codePointAt(0)!);
  if (runes.length === 0) throw new BadPattern();
  const negated = runes[0] === 0x5e; // '^'; doublestar v1 knows no '!'
  let i = negated ? 1 : 0;
  let found = false;
  const next = (): number => {
    let r = runes[i++];
    if (r === 0x2d) throw new BadPattern(); // a '-' where a character belongs
    if (r === BACKSLASH) {
      if (i >= runes.length) throw new BadPattern();
      r = runes[i++];
    }
    return r;
  };
  while (i < runes.length) {
    const low = next();
    let high = low;
    if (i < runes.length && runes[i] === 0x2d) {
      i++;
      if (i >= runes.length) throw new BadPattern();
      high = next();
    }
    if (low <= rune && rune <= high) found = true;
  }
  return found !== negated;
}

/**
 * Matches one name component against the start of the pattern. Undefined when it does not match; otherwise the
 * patterns the next components must match (`[]` when the pattern ends here).
 */
function matchComponent(pattern: string, name: string): string[] | undefined {
  let p = 0;
  let n = 0;
  while (p < pattern.length && n < name.length) {
    const pr = runeAt(pattern, p);
    const nr = runeAt(name, n);
    if (pr.rune === 0x2f) {
      // '/': the pattern's component ends before the name's.
      return undefined;
    } else if (pr.rune === BACKSLASH) {
      p += 1;
      const escaped = runeAt(pattern, p);
      if (escaped.rune < 0) throw new BadPattern();
      if (escaped.rune !== nr.rune) return undefined;
      p += escaped.size;
      n += nr.size;
    } else if (pr.rune === 0x2a) {
      // '*': the rest of the component when it ends the component, else every split point but the very end.
      p += 1;
      if (p >= pattern.length) return [];
      if (pattern[p] === '/') return [pattern.slice(p + 1)];
      for (; n < name.length; n += runeAt(name, n).size) {
        const found = matchComponent(pattern.slice(p), name.slice(n));
        if (found) return found;
      }
      return undefined;
    } else if (pr.rune === 0x5b) {
      // '[': a class, up to the first unescaped ']'.
      p += 1;
      const close = indexWithEscaping(pattern, ']', p);
      if (close < 0) throw new BadPattern();
      if (!inClass(pattern.slice(p, close), nr.rune)) return undefined;
      p = close + 1;
      n += nr.size;
    } else if (pr.rune === 0x7b) {
      // '{': each alternative in place of the braces, which may hold '/'.
      const split = splitAlternatives(pattern.slice(p + 1));
      if (!split) throw new BadPattern();
      const rest = pattern.slice(p + 1 + split.end);
      const tail = name.slice(n);
      const results = split.options
        .map(option => matchComponent(option + rest, tail))
        .filter((r): r is string[] => r !== undefined);
      return results.length ? results.flat() : undefined;
    } else if (pr.rune === 0x3f || pr.rune === nr.rune) {
      p += pr.size;
      n += nr.size;
    } else {
      return undefined;
    }
  }
  if (n < name.length) return undefined;
  if (p >= pattern.length) return [];
  const rest = pattern.slice(p);
  const slash = indexWithEscaping(rest, '/');
  if (!isZeroLength(slash < 0 ? rest : rest.slice(0, slash))) return undefined;
  return slash < 0 ? [] : [rest.slice(slash + 1)];
}

function doMatching(pattern: string, names: string[]): boolean {
  if (pattern === '' && names.length === 1 && names[0] === '') return true;
  const slash = indexWithEscaping(pattern, '/');
  const first = slash < 0 ? pattern : pattern.slice(0, slash);
  if (first === '**') {
    // A whole-component `**` takes any number of components; with more pattern after it, at least one must be left.
    if (slash < 0) return true;
    const rest = pattern.slice(slash + 1);
    for (let i = 0; i < names.length; i++) {
      try {
        if (doMatching(rest, names.slice(i))) return true;
      } catch (error) {
        // doublestar ignores the errors of these attempts.
        if (!(error instanceof BadPattern)) throw error;
      }
    }
    return false;
  }
  const next = matchComponent(pattern, names[0]);
  if (!next) return false;
  if (next.length === 0) return names.length === 1;
  return names.length > 1 && next.some(alt => doMatching(alt, names.slice(1)));
}

/**
 * Whether `name` (a repository path or a tag) matches a Harbor glob pattern, as Harbor decides it: the whole name
 * must match; `*` and `?` stay inside one `/`-separated component, `**` as a whole component spans any number of
 * them, `[a-z]` and `[^a-z]` are classes, `{a,b/c}` are alternatives (nesting and holding `/`), `\` escapes the
 * next character; an empty pattern matches every name (`util.Match`).
 *
 * Throws an `InputError` naming the pattern when Harbor would refuse it (an unclosed `[` or `{`, an empty or
 * malformed class, a trailing `\`).
 * @public
 */
export function doublestarMatch(pattern: string, name: string): boolean {
  if (pattern === '') return true;
  try {
    // Repository names and tags hold no '\', so splitting on every '/' is doublestar's unescaped split.
    return doMatching(pattern, name.split('/'));
  } catch (error) {
    if (error instanceof BadPattern) {
      throw new InputError(
        `'${pattern}' is not a valid doublestar pattern (Harbor refuses it): check its [...] classes, {...} alternatives and \\ escapes`,
      );
    }
    throw error;
  }
}
