import {
  describeConfigurationReference,
  markdownTableUnder,
} from '@backstage-harbor/readme-checks';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { harborPermissions } from '@backstage-harbor/plugin-harbor-common';
import * as common from '@backstage-harbor/plugin-harbor-common';
import backendPlugin from './index';
import { TREND_SNAPSHOT_TASK_ID } from './plugin';

const PACKAGE_DIR = resolve(__dirname, '..');
/** The node library's config.d.ts: the instance keys that this package's examples set too. */
const nodeLibraryConfig = resolve(
  dirname(require.resolve('@backstage-harbor/plugin-harbor-node/package.json')),
  'config.d.ts',
);
const README = readFileSync(resolve(PACKAGE_DIR, 'README.md'), 'utf8');

const tableUnder = (heading: string) => markdownTableUnder(README, heading);

/**
 * The routes of the routers (`src/service/*Router.ts`, `src/fleet/*Router.ts`), each with the permission its
 * handler checks ('—' for none). Each file is split on its own, so no route reads the next file's imports.
 */
function routerRoutes(): Array<[string, string]> {
  const sources = ['src/service', 'src/fleet']
    .map(dir => resolve(PACKAGE_DIR, dir))
    .flatMap(dir =>
      readdirSync(dir)
        .filter(file => /router\.ts$/i.test(file))
        .map(file => readFileSync(resolve(dir, file), 'utf8')),
    );
  const exported = common as Record<string, unknown>;
  return sources.flatMap(source =>
    source
      .split(/\brouter\.(?=get|post|put|patch|delete)/)
      .slice(1)
      .map((chunk): [string, string] => {
        const [, method, path] = /^(\w+)\(\s*'([^']+)'/.exec(chunk)!;
        const constant = /\b(harbor\w+Permission)\b/.exec(chunk)?.[1];
        const permission = constant
          ? (exported[constant] as { name: string }).name
          : '—';
        return [`${method.toUpperCase()} ${path}`, permission];
      }),
  );
}

describe('the README of plugin-harbor-backend', () => {
  describeConfigurationReference({
    readme: README,
    configFile: resolve(PACKAGE_DIR, 'config.d.ts'),
    // The cluster token is declared by the node library with the connection it belongs to.
    declaresSecrets: false,
    yamlExamplesUse: [nodeLibraryConfig],
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
    const names = harborPermissions.map(p => p.name);
    const named = [
      ...README.matchAll(
        /`(harbor\.(?:entity|project|migration|platform|fleet)\.[a-z.]*[a-z])`/g,
      ),
    ].map(m => m[1]);
    const reads = names.filter(name => name.endsWith('.read'));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(names).toContain(name);
    for (const name of reads) expect(named).toContain(name);
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
