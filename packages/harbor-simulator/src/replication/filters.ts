/**
 * Harbor's replication filters for a `docker-registry` source (src: pkg/reg/filter, pkg/reg/util/pattern.go,
 * adapter/native): `name` and `tag` patterns use doublestar globs, `decoration: excludes` negates, and a
 * `resource` filter keeps images only (a plain registry holds nothing else Harbor replicates).
 */

/** A filter as stored on a replication policy. */
export interface PolicyFilter {
  type?: string;
  value?: unknown;
  decoration?: string;
}

function escape(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/**
 * Translates a doublestar pattern (github.com/bmatcuk/doublestar, which Harbor's `util.Match` uses) into a
 * regular expression: `*` and `?` stay inside one path component, `**` as a whole component spans any number
 * of them (including none), `[...]` and `{a,b}` as in doublestar, `\` escapes.
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

/** Harbor's `util.Match`: doublestar semantics, the whole string must match. */
export function globMatch(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${globSource(pattern)}$`);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(value);
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

function passes(filter: PolicyFilter | undefined, value: string): boolean {
  const pattern = patternOf(filter);
  if (!pattern) return true;
  const matched = globMatch(pattern, value);
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
