/**
 * What the plugins' README tests read, so that each README's config reference, tables and examples can be
 * compared with the code: the keys of a config.d.ts, the rows of a Markdown table, the keys a YAML example sets.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface ConfigKey {
  /** `harbor.instances[].baseUrl`: `.` between keys, `[]` after a list. */
  path: string;
  /** The TypeScript type as written, or `object` / `object[]` for nested keys. */
  type: string;
  required: boolean;
  visibility: string;
  /** What the doc comment gives after "Default" or "Defaults to", if anything. */
  documentedDefault?: string;
}

/** Every key of the `Config` interface of a config.d.ts, below the top-level `harbor` namespace. */
export function configKeys(file: string): ConfigKey[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const config = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'Config',
  );
  if (!config) throw new Error(`${file} declares no Config interface`);
  // A shape written once in the file (an interface, or one intersected with a literal) is walked where it is used.
  const interfaces = new Map(
    source.statements
      .filter(ts.isInterfaceDeclaration)
      .map(i => [i.name.text, i] as const),
  );
  const membersOf = (type: ts.TypeNode): ts.TypeElement[] | undefined => {
    if (ts.isTypeLiteralNode(type)) return [...type.members];
    if (ts.isTypeReferenceNode(type)) {
      const declared = interfaces.get(type.typeName.getText(source));
      return declared && [...declared.members];
    }
    if (ts.isIntersectionTypeNode(type)) {
      const parts = type.types.map(membersOf);
      return parts.every(Boolean) ? parts.flatMap(p => p!) : undefined;
    }
    return undefined;
  };
  const keys: ConfigKey[] = [];
  const walk = (members: readonly ts.TypeElement[], prefix: string) => {
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const path = `${prefix}${member.name.getText(source)}`;
      const doc = (ts.getLeadingCommentRanges(text, member.pos) ?? [])
        .map(r => text.slice(r.pos, r.end))
        .join(' ')
        .replace(/^\s*(\/\*\*|\*\/|\*)/gm, ' ')
        .replace(/\s+/g, ' ');
      let type: ts.TypeNode = member.type;
      let list = false;
      if (
        ts.isTypeReferenceNode(type) &&
        type.typeName.getText(source) === 'Array' &&
        type.typeArguments?.length === 1
      ) {
        type = type.typeArguments[0];
        list = true;
      } else if (ts.isArrayTypeNode(type)) {
        type = type.elementType;
        list = true;
      }
      const nested = membersOf(type);
      keys.push({
        path,
        type: nested
          ? `object${list ? '[]' : ''}`
          : member.type.getText(source).replace(/\s+/g, ' '),
        required: !member.questionToken,
        visibility: /@visibility (\w+)/.exec(doc)?.[1] ?? 'backend',
        documentedDefault: /\bDefaults?(?: to)? ([^.]+?)\.(?:\s|$)/.exec(
          doc,
        )?.[1],
      });
      if (nested) walk(nested, `${path}${list ? '[]' : ''}.`);
    }
  };
  walk(config.members, '');
  // The top-level `harbor` object is the namespace every key lives in, not a setting of its own.
  return keys.filter(k => k.path.includes('.'));
}

/** The body rows of the Markdown tables under a heading (to the next heading of the same or a higher level). */
export function markdownTableUnder(
  markdown: string,
  heading: string,
): string[][] {
  const README = markdown;
  const level = heading.split(' ')[0];
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}" heading`);
  const next = README.slice(start + 1).search(
    new RegExp(`\\n#{1,${level.length}} `),
  );
  const text = README.slice(start, next < 0 ? undefined : start + 1 + next);
  const rows = text
    .split('\n')
    .filter(line => line.startsWith('|'))
    .map(line =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim().replace(/`/g, '').replace(/\\\|/g, '|')),
    );
  const separator = (row?: string[]) =>
    !!row && row.every(cell => /^:?-+:?$/.test(cell));
  return rows.filter((row, i) => !separator(row) && !separator(rows[i + 1]));
}

/** The key paths a YAML example sets, in the notation of {@link configKeys}. */
export function yamlPaths(value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(item =>
      item && typeof item === 'object' ? yamlPaths(item, `${prefix}[]`) : [],
    );
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...yamlPaths(child, path)];
    });
  }
  return [];
}
export { describeConfigurationReference } from './configurationReference';
