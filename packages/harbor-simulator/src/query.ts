import { badRequest } from './errors';

/** One clause of Harbor's `q` parameter (Spec: "exact match(k=v)", "fuzzy match(k=~v)", ...). */
export type QueryClause =
  | { key: string; kind: 'exact'; value: string }
  | { key: string; kind: 'fuzzy'; value: string }
  | { key: string; kind: 'range'; min?: string; max?: string }
  | { key: string; kind: 'or' | 'and'; values: string[] };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * A range or list value (src/lib/q/builder.go `parseValue`): trimmed, a "2006-01-02T15:04:05" time compared as
 * the "2006-01-02 15:04:05" the routes store, quotes stripped from anything else.
 */
function parseValue(value: string): string {
  const v = value.trim();
  if (DATE_TIME.test(v)) return v.replace('T', ' ');
  return /^[-+]?\d+$/.test(v) ? v : v.replace(/^["']+|["']+$/g, '');
}

/** Space-separated values of `{a b}` or `(a b)`, empty ones dropped (src/lib/q/builder.go `parseList`). */
function parseList(value: string, close: string): string[] {
  if (!value.endsWith(close)) {
    throw new Error(
      close === '}'
        ? 'or list must start with "{" and end with "}"'
        : 'and list must start with "(" and end with ")"',
    );
  }
  return value
    .slice(1, -1)
    .split(' ')
    .map(parseValue)
    .filter(v => v !== '');
}

function parseRange(key: string, value: string): QueryClause {
  if (!value.endsWith(']') || value.split('~').length !== 2) {
    throw new Error(
      'range must start with "[", end with "]" and contains only one "~"',
    );
  }
  const [min, max] = value
    .slice(1, -1)
    .split('~')
    .map(v => v.trim());
  if (!min && !max)
    throw new Error('min and max at least one should be set in range');
  return {
    key,
    kind: 'range',
    min: min ? parseValue(min) : undefined,
    max: max ? parseValue(max) : undefined,
  };
}

/** One `k=v` value by its first character (src/lib/q/builder.go `parsePattern`). */
function parsePattern(key: string, value: string): QueryClause {
  switch (value[0]) {
    case '~':
      if (value.length < 2) {
        throw new Error(
          'fuzzy match value must start with "~" and contain at least 1 other characters',
        );
      }
      return { key, kind: 'fuzzy', value: value.slice(1) };
    case '[':
      return parseRange(key, value);
    case '{':
      return { key, kind: 'or', values: parseList(value, '}') };
    case '(':
      return { key, kind: 'and', values: parseList(value, ')') };
    default:
      // A leading backslash escapes the first character (src/lib/q/builder.go `escapeValue`).
      return {
        key,
        kind: 'exact',
        value: value.startsWith('\\') ? value.slice(1) : value,
      };
  }
}

/**
 * Harbor's `q` (src/lib/q/builder.go `Build` → `parseKeywords`): unescaped once more, split on every comma
 * (so a list cannot hold commas), each part `key=value` or a 400; a later clause of the same key replaces an
 * earlier one, as Harbor keeps the keywords in a map.
 */
export function parseQuery(q: string | undefined): QueryClause[] {
  if (!q) return [];
  let unescaped = q;
  try {
    unescaped = decodeURIComponent(q.replace(/\+/g, ' '));
  } catch {
    // Harbor logs the failure and goes on with the query as it came.
  }
  const clauses = new Map<string, QueryClause>();
  for (const part of unescaped.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (!key || !value) {
      throw badRequest(
        'the query string must contain "=" and the key/value cannot be empty',
      );
    }
    try {
      clauses.delete(key);
      clauses.set(key, parsePattern(key, value));
    } catch {
      throw badRequest(`invalid query string value: ${value}`);
    }
  }
  return [...clauses.values()];
}

/** Whether a scalar field value satisfies a clause. */
export function matchesClause(clause: QueryClause, value: unknown): boolean {
  const s = value === undefined || value === null ? '' : String(value);
  switch (clause.kind) {
    case 'exact':
      return s === clause.value;
    case 'fuzzy':
      // The ORM's `__icontains` (src/lib/orm/query.go `setFilters`).
      return s.toLowerCase().includes(clause.value.toLowerCase());
    case 'range': {
      const num = Number(s);
      const cmp = (a: string, b: string) =>
        Number.isFinite(num) && Number.isFinite(Number(b))
          ? num - Number(b)
          : a.localeCompare(b);
      return (
        (clause.min === undefined || cmp(s, clause.min) >= 0) &&
        (clause.max === undefined || cmp(s, clause.max) <= 0)
      );
    }
    case 'or':
      return clause.values.includes(s);
    case 'and':
      // The ORM leaves an and-list to the DAO; only artifact labels read one (src/lib/orm/query.go).
      return true;
    default:
      return false;
  }
}

/** Applies `sort=field1,-field2` to records. */
export function sortBy<T>(
  items: T[],
  sort: string | undefined,
  fallback: string,
): T[] {
  const keys = (sort || fallback)
    .split(',')
    .map(k => k.trim())
    .filter(Boolean)
    .map(k => ({
      desc: k.startsWith('-'),
      path: (k.startsWith('-') ? k.slice(1) : k).split('.'),
    }));
  const read = (item: any, path: string[]) => {
    let v = item;
    for (const p of path) v = v === undefined || v === null ? undefined : v[p];
    return v;
  };
  // Sort keys are read once per item, not once per comparison.
  const decorated = items.map(item => ({
    item,
    values: keys.map(k => read(item, k.path)),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const va = a.values[i];
      const vb = b.values[i];
      if (va === vb) continue;
      let c: number;
      if (typeof va === 'number' && typeof vb === 'number') c = va - vb;
      else {
        const sa = String(va);
        const sb = String(vb);
        c = sa < sb ? -1 : Number(sa > sb);
      }
      if (c !== 0) return keys[i].desc ? -c : c;
    }
    return 0;
  });
  return decorated.map(d => d.item);
}
