/** One clause of Harbor's `q` parameter (Spec: "exact match(k=v)", "fuzzy match(k=~v)", ...). */
export type QueryClause =
  | { key: string; kind: 'exact'; value: string }
  | { key: string; kind: 'fuzzy'; value: string }
  | { key: string; kind: 'range'; min?: string; max?: string }
  | { key: string; kind: 'or' | 'and'; values: string[] };

function unquote(value: string): string {
  const v = value.trim();
  if (
    (v.startsWith('"') && v.endsWith('"')) ||
    (v.startsWith("'") && v.endsWith("'"))
  ) {
    return v.slice(1, -1);
  }
  return v;
}

/** Splits `q` on the commas that are not inside `[]`, `{}` or `()`. */
export function parseQuery(q: string | undefined): QueryClause[] {
  if (!q) return [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of q) {
    if ('[{('.includes(ch)) depth++;
    if (']})'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current) parts.push(current);
  const clauses: QueryClause[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1);
    if (raw.startsWith('~')) {
      clauses.push({ key, kind: 'fuzzy', value: unquote(raw.slice(1)) });
    } else if (raw.startsWith('[') && raw.endsWith(']')) {
      const [min, max] = raw.slice(1, -1).split('~');
      clauses.push({
        key,
        kind: 'range',
        min: min ? unquote(min) : undefined,
        max: max ? unquote(max) : undefined,
      });
    } else if (raw.startsWith('{') && raw.endsWith('}')) {
      clauses.push({
        key,
        kind: 'or',
        values: raw
          .slice(1, -1)
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(unquote),
      });
    } else if (raw.startsWith('(') && raw.endsWith(')')) {
      clauses.push({
        key,
        kind: 'and',
        values: raw
          .slice(1, -1)
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(unquote),
      });
    } else {
      clauses.push({ key, kind: 'exact', value: unquote(raw) });
    }
  }
  return clauses;
}

/** Whether a scalar field value satisfies a clause. */
export function matchesClause(clause: QueryClause, value: unknown): boolean {
  const s = value === undefined || value === null ? '' : String(value);
  switch (clause.kind) {
    case 'exact':
      return s === clause.value;
    case 'fuzzy':
      return s.includes(clause.value);
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
      return clause.values.every(v => v === s);
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
