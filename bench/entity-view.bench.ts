/*
 * Entity-view benchmark of the Harbor backend plugin, and of the two existing Harbor backend plugins against the
 * same simulator data. Loopback only, bounded request counts. Run from the repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/entity-view.bench.ts
 *
 * The comparison plugins are installed in bench/node_modules with `npm install` in bench/ (not part of the
 * Yarn workspace); without them only our figures are measured.
 */
/* eslint-disable no-console */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const TOKEN = 'bench-static-token-0123456789abcdef';
const SIZES = [10, 250, 1000];
const CONCURRENCY = 50;
const OUR_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const THEIR_REQUESTS = Number(process.env.BENCH_THEIR_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Harbor's own answer time, added by the simulator to every call during a second series of rounds. The simulator
// answers a 10-artifact list in well under a millisecond; a real Harbor takes tens of milliseconds at best and
// seconds on large repositories (goharbor/harbor#18598: 580 ms without scan overviews, 5.7 s with them), and its
// own performance test reports a median of 30 s at 300 concurrent list calls (goharbor/harbor#14814).
const HARBOR_LATENCIES_MS = (
  process.env.BENCH_HARBOR_LATENCY_MS ?? '25,50,100,250'
)
  .split(',')
  .map(Number)
  .filter(ms => ms > 0);
const LATENCY_REQUESTS = Number(process.env.BENCH_LATENCY_REQUESTS ?? 300);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
  });
}

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

// The load generator runs on a worker thread, so that it does not share the event loop of the backend it measures.
// It uses undici with keep-alive connections: node:http's client costs several times more per request and was
// the bottleneck (its ceiling, a bare express handler, was below what the backend can serve).
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require(workerData.undici);
const { url, total, concurrency, headers } = workerData;
const target = new URL(url);
const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1 });
const path = target.pathname + target.search;
const get = async () => {
  const res = await pool.request({ method: 'GET', path, headers });
  for await (const _ of res.body);
  return res.statusCode;
};
(async () => {
  const latencies = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      const t0 = performance.now();
      const status = await get().catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  }));
  parentPort.postMessage({ latencies, errors, ms: performance.now() - started });
  await pool.close();
})();
`;

/** `total` GETs of `url` from `CONCURRENCY` connections; latency percentiles in ms. */
async function load(
  url: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const worker = new Worker(LOAD_WORKER, {
    eval: true,
    workerData: {
      url,
      total,
      concurrency: CONCURRENCY,
      headers,
      undici: require.resolve('undici'),
    },
  });
  const { latencies, errors, ms } = await new Promise<{
    latencies: number[];
    errors: number;
    ms: number;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const seconds = ms / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Number(
      latencies[
        Math.min(latencies.length - 1, Math.floor(p * latencies.length))
      ].toFixed(2),
    );
  return {
    requests: total,
    errors,
    seconds: Number(seconds.toFixed(2)),
    rps: Math.round(total / seconds),
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
  };
}

function entity(name: string, slug: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'goharbor.io/repository-slug': slug },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/bench',
    },
  };
}

async function listen(
  app: express.Express,
): Promise<{ url: string; close: () => void }> {
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

function loadComparison(name: string): any | undefined {
  try {
    return require(path.join(__dirname, 'node_modules', name));
  } catch (error) {
    console.warn(
      `Not measured: ${name} could not be loaded: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
    return undefined;
  }
}

