import { createHash } from 'node:crypto';
import { stringify, parse } from 'yaml';
import { isUnknown, printValue, truthy, Unknown } from './evaluate';

export interface FunctionContext {
  include(name: string, dot: unknown): string;
  tpl(source: string, dot: unknown): string;
}

type Lazy = () => unknown;
type Fn = (ctx: FunctionContext, args: Lazy[]) => unknown;

const str = (v: unknown) => printValue(v);
const all = (args: Lazy[]) => args.map(a => a());
const isEmpty = (v: unknown) => !truthy(v, 'empty');
const plain = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v);

function toYaml(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function indent(n: number, text: string) {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map(line => pad + line)
    .join('\n');
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(
    /%([-+# 0]*\d*(?:\.\d+)?)([svdqtf%])/g,
    (_, _flags, verb: string) => {
      if (verb === '%') return '%';
      const value = args[i++];
      if (verb === 'q') return JSON.stringify(str(value));
      return str(value);
    },
  );
}

function deepMerge(
  target: Record<string, unknown>,
  source: unknown,
  overwrite: boolean,
) {
  if (!plain(source)) return target;
  for (const [key, value] of Object.entries(source as object)) {
    if (plain(target[key]) && plain(value))
      deepMerge(target[key] as Record<string, unknown>, value, overwrite);
    else if (overwrite || target[key] === undefined) target[key] = value;
  }
  return target;
}

const compare = (a: unknown, b: unknown) => {
  if (isUnknown(a) || isUnknown(b))
    throw new Error(`comparison with ${isUnknown(a) ? a : b} in eq`);
  return a === b || ((a ?? null) === null && (b ?? null) === null);
};

const functions: Record<string, Fn> = {
  include: (ctx, [name, dot]) => ctx.include(str(name()), dot?.()),
  tpl: (ctx, [source, dot]) => ctx.tpl(str(source()), dot()),
  required: (_, [, v]) => v(),
  fail: (_, [msg]) => {
    throw new Error(`chart fail: ${str(msg())}`);
  },
  default: (_, [d, v]) => {
    const value = v?.();
    return isEmpty(value) && !isUnknown(value) ? d() : value;
  },
  coalesce: (_, args) => {
    for (const a of args) {
      const v = a();
      if (isUnknown(v) || !isEmpty(v)) return v;
    }
    return undefined;
  },
  empty: (_, [v]) => (isUnknown(v()) ? v() : isEmpty(v())),
  not: (_, [v]) => !truthy(v(), 'not'),
  and: (_, args) => {
    let value: unknown = true;
    for (const a of args) {
      value = a();
      if (!truthy(value, 'and')) return value;
    }
    return value;
  },
  or: (_, args) => {
    let value: unknown = false;
    for (const a of args) {
      value = a();
      if (truthy(value, 'or')) return value;
    }
    return value;
  },
  eq: (_, [a, ...rest]) => {
    const first = a();
    return rest.some(b => compare(first, b()) === true);
  },
  ne: (_, [a, b]) => !compare(a(), b()),
  gt: (_, [a, b]) => Number(a()) > Number(b()),
  lt: (_, [a, b]) => Number(a()) < Number(b()),
  ge: (_, [a, b]) => Number(a()) >= Number(b()),
  le: (_, [a, b]) => Number(a()) <= Number(b()),
  len: (_, [v]) => {
    const value = v();
    return Array.isArray(value) || typeof value === 'string'
      ? value.length
      : Object.keys(value ?? {}).length;
  },
  printf: (_, [f, ...args]) => sprintf(str(f()), all(args)),
  print: (_, args) => all(args).map(str).join(''),
  cat: (_, args) => all(args).map(str).filter(Boolean).join(' '),
  // Typed by hand: Object.prototype.toString blocks contextual typing of this key.
  toString: (_: FunctionContext, [v]: Lazy[]) => str(v()),
  quote: (_, args) =>
    all(args)
      .map(v => JSON.stringify(str(v)))
      .join(' '),
  squote: (_, args) =>
    all(args)
      .map(v => `'${str(v)}'`)
      .join(' '),
  upper: (_, [v]) => str(v()).toUpperCase(),
  lower: (_, [v]) => str(v()).toLowerCase(),
  trim: (_, [v]) => str(v()).trim(),
  trimAll: (_, [c, v]) =>
    str(v())
      .split('')
      .join('')
      .replace(new RegExp(`^[${c()}]+|[${c()}]+$`, 'g'), ''),
  trimSuffix: (_, [s, v]) =>
    str(v()).endsWith(str(s()))
      ? str(v()).slice(0, -str(s()).length || undefined)
      : str(v()),
  trimPrefix: (_, [s, v]) =>
    str(v()).startsWith(str(s())) ? str(v()).slice(str(s()).length) : str(v()),
  trunc: (_, [n, v]) => str(v()).slice(0, Number(n())),
  substr: (_, [a, b, v]) => str(v()).slice(Number(a()), Number(b())),
  replace: (_, [a, b, v]) => str(v()).split(str(a())).join(str(b())),
  contains: (_, [s, v]) => str(v()).includes(str(s())),
  hasPrefix: (_, [s, v]) => str(v()).startsWith(str(s())),
  hasSuffix: (_, [s, v]) => str(v()).endsWith(str(s())),
  regexMatch: (_, [re, v]) => new RegExp(str(re())).test(str(v())),
  regexFind: (_, [re, v]) => new RegExp(str(re())).exec(str(v()))?.[0] ?? '',
  regexReplaceAll: (_, [re, v, r]) =>
    str(v()).replace(new RegExp(str(re()), 'g'), str(r())),
  split: (_, [sep, v]) =>
    Object.fromEntries(
      str(v())
        .split(str(sep()))
        .map((p, i) => [`_${i}`, p]),
    ),
  splitList: (_, [sep, v]) => str(v()).split(str(sep())),
  join: (_, [sep, v]) => ((v() as unknown[]) ?? []).map(str).join(str(sep())),
  ternary: (_, [a, b, c]) => (truthy(c(), 'ternary') ? a() : b()),
  dict: (_, args) => {
    const values = all(args);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < values.length; i += 2)
      out[str(values[i])] = values[i + 1];
    return out;
  },
  list: (_, args) => all(args),
  concat: (_, args) => all(args).flatMap(v => (v as unknown[]) ?? []),
  append: (_, [l, v]) => [...((l() as unknown[]) ?? []), v()],
  has: (_, [needle, l]) => ((l() as unknown[]) ?? []).includes(needle()),
  without: (_, [l, ...vs]) =>
    ((l() as unknown[]) ?? []).filter(x => !all(vs).includes(x)),
  compact: (_, [l]) => ((l() as unknown[]) ?? []).filter(x => !isEmpty(x)),
  add: (_, args) => all(args).reduce<number>((a, b) => a + Number(b), 0),
  sub: (_, [a, b]) => Number(a()) - Number(b()),
  mul: (_, args) => all(args).reduce<number>((a, b) => a * Number(b), 1),
  max: (_, args) => Math.max(...all(args).map(Number)),
  min: (_, args) => Math.min(...all(args).map(Number)),
  sha256sum: (_, [v]) => createHash('sha256').update(str(v())).digest('hex'),
  title: (_, [v]) => str(v()).replace(/\b\w/g, c => c.toUpperCase()),
  reverse: (_, [l]) => [...((l() as unknown[]) ?? [])].reverse(),
  uniq: (_, [l]) => [...new Set(l() as unknown[])],
  first: (_, [l]) => (l() as unknown[])?.[0],
  last: (_, [l]) => (l() as unknown[])?.slice(-1)[0],
  index: (_, [v, ...keys]) =>
    keys.reduce<unknown>(
      (node, k) => (node as Record<string, unknown>)?.[str(k())],
      v(),
    ),
  get: (_, [m, k]) => (m() as Record<string, unknown>)?.[str(k())] ?? '',
  hasKey: (_, [m, k]) => plain(m()) && str(k()) in (m() as object),
  keys: (_, args) => all(args).flatMap(m => Object.keys((m as object) ?? {})),
  set: (_, [m, k, v]) => Object.assign(m() as object, { [str(k())]: v() }),
  omit: (_, [m, ...ks]) => {
    const drop = new Set(all(ks).map(str));
    return Object.fromEntries(
      Object.entries((m() as object) ?? {}).filter(([k]) => !drop.has(k)),
    );
  },
  pick: (_, [m, ...ks]) => {
    const keep = new Set(all(ks).map(str));
    return Object.fromEntries(
      Object.entries((m() as object) ?? {}).filter(([k]) => keep.has(k)),
    );
  },
  merge: (_, [d, ...rest]) =>
    rest.reduce(
      (t, s) => deepMerge(t, s(), false),
      (d() ?? {}) as Record<string, unknown>,
    ),
  mergeOverwrite: (_, [d, ...rest]) =>
    rest.reduce(
      (t, s) => deepMerge(t, s(), true),
      (d() ?? {}) as Record<string, unknown>,
    ),
  deepCopy: (_, [v]) => structuredClone(v()),
  toYaml: (_, [v]) => toYaml(v()),
  fromYaml: (_, [v]) => parse(str(v())) ?? {},
  toJson: (_, [v]) => JSON.stringify(v() ?? null),
  nindent: (_, [n, v]) => `\n${indent(Number(n()), str(v()))}`,
  indent: (_, [n, v]) => indent(Number(n()), str(v())),
  b64enc: (_, [v]) =>
    isUnknown(v()) ? v() : Buffer.from(str(v())).toString('base64'),
  b64dec: (_, [v]) => Buffer.from(str(v()), 'base64').toString(),
  urlquery: (_, args) => encodeURIComponent(all(args).map(str).join('')),
  int: (_, [v]) => parseInt(str(v()), 10) || 0,
  int64: (_, [v]) => parseInt(str(v()), 10) || 0,
  kindIs: (_, [k, v]) => kindOf(v()) === str(k()),
  typeIs: (_, [t, v]) => typeOf(v()) === str(t()),
  typeOf: (_, [v]) => typeOf(v()),
  // Helm's `helm template` behaviour: no cluster, so lookup finds nothing.
  lookup: () => ({}),
  semverCompare: (_, [c, v]) => semverSatisfies(str(c()), str(v())),
};

function kindOf(v: unknown) {
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (v === undefined || v === null) return 'invalid';
  return 'map';
}

function typeOf(v: unknown) {
  const kind = kindOf(v);
  if (kind === 'map') return 'map[string]interface {}';
  return kind === 'slice' ? '[]interface {}' : kind;
}

/** Only the `>=x.y-0` / `<x.y-0` forms Bitnami's capability helpers use. */
function semverSatisfies(constraint: string, version: string): boolean {
  const num = (s: string) =>
    s
      .replace(/^v/, '')
      .replace(/-.*$/, '')
      .split('.')
      .map(n => parseInt(n, 10) || 0);
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < 3; i++)
      if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  return constraint.split(',').every(part => {
    const m = /^\s*(>=|<=|>|<|=)?\s*(\S+)\s*$/.exec(part)!;
    const c = cmp(num(version), num(m[2]));
    switch (m[1]) {
      case '>=':
        return c >= 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '<':
        return c < 0;
      default:
        return c === 0;
    }
  });
}

/** Calls a template function; functions this interpreter does not know yield an {@link Unknown}. */
export function callFunction(
  ctx: FunctionContext,
  name: string,
  args: Lazy[],
): unknown {
  const fn = functions[name];
  if (!fn) return new Unknown(name);
  if (fn.length > 1 && args.some(a => typeof a !== 'function'))
    throw new Error(`bad call of ${name}`);
  try {
    return fn(ctx, args);
  } catch (error) {
    if (
      (error as Error).message.startsWith('chart fail') ||
      (error as Error).message.includes(' in ')
    )
      throw error;
    throw new Error(
      `${name}(${args.length} args${
        name === 'include' ? ` ${str(args[0]())}` : ''
      }): ${(error as Error).message}`,
    );
  }
}
