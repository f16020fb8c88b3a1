import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// eslint-disable-next-line @backstage/no-undeclared-imports -- the workspace root's devDependency; declare it here to drop this line
import ts from 'typescript';
import harborPlugin, * as alpha from './alpha';
import * as root from './index';

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

const keys = configKeys(resolve(PACKAGE_DIR, 'config.d.ts'));
const rows = tableUnder('### Configuration reference');
const rowOf = (path: string) => rows.find(([key]) => key === path);

/** The ids of the extensions of the `/alpha` plugin, as the app knows them. */
const extensionIds = (
  harborPlugin as unknown as { extensions: Array<{ id: string }> }
).extensions.map(e => e.id);

describe('the README of plugin-harbor', () => {
  describe('new frontend system', () => {
    const table = tableUnder('### New frontend system');

    it('lists exactly the extensions of the /alpha plugin', () => {
      expect(extensionIds.length).toBeGreaterThan(0);
      expect(table.map(([id]) => id).sort()).toEqual([...extensionIds].sort());
    });

    it('names ids the plugin resolves, in its table and its app-config examples', () => {
      const named = new Set([
        ...table.map(([id]) => id),
        ...(README.match(/\b[a-z-]+:harbor(?:\/[a-z-]+)?(?=[`:\s])/g) ?? []),
      ]);
      for (const id of named) {
        expect(() => harborPlugin.getExtension(id as any)).not.toThrow();
      }
    });

    it('pairs each extension id with the /alpha export that defines it', () => {
      for (const [id, name] of table) {
        const exported = (alpha as Record<string, any>)[name];
        const extension = harborPlugin.getExtension(id as any) as any;
        expect({ id, kind: exported?.kind, name: exported?.name }).toEqual({
          id,
          kind: extension.kind,
          name: extension.name,
        });
        expect(exported.factory).toBe(extension.factory);
      }
    });

    it('documents the /alpha default export, a frontend plugin', () => {
      expect(README).toContain(
        "import harborPlugin from '@backstage-harbor/plugin-harbor/alpha';",
      );
      expect(harborPlugin.$$type).toBe('@backstage/FrontendPlugin');
      expect(typeof alpha.isHarborEntity).toBe('function');
      expect(README).toContain('`isHarborEntity`');
    });
  });

  describe('legacy frontend system', () => {
    const exported = root as Record<string, unknown>;

    it('names only exports of the package root', () => {
      const names = tableUnder('### Legacy frontend system').flatMap(([cell]) =>
        cell.split(',').map(name => name.trim()),
      );
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect({ name, exported: exported[name] !== undefined }).toEqual({
          name,
          exported: true,
        });
      }
    });

    it('imports only exports of the package root in its EntityPage example', () => {
      const example =
        /import \{([^}]+)\} from '@backstage-harbor\/plugin-harbor';/.exec(
          README,
        );
      const names = example![1]
        .split(',')
        .map(n => n.trim())
        .filter(Boolean);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(exported[name]).toBeDefined();
    });

    it('lists every component extension the package root exports', () => {
      const components = Object.keys(exported).filter(name =>
        /^Entity\w+|FieldExtension$/.test(name),
      );
      for (const name of components) expect(README).toContain(`\`${name}\``);
    });
  });

  describe('configuration reference', () => {
    it('lists exactly the keys of config.d.ts', () => {
      expect(keys.length).toBeGreaterThan(0);
      expect(rows.map(([key]) => key).sort()).toEqual(
        keys.map(k => k.path).sort(),
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
      for (const key of keys.filter(k => k.visibility === 'secret')) {
        expect(rowOf(key.path)![3]).toBe('secret');
      }
    });
  });
});