async function main() {
  // Validation off: the simulator is then as fast as it gets, which favours the plugins that call it per view.
  const sim = await startHarborSimulator({
    port: 0,
    seed: 'demo',
    validation: 'off',
  });
  for (const n of SIZES) {
    sim.addArtifacts({
      project: 'library',
      repository: `bench-${n}`,
      count: n,
      seed: n,
    });
  }

  const port = 7300 + Math.floor(Math.random() * 500);
  const catalog = new InMemoryCatalogClient({
    entities: SIZES.map(n => entity(`bench-${n}`, `library/bench-${n}`)),
  });
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog as any,
    }),
  );
  backend.add(
    (await import('@backstage/backend-defaults/rootConfig'))
      .rootConfigServiceFactory,
  );
  backend.add(import('@backstage-harbor/plugin-harbor-backend'));
  process.env.APP_CONFIG_bench = '1';
  const configPath = path.join(os.tmpdir(), `harbor-bench-${process.pid}.json`);
  fs.writeFileSync(
    configPath,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'bench' } },
          ],
        },
      },
      harbor: {
        baseUrl: sim.url,
        username: sim.adminCredentials.username,
        password: sim.adminCredentials.password,
        trends: { initialDelay: { hours: 1 } },
      },
    }),
  );
  process.argv.push('--config', configPath);
  await backend.start();
  const ours = `http://127.0.0.1:${port}/api/harbor/entities/default/component`;
  const auth = { Authorization: `Bearer ${TOKEN}` };

  // 1. Harbor calls per entity view, cold and warm.
  const calls: Array<Record<string, unknown>> = [];
  for (const n of SIZES) {
    sim.clearLog();
    const cold = await get(`${ours}/bench-${n}/images`, auth);
    const coldCalls = sim.log.count();
    const coldLists = sim.log.count('listArtifacts');
    sim.clearLog();
    const warm = await get(`${ours}/bench-${n}/images`, auth);
    const shown = JSON.parse(cold.body).repositories[0].artifacts.length;
    if (cold.status !== 200 || warm.status !== 200 || shown !== n) {
      throw new Error(
        `bench-${n}: ${cold.status}/${warm.status}, ${shown} artifacts`,
      );
    }
    calls.push({
      plugin: 'ours',
      artifacts: n,
      shown,
      coldHarborCalls: coldCalls,
      coldListCalls: coldLists,
      goalColdListCalls: Math.ceil(n / 100),
      warmHarborCalls: sim.log.count(),
    });
  }

  // 2. Warm-cache throughput at 50 concurrent requests, the 10-artifact repository for all three plugins. The
  // machine is shared, so the targets are measured in turn, BENCH_ROUNDS times, and medians are reported.
  const config = new ConfigReader({
    harbor: {
      baseUrl: sim.url,
      username: sim.adminCredentials.username,
      password: sim.adminCredentials.password,
    },
  });
  const logger = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return logger;
    },
  };
  interface Target {
    label: string;
    url: string;
    requests: number;
    headers?: Record<string, string>;
    ours?: boolean;
    shown?: number;
    harborCallsFirstView?: number;
    /** The Harbor operations one view calls (for the latency rounds). */
    operations?: string[];
    /** Measured again with Harbor latency: ours, and the plugins inside a Backstage backend. */
    withLatency?: boolean;
  }
  const plain = express();
  plain.get('/ok', (_req, res) => res.json({ status: 'ok' }));
  const plainServer = await listen(plain);
  // Ceilings of this machine: a bare express handler, and a trivial route through the Backstage backend stack
  // (authentication, request logging, error handling) without any service call.
  const targets: Target[] = [
    {
      label: 'baseline: bare express handler',
      url: `${plainServer.url}/ok`,
      requests: OUR_REQUESTS,
    },
    {
      label: 'baseline: GET /api/harbor/health through the Backstage backend',
      url: `http://127.0.0.1:${port}/api/harbor/health`,
      requests: OUR_REQUESTS,
      headers: auth,
    },
    {
      label:
        '@backstage-harbor/plugin-harbor-backend (ours, all artifacts, cached)',
      url: `${ours}/bench-10/images`,
      requests: OUR_REQUESTS,
      headers: auth,
      ours: true,
      shown: 10,
      withLatency: true,
    },
  ];
  const comparisons = [
    {
      label:
        '@bestsellerit/backstage-plugin-harbor-backend 0.3.2 (legacy createRouter on a bare express app, no auth)',
      module: '@bestsellerit/backstage-plugin-harbor-backend',
    },
    {
      label:
        '@digitalist-open-cloud/backstage-plugin-harbor-backend 0.9.0 (its router on a bare express app, no auth)',
      module:
        '@digitalist-open-cloud/backstage-plugin-harbor-backend/dist/service/router.cjs.js',
    },
  ];
  const throughput: Array<Record<string, unknown>> = [];
  const servers = [plainServer];
  for (const c of comparisons) {
    const mod = loadComparison(c.module);
    if (!mod?.createRouter) {
      throughput.push({ plugin: c.label, notMeasured: 'could not be loaded' });
      continue;
    }
    const app = express();
    app.use('/api/harbor', await mod.createRouter({ logger, config }));
    const server = await listen(app);
    servers.push(server);
    const url = `${server.url}/api/harbor/artifacts?project=library&repository=bench-10`;
    sim.clearLog();
    const one = await get(url);
    targets.push({
      label: c.label,
      url,
      requests: THEIR_REQUESTS,
      shown: one.status === 200 ? JSON.parse(one.body).length : 0,
      harborCallsFirstView: sim.log.count(),
    });
  }
  // The same plugins as they are deployed: inside a Backstage backend (authentication, the root HTTP router's
  // middleware), like ours. The digitalist plugin is its own new-backend-system plugin; the legacy router is
  // wrapped the way a new backend mounts one.
  const theirPort = port + 1;
  const theirBackend = createBackend();
  theirBackend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () =>
        new ConfigReader({
          backend: {
            baseUrl: `http://127.0.0.1:${theirPort}`,
            listen: { host: '127.0.0.1', port: theirPort },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                { type: 'static', options: { token: TOKEN, subject: 'bench' } },
              ],
            },
          },
          harbor: config.get('harbor'),
        }),
    }),
  );
  const legacy = loadComparison(comparisons[0].module);
  if (legacy?.createRouter) {
    theirBackend.add(
      createBackendPlugin({
        pluginId: 'harbor-legacy',
        register(env) {
          env.registerInit({
            deps: {
              httpRouter: coreServices.httpRouter,
              logger: coreServices.logger,
              config: coreServices.rootConfig,
            },
            async init(deps) {
              deps.httpRouter.use(await legacy.createRouter(deps));
            },
          });
        },
      }),
    );
  }
  const digitalist = loadComparison(
    '@digitalist-open-cloud/backstage-plugin-harbor-backend',
  );
  if (digitalist?.default) {
    theirBackend.add(digitalist.default);
  }
  await theirBackend.start();
  for (const [label, pluginPath] of [
    [
      '@bestsellerit/backstage-plugin-harbor-backend 0.3.2 (legacy createRouter wrapped in a Backstage backend)',
      'harbor-legacy',
    ],
    [
      '@digitalist-open-cloud/backstage-plugin-harbor-backend 0.9.0 (its plugin in a Backstage backend)',
      'harbor',
    ],
  ]) {
    const url = `http://127.0.0.1:${theirPort}/api/${pluginPath}/artifacts?project=library&repository=bench-10`;
    sim.clearLog();
    const one = await get(url, auth);
    if (one.status !== 200) {
      throughput.push({ plugin: label, notMeasured: `status ${one.status}` });
      continue;
    }
    targets.push({
      label,
      url,
      requests: THEIR_REQUESTS,
      headers: auth,
      shown: JSON.parse(one.body).length,
      harborCallsFirstView: sim.log.count(),
      operations: [
        ...new Set(sim.log.entries.map(e => e.operationId ?? e.path)),
      ],
      withLatency: true,
    });
  }

  // Warm-up: enough requests for V8 to optimise each target's hot path, as in a backend that has been running.
  for (const t of targets)
    await load(t.url, Math.min(1000, t.requests), t.headers);

  // BENCH_CPU_PROF=file.cpuprofile: a V8 CPU profile of this process during our warm load (first round) only.
  const profiler = process.env.BENCH_CPU_PROF
    ? new (await import('node:inspector/promises')).Session()
    : undefined;
  const rounds = new Map<Target, Array<Record<string, number>>>(
    targets.map(t => [t, []]),
  );
  const loadAverages: number[][] = [os.loadavg()];
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      const profile = profiler && t.ours && round === 0;
      if (profile) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      sim.clearLog();
      // The backend's own thread: how busy its event loop was per request (the load runs on another thread).
      const elu = performance.eventLoopUtilization();
      const result = await load(t.url, t.requests, t.headers);
      const { active } = performance.eventLoopUtilization(elu);
      if (profile) {
        const { profile: data } = await profiler.post('Profiler.stop');
        fs.writeFileSync(process.env.BENCH_CPU_PROF!, JSON.stringify(data));
        profiler.disconnect();
      }
      rounds.get(t)!.push({
        ...result,
        busyMsPerRequest: Number((active / t.requests).toFixed(3)),
        harborCallsPerView: sim.log.count() / t.requests,
      });
    }
    loadAverages.push(os.loadavg());
  }

  // 3. The same views when Harbor takes `ms` to answer each call: one round per latency, ours (cached, so it does
  // not call Harbor) measured in the same round as theirs.
  const withLatency: Array<Record<string, unknown>> = [];
  for (const ms of HARBOR_LATENCIES_MS) {
    const operations = new Set(targets.flatMap(t => t.operations ?? []));
    const faults = [...operations].map(operationId =>
      sim.faults.inject({ operationId, always: true, latencyMs: ms }),
    );
    let oursRps = 0;
    for (const t of targets.filter(x => x.withLatency)) {
      sim.clearLog();
      const result = await load(
        t.url,
        t.ours ? t.requests : Math.min(t.requests, LATENCY_REQUESTS),
        t.headers,
      );
      if (t.ours) oursRps = result.rps;
      withLatency.push({
        harborLatencyMs: ms,
        plugin: t.label,
        rps: result.rps,
        p50: result.p50,
        p95: result.p95,
        errors: result.errors,
        harborCallsPerView: sim.log.count() / result.requests,
        ...(t.ours
          ? {}
          : { oursTimesFaster: Number((oursRps / result.rps).toFixed(1)) }),
      });
    }
    faults.forEach(f => f.remove());
    loadAverages.push(os.loadavg());
  }
  for (const server of servers) server.close();

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? sorted[mid]
      : Number(((sorted[mid - 1] + sorted[mid]) / 2).toFixed(2));
  };
  const ourRounds = rounds.get(targets.find(t => t.ours)!)!;
  for (const t of targets) {
    const runs = rounds.get(t)!;
    const summary: Record<string, unknown> = {
      plugin: t.label,
      shown: t.shown,
      requests: t.requests,
      rounds: runs.length,
      rps: median(runs.map(r => r.rps)),
      p50: median(runs.map(r => r.p50)),
      p95: median(runs.map(r => r.p95)),
      p99: median(runs.map(r => r.p99)),
      errors: runs.reduce((n, r) => n + r.errors, 0),
      busyMsPerRequest: median(runs.map(r => r.busyMsPerRequest)),
      harborCallsPerView: median(runs.map(r => r.harborCallsPerView)),
      harborCallsFirstView: t.harborCallsFirstView,
      perRound: runs.map(r => ({ rps: r.rps, p95: r.p95 })),
    };
    if (!t.ours && !t.label.startsWith('baseline')) {
      // Ours over theirs in the same round, so both saw the same load of the machine.
      summary.oursTimesFaster = median(
        runs.map((r, i) => Number((ourRounds[i].rps / r.rps).toFixed(2))),
      );
    }
    throughput.push(summary);
  }

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      node: process.version,
    },
    concurrency: CONCURRENCY,
    loadAverages: loadAverages.map(l => l.map(v => Number(v.toFixed(2)))),
    calls,
    throughput,
    withLatency,
  };
  fs.writeFileSync(
    path.join(__dirname, 'results.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log(JSON.stringify(results, null, 2));

  await backend.stop();
  await theirBackend.stop();
  await sim.stop();
  fs.rmSync(configPath, { force: true });
  agent.destroy();
  // The legacy plugin's module keeps a Redis client and node-fetch sockets open.
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
