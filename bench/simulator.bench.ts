/*
 * Harbor simulator throughput: GET of a 100-artifact page with scan overviews, with response validation off and
 * on (`throw`, as in tests). The simulator runs alone in a child process (one core); the load comes from this
 * process over keep-alive loopback connections (undici), so the load generator does not share its event loop.
 * Run from the repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/simulator.bench.ts
 *
 * Environment: BENCH_SIM_REQUESTS (default 20000 per mode), BENCH_SIM_CONCURRENCY (default 32), BENCH_SIM_MODES
 * (default `off,throw`), BENCH_SIM_PATH (another API path, e.g. `/ping`), BENCH_SIM_CPU_PROF (a folder: the
 * simulator child writes a V8 CPU profile there). Results are merged into bench/results.json under `simulator`.
 */
/* eslint-disable no-console */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import {
  HarborValidationMode,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';

const REQUESTS = Number(process.env.BENCH_SIM_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_SIM_CONCURRENCY ?? 32);
const MODES = (process.env.BENCH_SIM_MODES ?? 'off,throw').split(
  ',',
) as HarborValidationMode[];
const PAGE_PATH =
  process.env.BENCH_SIM_PATH ??
  '/projects/team-a/repositories/bench/artifacts?page=3&page_size=100&with_scan_overview=true';

/** The child: a simulator with the demo seed plus a 1000-artifact repository (10 CVEs each). */
async function serve(validation: HarborValidationMode) {
  const sim = await startHarborSimulator({ validation, seed: 'demo' });
  sim.addArtifacts({
    project: 'team-a',
    repository: 'bench',
    count: 1000,
    cvesPerArtifact: 10,
  });
  process.send!({ apiUrl: sim.apiUrl });
  process.on('message', async m => {
    if (m !== 'stop') return;
    const statuses: Record<string, number> = {};
    for (const e of sim.requestLog)
      statuses[e.status ?? 'none'] = (statuses[e.status ?? 'none'] ?? 0) + 1;
    process.send!({ violations: sim.violations.length, statuses });
    await sim.stop();
    process.exit(0);
  });
}

interface ModeResult {
  validation: HarborValidationMode;
  path: string;
  requests: number;
  concurrency: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  kibPerResponse: number;
  errors: number;
  violations: number;
}

async function run(validation: HarborValidationMode): Promise<ModeResult> {
  const execArgv = ['-r', '@backstage/cli/config/nodeTransform.cjs'];
  const profDir = process.env.BENCH_SIM_CPU_PROF;
  if (profDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  const child = fork(__filename, ['--serve', validation], { execArgv });
  // The Backstage transform also talks over IPC, so wait for our own messages.
  const next = <T>(key: string) =>
    new Promise<T>(resolve => {
      const listener = (m: any) => {
        if (m && typeof m === 'object' && key in m) {
          child.off('message', listener);
          resolve(m);
        }
      };
      child.on('message', listener);
    });
  const { apiUrl } = await next<{ apiUrl: string }>('apiUrl');
  const url = new URL(`${apiUrl}${PAGE_PATH}`);
  const pool = new Pool(url.origin, {
    connections: CONCURRENCY,
    pipelining: 1,
  });
  const auth = `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}`;
  let errors = 0;
  const get = async (): Promise<number> => {
    const res = await pool.request({
      method: 'GET',
      path: url.pathname + url.search,
      headers: { authorization: auth },
    });
    let bytes = 0;
    for await (const chunk of res.body) bytes += chunk.length;
    if (res.statusCode !== 200) errors++;
    return bytes;
  };
  // Warm up (JIT, validators, per-artifact views, connections).
  await Promise.all(Array.from({ length: CONCURRENCY * 8 }, get));
  errors = 0;
  let sent = 0;
  let bytes = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < REQUESTS) {
        sent++;
        const t = performance.now();
        const received = await get();
        bytes += received;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.send('stop');
  const report = await next<{ violations: number }>('violations');
  await exited; // a CPU profile is written on exit
  await pool.close();
  const p = (q: number) =>
    Number(
      latencies[
        Math.min(latencies.length - 1, Math.floor(q * latencies.length))
      ].toFixed(1),
    );
  const result: ModeResult = {
    validation,
    path: PAGE_PATH,
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    rps: Math.round(REQUESTS / seconds),
    p50: p(0.5),
    p95: p(0.95),
    p99: p(0.99),
    kibPerResponse: Number((bytes / REQUESTS / 1024).toFixed(1)),
    errors,
    violations: report.violations,
  };
  console.log(
    `validation=${validation.padEnd(5)} ${result.rps} req/s, p50 ${
      result.p50
    } ms, p99 ${result.p99} ms, ${result.kibPerResponse} KiB/response, errors ${
      result.errors
    }, violations ${result.violations}`,
  );
  return result;
}

async function main() {
  if (process.argv[2] === '--serve') {
    await serve(process.argv[3] as HarborValidationMode);
    return;
  }
  const load = os.loadavg().map(l => Number(l.toFixed(2)));
  const results: ModeResult[] = [];
  for (const mode of MODES) results.push(await run(mode));
  const file = path.join(__dirname, 'results.json');
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // First run: no results yet.
  }
  all.simulator = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      node: process.version,
      loadBefore: load,
    },
    results,
  };
  fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
