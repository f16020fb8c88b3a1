/*
 * Resilience at the Harbor boundary (issue #18): our backend against a Harbor that hangs, one that answers 500
 * for a while and recovers, and credentials that Harbor answers as anonymous. The simulator runs in a child process
 * and is driven over its admin API; the backend runs here, so its memory and unhandled rejections are measured.
 * Run from the repository root:
 *
 *   LOG_LEVEL=warn node --expose-gc --require @backstage/cli/config/nodeTransform.cjs bench/resilience.bench.ts
 */
/* eslint-disable no-console */
import { pickPort } from './lib/backstage';
import { closeGetOnceConnections } from './lib/http';
import { loadAverage, machine, mergeResults } from './lib/results';
import { backendClient } from './resilience/answers';
import { wrongCredentialsScenario } from './resilience/credentials';
import { cvePath, hangingScenario } from './resilience/hanging';
import { outageScenario } from './resilience/outage';
import {
  ENTITY_PATH,
  Settings,
  startBackend,
  startHarbor,
} from './resilience/setup';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

const SETTINGS: Settings = {
  timeoutMs: env('BENCH_HARBOR_TIMEOUT_MS', 10_000),
  coolDownMs: env('BENCH_COOL_DOWN_MS', 5_000),
  failureThreshold: env('BENCH_FAILURE_THRESHOLD', 5),
  cacheTtlMs: env('BENCH_CACHE_TTL_MS', 1_000),
};
const USERS = env('BENCH_USERS', 20);
const HANG_LOAD_MS = env('BENCH_HANG_LOAD_MS', 30_000);
const OUTAGE_MS = env('BENCH_OUTAGE_MS', 30_000);
const CREDENTIALS_LOAD_MS = env('BENCH_CREDENTIALS_LOAD_MS', 5_000);
const SCENARIOS = (
  process.env.BENCH_SCENARIOS ?? 'hanging,outage,credentials'
).split(',');
const WRONG_PASSWORD = 'Not-the-Harbor-password-42';

async function main() {
  let unhandled = 0;
  process.on('unhandledRejection', error => {
    unhandled++;
    console.error('unhandled rejection:', error);
  });
  const { sim, admin } = await startHarbor();
  const port = pickPort();
  const ours = await startBackend(sim, SETTINGS, { port });
  const client = backendClient(ours.apiUrl, ours.headers);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: machine(),
    loadAverages: [loadAverage()],
    settings: { ...SETTINGS, users: USERS },
  };
  const warm = await client.get(`${ENTITY_PATH}/images`, { keepBody: true });
  if (warm.status !== 200)
    throw new Error(`warm-up view: ${warm.status} ${warm.body}`);
  const cve = cvePath(warm);
  if (SCENARIOS.includes('hanging')) {
    results.hanging = await hangingScenario({
      client,
      admin,
      settings: SETTINGS,
      users: USERS,
      loadMs: HANG_LOAD_MS,
    });
    console.log(JSON.stringify({ hanging: results.hanging }, null, 2));
  }
  if (SCENARIOS.includes('outage')) {
    results.outage = await outageScenario({
      client,
      admin,
      settings: SETTINGS,
      users: USERS,
      outageMs: OUTAGE_MS,
      unhandledRejections: () => unhandled,
    });
    console.log(JSON.stringify({ outage: results.outage }, null, 2));
  }
  if (SCENARIOS.includes('credentials')) {
    const wrong = await startBackend(sim, SETTINGS, {
      port: port + 1,
      password: WRONG_PASSWORD,
    });
    const wrongClient = backendClient(wrong.apiUrl, wrong.headers, {
      watchFor: WRONG_PASSWORD,
      keepCompleteBodies: true,
    });
    results.wrongCredentials = await wrongCredentialsScenario({
      client: wrongClient,
      users: USERS,
      loadMs: CREDENTIALS_LOAD_MS,
      cvePath: cve,
    });
    console.log(
      JSON.stringify({ wrongCredentials: results.wrongCredentials }, null, 2),
    );
    await wrongClient.close();
    await wrong.stop();
  }
  (results.loadAverages as number[][]).push(loadAverage());
  results.unhandledRejections = unhandled;
  results.simulator = await sim.stop();
  mergeResults('resilience', results);
  await client.close();
  await ours.stop();
  closeGetOnceConnections();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
