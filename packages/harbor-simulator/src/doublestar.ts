/**
 * Harbor's glob patterns: replication `name`/`tag` filters (`util.Match`, pkg/reg/util/pattern.go) and the
 * `doublestar` selectors of retention and immutability rules (lib/selector/selectors/doublestar) both call
 * github.com/bmatcuk/doublestar's `Match` (v4 in current Harbor), and both treat an empty pattern as "match all".
 */

function escape(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/**
 * Translates a doublestar pattern into a regular expression: `*` and `?` stay inside one path component, `**`
 * as a whole component spans any number of them (including none), `[...]` and `{a,b}` as in doublestar, `\`
 * escapes.
 */
function globSource(pattern: string): string {
  let out = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < n) {
      out += escape(pattern[i + 1]);
      i += 2;
    } else if (c === '*' && pattern[i + 1] === '*') {
      const startsComponent = i === 0 || pattern[i - 1] === '/';
      const endsComponent = i + 2 === n || pattern[i + 2] === '/';
      if (startsComponent && endsComponent) {
        if (pattern[i + 2] === '/') {
          // `**/` matches zero or more whole components.
          out += '(?:[^/]*(?:/[^/]*)*/)?';
          i += 3;
        } else if (i > 0) {
          // A trailing `/**`: the `/` was already emitted; also match the parent itself.
          out = `${out.slice(0, -2)}(?:/.*)?`;
          i += 2;
        } else {
          out += '.*';
          i += 2;
        }
      } else {
        // `**` inside a component is just `*`.
        out += '[^/]*';
        while (pattern[i] === '*') i++;
      }
    } else if (c === '*') {
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        i++;
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^/' : ''}${body.replace(/\\/g, '\\\\')}]`;
      i = close + 1;
    } else if (c === '{') {
      const { alternatives, end } = splitBraces(pattern, i);
      if (end < 0) {
        out += '\\{';
        i++;
        continue;
      }
      out += `(?:${alternatives.map(globSource).join('|')})`;
      i = end + 1;
    } else {
      out += escape(c);
      i++;
    }
  }
  return out;
}

/** The comma-separated alternatives of the `{...}` at `start`, nesting-aware; `end` is the closing brace. */
function splitBraces(
  pattern: string,
  start: number,
): { alternatives: string[]; end: number } {
  const alternatives: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = start + 1; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      current += c + pattern[++i];
    } else if (c === '{') {
      depth++;
      current += c;
    } else if (c === '}' && depth > 0) {
      depth--;
      current += c;
    } else if (c === '}') {
      alternatives.push(current);
      return { alternatives, end: i };
    } else if (c === ',' && depth === 0) {
      alternatives.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  return { alternatives: [], end: -1 };
}

const compiled = new Map<string, RegExp>();

/** A pattern Harbor would refuse (`ErrBadPattern`) matches nothing here. */
const NOTHING = /(?!)/;

/** Harbor's `util.Match` and the doublestar selector's `match`: the whole value must match; `''` matches all. */
export function doublestarMatch(pattern: string, value: string): boolean {
  if (pattern === '') return true;
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^${globSource(pattern)}$`);
    } catch {
      re = NOTHING;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(value);
}
