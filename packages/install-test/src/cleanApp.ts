import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  answersOk,
  repoRoot,
  Service,
  startService,
  waitUntil,
} from '@backstage-harbor/e2e-harness';
import { stringify } from 'yaml';
import { readMarkedBlocks } from './readmes';
import { cleanEnv, run } from './processes';
import { LocalRegistry, startLocalRegistry } from './registry';

/** Ports apart from the demo portal's (3000, 7007, 7008, 7009), so both can run on one machine. */
export const appUrl = 'http://localhost:3100';
export const backendUrl = 'http://localhost:7107';
export const simulatorPort = 7108;

/** The published plugin packages, by folder, in dependency order. */
export const pluginFolders = [
  'harbor-common',
  'harbor-node',
  // A dependency of the backend and the scaffolder module, installed with them from the local registry.
  'harbor-platform-manifests',
  'harbor-backend',
  'scaffolder-harbor-actions',
  'harbor',
];

export const readmes = {
  backend: join(repoRoot, 'plugins/harbor-backend/README.md'),
  scaffolder: join(repoRoot, 'plugins/scaffolder-harbor-actions/README.md'),
  frontend: join(repoRoot, 'plugins/harbor/README.md'),
};

/** A component of the clean app's catalog whose images live in the simulator's demo project. */
export const entityRef = {
  namespace: 'default',
  kind: 'component',
  name: 'install-demo',
};

export interface CleanApp {
  dir: string;
  tarballs: string[];
  timings: Record<string, number>;
  stop(): Promise<void>;
}

async function timed<T>(
  timings: Record<string, number>,
  name: string,
  step: () => Promise<T>,
): Promise<T> {
  const start = Date.now();
  try {
    return await step();
  } finally {
    timings[name] = Date.now() - start;
  }
}

/**
 * Builds and packs the plugins the way a release does (`backstage-cli package build`, then `yarn pack`, whose
 * prepack rewrites package.json to point at dist/).
 */
async function packPlugins(outDir: string): Promise<string[]> {
  const env = cleanEnv();
  // Declarations come from the repository-wide tsc; a type error elsewhere in the repo is the typescript
  // check's to report, and `package build` fails below if this package's declarations are missing.
  await run('yarn', ['tsc'], { cwd: repoRoot, env }).catch(() => undefined);
  const tarballs: string[] = [];
  for (const folder of pluginFolders) {
    const cwd = join(repoRoot, 'plugins', folder);
    await run('yarn', ['backstage-cli', 'package', 'build'], { cwd, env });
    const tarball = join(outDir, `${folder}.tgz`);
    await run('yarn', ['pack', '--out', tarball], { cwd, env });
    tarballs.push(tarball);
  }
  return tarballs;
}

/** The clean app's configuration: its own ports, the simulator as its Harbor, a guest user. */
function appConfig(database: Record<string, unknown>) {
  return {
    app: { title: 'Harbor install test', baseUrl: appUrl, packages: 'all' },
    organization: { name: 'Install test' },
    backend: {
      baseUrl: backendUrl,
      listen: { host: '127.0.0.1', port: 7107 },
      cors: {
        origin: appUrl,
        methods: ['GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'DELETE'],
        credentials: true,
      },
      database,
    },
    auth: { environment: 'development', providers: { guest: {} } },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
      locations: [{ type: 'file', target: '../../catalog/entities.yaml' }],
    },
    harbor: {
      baseUrl: `http://127.0.0.1:${simulatorPort}`,
      // The simulator's demo administrator (packages/harbor-simulator/README.md), not a real secret.
      username: 'admin',
      password: '${HARBOR_PASSWORD}',
    },
  };
}

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'guest' },
    spec: { memberOf: ['team-a'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: entityRef.name,
      annotations: { 'goharbor.io/repository-slug': 'team-a/api' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
    },
  },
];

/**
 * The clean app's backend entry point: what a default backend has (auth, catalog), then exactly the lines the
 * READMEs give for the new backend system.
 */
function backendIndex(): string {
  const lines = [readmes.backend, readmes.scaffolder]
    .flatMap(readMarkedBlocks)
    .filter(b => b.target === 'backend')
    .map(b => b.code);
  if (lines.length !== 2)
    throw new Error(
      `expected the backend block of 2 READMEs, found ${lines.length}`,
    );
  return [
    "import { createBackend } from '@backstage/backend-defaults';",
    '',
    'const backend = createBackend();',
    "backend.add(import('@backstage/plugin-auth-backend'));",
    "backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));",
    "backend.add(import('@backstage/plugin-catalog-backend'));",
    '',
    ...lines,
    '',
    'backend.start();',
    '',
  ].join('\n');
}

/**
 * PostgreSQL when a server is given (CI), with a database prefix of this run's own, else SQLite in memory
 * (which compiles better-sqlite3 in the clean app, about two minutes).
 */
function databaseConfig(runId: string) {
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (pg) {
    return {
      config: {
        client: 'pg',
        connection: pg,
        prefix: `harbor_install_${runId}_`,
      },
      buildSqlite: false,
    };
  }
  return {
    config: { client: 'better-sqlite3', connection: ':memory:' },
    buildSqlite: true,
  };
}

async function dropDatabases(prefix: string) {
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg) return;
  const { Client } = require('pg');
  const client = new Client({ connectionString: pg });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const row of rows)
      await client.query(
        `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`,
      );
  } finally {
    await client.end();
  }
}

/**
 * Yarn's global cache keeps a package by name and version: drop an earlier run's tarballs of these packages,
 * so that the app installs the ones packed now.
 */
