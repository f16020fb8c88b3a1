/**
 * A parser for the subset of Go's text/template that Helm charts use: text, pipelines, variables, comments,
 * whitespace trimming, if/else if/else, with, range, define, template. Enough to read a chart's templates as
 * data in tests (no Helm binary here); it is not a general implementation.
 */

export type Operand =
  | { type: 'literal'; value: unknown }
  | {
      type: 'field';
      base: 'dot' | 'root' | 'var';
      name?: string;
      path: string[];
    }
  | { type: 'ident'; name: string }
  | { type: 'pipe'; pipe: Pipeline; path: string[] };

export interface Command {
  operands: Operand[];
}

export interface Pipeline {
  decl?: { vars: string[]; assign: boolean };
  commands: Command[];
}

export type Node =
  | { type: 'text'; text: string }
  | { type: 'action'; pipe: Pipeline }
  | {
      type: 'if';
      branches: { cond: Pipeline; body: Node[] }[];
      orElse?: Node[];
    }
  | { type: 'with'; cond: Pipeline; body: Node[]; orElse?: Node[] }
  | { type: 'range'; pipe: Pipeline; body: Node[]; orElse?: Node[] }
  | { type: 'template'; name: string; pipe?: Pipeline };

interface RawAction {
  text: string;
}

type Piece = string | RawAction;

/** Splits template text into text and actions, applying `{{-` / `-}}` trimming and dropping comments. */
export function splitActions(source: string): Piece[] {
  const pieces: Piece[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    let text = open < 0 ? source.slice(pos) : source.slice(pos, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      pieces.push(text);
      break;
    }
    let start = open + 2;
    if (/^-\s/.test(source.slice(start, start + 2))) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    pieces.push(text);
    const close = findClose(source, start);
    let body = source.slice(start, close);
    trimNext = /\s-$/.test(body);
    if (trimNext) body = body.slice(0, -1);
    if (!/^\s*\/\*/.test(body)) pieces.push({ text: body.trim() });
    pos = close + 2;
  }
  return pieces;
}

function findClose(source: string, from: number): number {
  let i = from;
  const comment = /^\s*\/\*/.test(source.slice(from, from + 10));
  if (comment) {
    const end = source.indexOf('*/', from);
    return source.indexOf('}}', end);
  }
  while (i < source.length) {
    const c = source[i];
    if (c === '"') {
      i += 1;
      while (source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      i = source.indexOf('`', i + 1);
    } else if (c === '}' && source[i + 1] === '}') {
      return i;
    }
    i += 1;
  }
  throw new Error(`unclosed action at ${from}`);
}

type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ident'; v: string }
  | { t: 'field'; v: string[]; glued: boolean }
  | { t: 'var'; v: string; path: string[] }
  | { t: 'op'; v: string };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|(-?\d+(?:\.\d+)?)|(\$[A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)|((?:\.[A-Za-z0-9_]+)+|\.)|([A-Za-z_][A-Za-z0-9_]*)|(:=|=|\||\(|\)|,))/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    pos = re.lastIndex;
    if (m[1]) tokens.push({ t: 'str', v: JSON.parse(m[1]) });
    else if (m[2]) tokens.push({ t: 'str', v: m[2].slice(1, -1) });
    else if (m[3]) tokens.push({ t: 'num', v: Number(m[3]) });
    else if (m[4])
      tokens.push({
        t: 'var',
        v: m[4],
        path: m[5] ? m[5].slice(1).split('.') : [],
      });
    else if (m[6])
      tokens.push({
        t: 'field',
        v: m[6] === '.' ? [] : m[6].slice(1).split('.'),
        glued: !/^\s/.test(m[0]),
      });
    else if (m[7]) tokens.push({ t: 'ident', v: m[7] });
    else if (m[8]) tokens.push({ t: 'op', v: m[8] });
  }
  if (text.slice(pos).trim()) {
    throw new Error(`cannot tokenize "${text}" at ${pos}`);
  }
  return tokens;
}

