import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// eslint-disable-next-line @backstage/no-undeclared-imports -- the workspace root's devDependency; declare it here to drop this line
import ts from 'typescript';
import { harborPermissions } from '@backstage-harbor/plugin-harbor-common';
import * as common from '@backstage-harbor/plugin-harbor-common';
import backendPlugin from './index';
import { TREND_SNAPSHOT_TASK_ID } from './plugin';

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

/** The routes of the router, each with the permission its handler checks ('—' for none). */
function routerRoutes(): Array<[string, string]> {
  const router = readFileSync(
    resolve(PACKAGE_DIR, 'src/service/router.ts'),
    'utf8',
  );
  const exported = common as Record<string, unknown>;
  return router
    .split(/\brouter\.(?=get|post|put|patch|delete)/)
    .slice(1)
    .map(chunk => {
      const [, method, path] = /^(\w+)\(\s*'([^']+)'/.exec(chunk)!;
      const constant = /\b(harbor\w+Permission)\b/.exec(chunk)?.[1];
      const permission = constant
        ? (exported[constant] as { name: string }).name
        : '—';
      return [`${method.toUpperCase()} ${path}`, permission];
    });
}

describe('the README of plugin-harbor-backend', () => {
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
      for (const key of keys.filter(k => k.visibility === 'secret')) {
        expect(rowOf(key.path)![3]).toBe('secret');
      }
    });
  });

  it('documents the install line for the default export, a backend feature', () => {
    // Prettier may wrap the line (and add a trailing comma); compare without them.
    expect(README.replace(/\s+/g, '').replace(/,\)/g, ')')).toContain(
      "backend.add(import('@backstage-harbor/plugin-harbor-backend'));",
    );
    expect(backendPlugin.$$type).toBe('@backstage/BackendFeature');
  });

  it('lists exactly the routes of the router, each with the permission it checks', () => {
    const documented = tableUnder('## REST API').map(([route, permission]) => [
      route,
      permission,
    ]);
    expect(documented.sort()).toEqual(routerRoutes().sort());
  });

  it('names only the permissions the plugin registers', () => {
    const named = new Set(
      [...README.matchAll(/`(harbor\.[a-z.]+\.read)`/g)].map(m => m[1]),
    );
    expect([...named].sort()).toEqual(
      harborPermissions.map(p => p.name).sort(),
    );
  });

  it('names the real id of the trend snapshot task and the tables of its migrations', () => {
    expect(README).toContain(`\`${TREND_SNAPSHOT_TASK_ID}\``);
    const migrations = readFileSync(
      resolve(PACKAGE_DIR, 'migrations/20250601000000_trend_snapshots.js'),
      'utf8',
    );
    const tables = [...migrations.matchAll(/createTable\('(\w+)'/g)].map(
      m => m[1],
    );
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(README).toContain(`\`${table}\``);
  });
});
