import { Command, Node, Operand, parseTemplate, Pipeline } from './parse';
import { callFunction, FunctionContext } from './functions';

/** The value of a function the interpreter does not know (e.g. a certificate generator). */
export class Unknown {
  constructor(readonly what: string) {}
  toString() {
    return `UNKNOWN(${this.what})`;
  }
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/**
 * Go template truth: false, 0, nil and empty strings, lists and maps are false. The functions this interpreter
 * does not know are generators (certificates, random strings), whose results are never empty.
 */
export function truthy(value: unknown, _where: string): boolean {
  if (isUnknown(value)) return true;
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || Array.isArray(value))
    return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

export function printValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (isUnknown(value)) return value.toString();
  if (Array.isArray(value)) return `[${value.map(printValue).join(' ')}]`;
  return `map[${Object.entries(value as object)
    .map(([k, v]) => `${k}:${printValue(v)}`)
    .join(' ')}]`;
}

interface Scope {
  vars: Map<string, unknown>;
  parent?: Scope;
}

function lookupVar(scope: Scope, name: string): unknown {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.vars.has(name)) return s.vars.get(name);
  }
  throw new Error(`undefined variable ${name}`);
}

function assignVar(scope: Scope, name: string, value: unknown) {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.vars.has(name)) {
      s.vars.set(name, value);
      return;
    }
  }
  throw new Error(`assignment to undefined variable ${name}`);
}

function walk(value: unknown, path: string[]): unknown {
  let node = value;
  for (const key of path) {
    if (isUnknown(node)) return node;
    if (node === undefined || node === null || typeof node !== 'object')
      return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** What `range` iterates: list items, map entries by key order, or 0..n-1. */
function rangeEntries(value: unknown): [unknown, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (typeof value === 'number') {
    return Array.from({ length: value }, (_, i) => [i, i]);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
  }
  return [];
}

/** Executes parsed templates; `defines` holds every `define` of the chart and its library charts. */
export class TemplateEngine implements FunctionContext {
  readonly defines = new Map<string, Node[]>();

  addFile(source: string): Node[] {
    return parseTemplate(source, this.defines);
  }

  include(name: string, dot: unknown): string {
    const nodes = this.defines.get(name);
    if (!nodes) throw new Error(`no template "${name}"`);
    return this.execute(nodes, dot);
  }

  tpl(source: string, dot: unknown): string {
    return this.execute(parseTemplate(source, this.defines), dot);
  }

  execute(nodes: Node[], dot: unknown): string {
    return this.run(nodes, dot, { vars: new Map([['$', dot]]) });
  }

  private run(nodes: Node[], dot: unknown, scope: Scope): string {
    let out = '';
    for (const node of nodes) out += this.runNode(node, dot, scope);
    return out;
  }

  private runNode(node: Node, dot: unknown, scope: Scope): string {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'action': {
        const value = this.pipeline(node.pipe, dot, scope);
        return node.pipe.decl ? '' : printValue(value);
      }
      case 'template':
        return this.include(
          node.name,
          node.pipe ? this.pipeline(node.pipe, dot, scope) : undefined,
        );
      case 'if': {
        for (const branch of node.branches) {
          const inner: Scope = { vars: new Map(), parent: scope };
          if (truthy(this.pipeline(branch.cond, dot, inner), 'if'))
            return this.run(branch.body, dot, inner);
        }
        return node.orElse
          ? this.run(node.orElse, dot, { vars: new Map(), parent: scope })
          : '';
      }
      case 'with': {
        const inner: Scope = { vars: new Map(), parent: scope };
        const value = this.pipeline(node.cond, dot, inner);
        if (truthy(value, 'with')) return this.run(node.body, value, inner);
        return node.orElse ? this.run(node.orElse, dot, inner) : '';
      }
      case 'range':
        return this.range(node, dot, scope);
      default:
        return '';
    }
  }

  private range(
    node: Extract<Node, { type: 'range' }>,
    dot: unknown,
    scope: Scope,
  ): string {
    const inner: Scope = { vars: new Map(), parent: scope };
    const decl = node.pipe.decl;
    const value = this.pipeline({ commands: node.pipe.commands }, dot, inner);
    if (isUnknown(value)) throw new Error(`range over ${value}`);
    const entries = rangeEntries(value);
    if (entries.length === 0)
      return node.orElse ? this.run(node.orElse, dot, inner) : '';
    let out = '';
    for (const [key, item] of entries) {
      const body: Scope = { vars: new Map(), parent: inner };
      if (decl?.vars.length === 1) body.vars.set(decl.vars[0], item);
      if (decl?.vars.length === 2) {
        body.vars.set(decl.vars[0], key);
        body.vars.set(decl.vars[1], item);
      }
      out += this.run(node.body, item, body);
    }
    return out;
  }

  private pipeline(pipe: Pipeline, dot: unknown, scope: Scope): unknown {
    let value: unknown = undefined;
    pipe.commands.forEach((command, index) => {
      value = this.command(command, dot, scope, index > 0 ? [value] : []);
    });
    if (pipe.decl) {
      const name = pipe.decl.vars[pipe.decl.vars.length - 1];
      if (pipe.decl.assign) assignVar(scope, name, value);
      else scope.vars.set(name, value);
    }
    return value;
  }

  private command(
    command: Command,
    dot: unknown,
    scope: Scope,
    piped: unknown[],
  ): unknown {
    const [head, ...rest] = command.operands;
    if (head.type === 'ident') {
      const lazyArgs = [
        ...rest.map(op => () => this.operand(op, dot, scope)),
        ...piped.map(v => () => v),
      ];
      return callFunction(this, head.name, lazyArgs);
    }
    const value = this.operand(head, dot, scope);
    if (typeof value === 'function') {
      const args = [...rest.map(op => this.operand(op, dot, scope)), ...piped];
      return (value as (...a: unknown[]) => unknown)(...args);
    }
    return value;
  }

  private operand(op: Operand, dot: unknown, scope: Scope): unknown {
    switch (op.type) {
      case 'literal':
        return op.value;
      case 'ident':
        return callFunction(this, op.name, []);
      case 'pipe':
        return walk(this.pipeline(op.pipe, dot, scope), op.path);
      case 'field': {
        if (op.base === 'dot') return walk(dot, op.path);
        return walk(
          lookupVar(scope, op.base === 'root' ? '$' : op.name!),
          op.path,
        );
      }
      default:
        return undefined;
    }
  }
}