export function parsePipeline(text: string): Pipeline {
  const tokens = tokenize(text);
  let i = 0;
  const pipeline: Pipeline = { commands: [] };
  // `$a := x`, `$a = x`, `$i, $v := x`
  const declEnd = tokens.findIndex(
    tok => tok.t === 'op' && (tok.v === ':=' || tok.v === '='),
  );
  if (
    declEnd > 0 &&
    tokens
      .slice(0, declEnd)
      .every(tok => tok.t === 'var' || (tok.t === 'op' && tok.v === ','))
  ) {
    pipeline.decl = {
      vars: tokens
        .slice(0, declEnd)
        .filter(tok => tok.t === 'var')
        .map(tok => (tok as { v: string }).v),
      assign: (tokens[declEnd] as { v: string }).v === '=',
    };
    i = declEnd + 1;
  }
  const parseCommands = (stopAtParen: boolean): Command[] => {
    const commands: Command[] = [{ operands: [] }];
    while (i < tokens.length) {
      const tok = tokens[i];
      if (tok.t === 'op' && tok.v === ')') {
        if (stopAtParen) return commands;
        throw new Error(`unexpected ) in ${text}`);
      }
      i += 1;
      if (tok.t === 'op' && tok.v === '|') commands.push({ operands: [] });
      else if (tok.t === 'op' && tok.v === '(') {
        const inner = parseCommands(true);
        i += 1; // the ')'
        let path: string[] = [];
        const next = tokens[i];
        if (next && next.t === 'field' && next.glued && next.v.length > 0) {
          path = next.v;
          i += 1;
        }
        commands[commands.length - 1].operands.push({
          type: 'pipe',
          pipe: { commands: inner },
          path,
        });
      } else commands[commands.length - 1].operands.push(operandOf(tok));
    }
    return commands;
  };
  pipeline.commands = parseCommands(false);
  return pipeline;
}

function operandOf(tok: Token): Operand {
  switch (tok.t) {
    case 'str':
    case 'num':
      return { type: 'literal', value: tok.v };
    case 'field':
      return { type: 'field', base: 'dot', path: tok.v };
    case 'var':
      return tok.v === '$'
        ? { type: 'field', base: 'root', path: tok.path }
        : { type: 'field', base: 'var', name: tok.v, path: tok.path };
    case 'ident':
      if (tok.v === 'true' || tok.v === 'false')
        return { type: 'literal', value: tok.v === 'true' };
      if (tok.v === 'nil') return { type: 'literal', value: undefined };
      return { type: 'ident', name: tok.v };
    default:
      throw new Error(`unexpected token ${tok.v}`);
  }
}

/** Parses one template file into its nodes and the `define`d templates it declares. */
export function parseTemplate(
  source: string,
  defines: Map<string, Node[]>,
): Node[] {
  const pieces = splitActions(source);
  let i = 0;
  // Mutually recursive: declared first, assigned below.
  let parseIf: (condText: string) => Node = () => {
    throw new Error('unset');
  };
  let parseBlock: (keyword: 'with' | 'range', args: string) => Node = parseIf;
  const parseList = (): { nodes: Node[]; stop: string } => {
    const nodes: Node[] = [];
    while (i < pieces.length) {
      const piece = pieces[i++];
      if (typeof piece === 'string') {
        if (piece) nodes.push({ type: 'text', text: piece });
        continue;
      }
      const [keyword, ...rest] = piece.text.split(/\s+/);
      const args = piece.text.slice(keyword.length).trim();
      if (keyword === 'end' || keyword === 'else')
        return { nodes, stop: piece.text };
      if (keyword === 'if') nodes.push(parseIf(args));
      else if (keyword === 'with' || keyword === 'range')
        nodes.push(parseBlock(keyword, args));
      else if (keyword === 'define') {
        const name = JSON.parse(rest[0]);
        defines.set(name, parseList().nodes);
      } else if (keyword === 'template') {
        const m = /^("(?:[^"\\]|\\.)*")\s*(.*)$/.exec(args)!;
        nodes.push({
          type: 'template',
          name: JSON.parse(m[1]),
          pipe: m[2] ? parsePipeline(m[2]) : undefined,
        });
      } else nodes.push({ type: 'action', pipe: parsePipeline(piece.text) });
    }
    return { nodes, stop: '' };
  };
  parseIf = (condText: string): Node => {
    const branches: { cond: Pipeline; body: Node[] }[] = [];
    let cond = condText;
    for (;;) {
      const { nodes, stop } = parseList();
      branches.push({ cond: parsePipeline(cond), body: nodes });
      if (stop.startsWith('else if')) {
        cond = stop.slice('else if'.length).trim();
        continue;
      }
      if (stop === 'else')
        return { type: 'if', branches, orElse: parseList().nodes };
      return { type: 'if', branches };
    }
  };
  parseBlock = (keyword: 'with' | 'range', args: string): Node => {
    const { nodes, stop } = parseList();
    const orElse = stop === 'else' ? parseList().nodes : undefined;
    return keyword === 'with'
      ? { type: 'with', cond: parsePipeline(args), body: nodes, orElse }
      : { type: 'range', pipe: parsePipeline(args), body: nodes, orElse };
  };
  return parseList().nodes;
}
