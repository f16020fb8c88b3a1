import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// eslint-disable-next-line @backstage/no-undeclared-imports -- the workspace root's devDependency; declare it here to drop this line
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import * as nodeLibrary from './index';

const PACKAGE_DIR = resolve(__dirname, '..');
const README = readFileSync(resolve(PACKAGE_DIR, 'README.md'), 'utf8');

interface ConfigKey {
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
function configKeys(file: string): ConfigKey[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const config = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'Config',
  );
  if (!config) throw new Error(`${file} declares no Config interface`);
  const keys: ConfigKey[] = [];
  const walk = (members: ts.NodeArray<ts.TypeElement>, prefix: string) => {
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
      const nested = ts.isTypeLiteralNode(type);
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
      if (ts.isTypeLiteralNode(type)) {
        walk(type.members, `${path}${list ? '[]' : ''}.`);
      }
    }
  };
  walk(config.members, '');
  // The top-level `harbor` object is the namespace every key lives in, not a setting of its own.
  return keys.filter(k => k.path.includes('.'));
}

/** The body rows of the Markdown tables under a heading (to the next heading of the same or a higher level). */
function tableUnder(heading: string): string[][] {
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

/** The key paths a YAML example sets under `harbor`, in the notation of {@link configKeys}. */
function yamlPaths(value: unknown, prefix: string): string[] {
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

const keys = configKeys(resolve(PACKAGE_DIR, 'config.d.ts'));
const rows = tableUnder('### Configuration reference');
const rowOf = (path: string) => rows.find(([key]) => key === path);

describe('the README of plugin-harbor-node', () => {
  describe('configuration reference', () => {
    it('lists every key of config.d.ts', () => {
      expect(keys.length).toBeGreaterThan(0);
      const missing = keys.map(k => k.path).filter(path => !rowOf(path));
      expect(missing).toEqual([]);
    });

    it('lists no key that config.d.ts does not declare', () => {
      const declared = new Set(keys.map(k => k.path));
      expect(rows.map(([key]) => key).filter(k => !declared.has(k))).toEqual(
        [],
      );
    });

    it('gives each key the type, requiredness, default and visibility of config.d.ts', () => {
      const documented = keys.map(key => {
        const [, type, defaultCell = '', visibility] = rowOf(key.path) ?? [];
        const stated = key.documentedDefault;
        return {
          key: key.path,
          type,
          required: defaultCell === 'required',
          default:
            stated && defaultCell.toLowerCase().includes(stated.toLowerCase())
              ? stated
              : stated && defaultCell,
          visibility,
        };
      });
      expect(documented).toEqual(
        keys.map(key => ({
          key: key.path,
          type: key.type,
          required: key.required,
          default: key.documentedDefault,
          visibility: key.visibility,
        })),
      );
    });

    it('marks every @visibility secret key as secret', () => {
      const secrets = keys.filter(k => k.visibility === 'secret');
      expect(secrets.length).toBeGreaterThan(0);
      for (const key of secrets) {
        expect(rowOf(key.path)![3]).toBe('secret');
      }
    });

    it('uses only declared keys in its YAML examples', () => {
      const declared = keys.map(k => k.path);
      const examples = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
        m => m[1],
      );
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        for (const doc of parseAllDocuments(example)) {
          const paths = yamlPaths(doc.toJS(), '').filter(p =>
            p.startsWith('harbor.'),
          );
          expect(paths.filter(p => !declared.includes(p))).toEqual([]);
        }
      }
    });
  });

  it('names only exports of the package in its API table', () => {
    const exported = nodeLibrary as Record<string, unknown>;
    const names = tableUnder('### API in short')
      .filter(([, meaning]) => !meaning.startsWith('types'))
      .flatMap(([cell]) => cell.split(',').map(name => name.trim()));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect({ name, exported: exported[name] !== undefined }).toEqual({
        name,
        exported: true,
      });
    }
  });
});
