/*
 * Entity-view benchmark of the Harbor backend plugin, and of the two existing Harbor backend plugins against the
 * same simulator data. Loopback only, bounded request counts. Run from the repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/entity-view.bench.ts
 *
 * The comparison plugins are installed in bench/node_modules with `npm ci --legacy-peer-deps` in bench/ (not part
 * of the Yarn workspace); without them only our figures are measured.
 */
/* eslint-disable no-console */
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import { pickPort } from './lib/backstage';
import {
  componentEntity,
  harborConnection,
  startHarborBackend,
} from './lib/harborBackend';
import { closeGetOnceConnections } from './lib/http';
import { loadAverage, machine, writeResults } from './lib/results';
import {
  harborCallsPerView,
  harborLatencyRounds,
  summarise,
  throughputRounds,
  warmUp,
} from './entity-view/measure';
import { entityViewTargets } from './entity-view/targets';

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

/** The simulator with repositories `library/bench-<n>` of n artifacts. */
async function startSimulator() {
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
  return sim;
}

async function main() {
  const sim = await startSimulator();
  const port = pickPort();
  const ours = await startHarborBackend({
    port,
    harbor: harborConnection(sim),
    entities: SIZES.map(n =>
      componentEntity(`bench-${n}`, `library/bench-${n}`),
    ),
  });
  const calls = await harborCallsPerView(sim, ours, SIZES);

  // Warm-cache throughput of the 10-artifact repository for all three plugins.
  const { targets, notMeasured, servers, theirBackend } =
    await entityViewTargets({
      sim,
      ours,
      theirPort: port + 1,
      ourRequests: OUR_REQUESTS,
      theirRequests: THEIR_REQUESTS,
    });
  await warmUp(targets, CONCURRENCY);
  const loadAverages = [loadAverage()];
  const rounds = await throughputRounds(sim, targets, {
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    cpuProfile: process.env.BENCH_CPU_PROF,
    loadAverages,
  });
  const withLatency = await harborLatencyRounds(sim, targets, {
    concurrency: CONCURRENCY,
    latenciesMs: HARBOR_LATENCIES_MS,
    theirRequests: LATENCY_REQUESTS,
    loadAverages,
  });
  for (const server of servers) server.close();

  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    concurrency: CONCURRENCY,
    loadAverages,
    calls,
    throughput: [...notMeasured, ...summarise(targets, rounds)],
    withLatency,
  };
  writeResults(results);
  console.log(JSON.stringify(results, null, 2));

  await ours.stop();
  await theirBackend.stop();
  await sim.stop();
  closeGetOnceConnections();
  // The legacy plugin's module keeps a Redis client and node-fetch sockets open.
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
