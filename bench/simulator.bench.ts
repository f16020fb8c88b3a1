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
import type { HarborValidationMode } from '@backstage-harbor/harbor-simulator';
import { Pool } from 'undici';
import { closedLoop, poolGet } from './lib/closedLoop';
import { loadAverage, machine, mergeResults } from './lib/results';
import { forkHarborSimulator } from './lib/simulatorProcess';
import { latencyPercentiles, Percentiles, round } from './lib/stats';

const REQUESTS = Number(process.env.BENCH_SIM_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_SIM_CONCURRENCY ?? 32);
const MODES = (process.env.BENCH_SIM_MODES ?? 'off,throw').split(
  ',',
) as HarborValidationMode[];
const PAGE_PATH =
  process.env.BENCH_SIM_PATH ??
  '/projects/team-a/repositories/bench/artifacts?page=3&page_size=100&with_scan_overview=true';

interface ModeResult extends Percentiles {
  validation: HarborValidationMode;
  path: string;
  requests: number;
  concurrency: number;
  rps: number;
  kibPerResponse: number;
  errors: number;
  violations: number;
}

/** REQUESTS GETs of the page from CONCURRENCY connections, after a warm-up; latencies in ms (1 decimal). */
async function measurePage(apiUrl: string) {
  const url = new URL(`${apiUrl}${PAGE_PATH}`);
  const pool = new Pool(url.origin, {
    connections: CONCURRENCY,
    pipelining: 1,
  });
  const auth = `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}`;
  let errors = 0;
  const get = async (): Promise<number> => {
    const res = await poolGet(pool, url.pathname + url.search, {
      authorization: auth,
    });
    if (res.status !== 200) errors++;
    return res.bytes;
  };
  // Warm up (JIT, validators, per-artifact views, connections).
  await Promise.all(Array.from({ length: CONCURRENCY * 8 }, get));
  errors = 0;
  let bytes = 0;
  const { latencies, ms } = await closedLoop(
    REQUESTS,
    CONCURRENCY,
    async () => {
      // Not `bytes += await get()`: that would read `bytes` before the await and lose the other callers' bytes.
      const received = await get();
      bytes += received;
    },
  );
  await pool.close();
  return {
    rps: Math.round(REQUESTS / (ms / 1000)),
    ...latencyPercentiles(latencies, 1),
    kibPerResponse: round(bytes / REQUESTS / 1024, 1),
    errors,
  };
}

async function run(validation: HarborValidationMode): Promise<ModeResult> {
  const sim = await forkHarborSimulator({
    validation,
    artifacts: [
      {
        project: 'team-a',
        repository: 'bench',
        count: 1000,
        cvesPerArtifact: 10,
      },
    ],
    cpuProfileDir: process.env.BENCH_SIM_CPU_PROF,
  });
  const page = await measurePage(sim.apiUrl);
  const report = await sim.stop();
  const result: ModeResult = {
    validation,
    path: PAGE_PATH,
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    ...page,
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
  const loadBefore = loadAverage();
  const results: ModeResult[] = [];
  for (const mode of MODES) results.push(await run(mode));
  mergeResults('simulator', {
    date: new Date().toISOString(),
    machine: { ...machine(), loadBefore },
    results,
  });
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