async function forgetCachedTarballs(appDir: string) {
  const cacheFolder = (
    await run('yarn', ['config', 'get', 'cacheFolder'], { cwd: appDir })
  ).trim();
  if (!existsSync(cacheFolder)) return;
  for (const file of readdirSync(cacheFolder)) {
    if (file.startsWith('@backstage-harbor-'))
      rmSync(join(cacheFolder, file), { force: true });
  }
}

/** Lays out the clean app from the template: Yarn set up for the local registry, config, catalog entities. */
function layOutApp(
  dir: string,
  registryUrl: string,
  database: ReturnType<typeof databaseConfig>,
) {
  cpSync(join(repoRoot, 'packages/install-test/template'), dir, {
    recursive: true,
  });
  // The workspace's lockfile pins the clean app to the same Backstage 1.55 versions (Yarn drops the entries
  // the app does not use); without it a fresh app can resolve mismatched releases.
  cpSync(join(repoRoot, 'yarn.lock'), join(dir, 'yarn.lock'));
  writeFileSync(
    join(dir, '.yarnrc.yml'),
    stringify({
      nodeLinker: 'node-modules',
      enableTelemetry: false,
      // Yarn makes installs immutable when CI is set; the README's `yarn add` commands change the lockfile.
      enableImmutableInstalls: false,
      npmMinimalAgeGate: '3d',
      npmPreapprovedPackages: ['@backstage/*', '@backstage-harbor/*'],
      npmScopes: { 'backstage-harbor': { npmRegistryServer: registryUrl } },
      unsafeHttpWhitelist: ['127.0.0.1'],
    }),
  );
  if (database.buildSqlite) {
    const manifest = JSON.parse(
      readFileSync(join(dir, 'package.json'), 'utf8'),
    );
    manifest.dependenciesMeta = { 'better-sqlite3': { built: true } };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  }
  writeFileSync(
    join(dir, 'app-config.yaml'),
    stringify(appConfig(database.config)),
  );
  mkdirSync(join(dir, 'catalog'));
  writeFileSync(
    join(dir, 'catalog/entities.yaml'),
    entities.map(e => stringify(e)).join('---\n'),
  );
}

/** Runs the READMEs' install commands as written, then writes the code blocks they tell users to write. */
async function installAsTheReadmesSay(dir: string) {
  await forgetCachedTarballs(dir);
  // No separate `yarn install`: the first README command installs the app's own dependencies too.
  const commands = Object.values(readmes)
    .flatMap(readMarkedBlocks)
    .filter(b => b.target === 'run');
  if (commands.length !== 3)
    throw new Error(`expected 3 install commands, found ${commands.length}`);
  for (const { code } of commands)
    await run('bash', ['-euo', 'pipefail', '-c', code], { cwd: dir });

  // Git keeps no empty folders: the template's backend has no src/ in a clone.
  mkdirSync(join(dir, 'packages/backend/src'), { recursive: true });
  writeFileSync(join(dir, 'packages/backend/src/index.ts'), backendIndex());
  for (const block of readMarkedBlocks(readmes.frontend).filter(b =>
    b.target.startsWith('packages/'),
  )) {
    mkdirSync(dirname(join(dir, block.target)), { recursive: true });
    writeFileSync(join(dir, block.target), `${block.code}\n`);
  }
}

/** Starts the Harbor simulator and the clean app, and waits until the app's backend and frontend answer. */
async function startServices(dir: string, services: Service[]) {
  services.push(
    startService(
      'the Harbor simulator',
      'node',
      [
        join(repoRoot, 'packages/harbor-simulator/bin/harbor-simulator'),
        '--port',
        String(simulatorPort),
        '--seed',
        'demo',
        '--validation',
        'log',
      ],
      { cwd: repoRoot, env: cleanEnv() },
    ),
  );
  services.push(
    startService('the clean app', 'yarn', ['start'], {
      cwd: dir,
      env: cleanEnv({
        NODE_ENV: 'development',
        BROWSER: 'none',
        HARBOR_PASSWORD: 'Harbor12345',
      }),
    }),
  );
  const timeoutMs = 300_000;
  for (const url of [`${backendUrl}/.backstage/health/v1/readiness`, appUrl]) {
    await waitUntil(
      `${url} did not answer within ${timeoutMs} ms`,
      () => answersOk(url),
      Date.now() + timeoutMs,
      services,
    );
  }
}

/**
 * Packs the plugins, creates a clean Backstage app in a temporary folder outside the workspace, installs them
 * into it with the READMEs' commands and code, and starts it (frontend :3100, backend :7107) against the Harbor
 * simulator (:7108).
 */
export async function startCleanApp(): Promise<CleanApp> {
  const timings: Record<string, number> = {};
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), 'harbor-install-test-'));
  const dir = join(work, 'app');
  const services: Service[] = [];
  let registry: LocalRegistry | undefined;
  const database = databaseConfig(runId);

  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await registry?.close();
    if (database.config.client === 'pg')
      await dropDatabases(String(database.config.prefix)).catch(
        () => undefined,
      );
  };

  try {
    mkdirSync(join(work, 'tarballs'));
    const tarballs = await timed(timings, 'pack', () =>
      packPlugins(join(work, 'tarballs')),
    );
    registry = await startLocalRegistry(tarballs);
    layOutApp(dir, registry.url, database);
    await timed(timings, 'install', () => installAsTheReadmesSay(dir));
    await timed(timings, 'start', () => startServices(dir, services));

    return {
      dir,
      tarballs,
      timings,
      stop: async () => {
        await stop();
        // KEEP_INSTALL_TEST_APP=1 keeps the app for a look after a failure.
        if (!process.env.KEEP_INSTALL_TEST_APP) {
          rmSync(work, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    const logs = services
      .map(s => `--- ${s.name} ---\n${s.output().slice(-6000)}`)
      .join('\n');
    await stop();
    throw new Error(`${error}\n(the clean app is kept in ${dir})\n${logs}`);
  }
}
