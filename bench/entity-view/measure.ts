import type { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import { performance } from 'node:perf_hooks';
import { withCpuProfile } from '../lib/cpuProfile';
import type { HarborBackend } from '../lib/harborBackend';
import { getOnce } from '../lib/http';
import { LoadResult, measureLoad } from '../lib/measureLoad';
import { loadAverage } from '../lib/results';
import { median, round } from '../lib/stats';
import type { Target } from './targets';

/** 1. Harbor calls of our entity view of each `bench-<n>` repository, cold and then warm. */
export async function harborCallsPerView(
  sim: HarborSimulator,
  ours: HarborBackend,
  sizes: number[],
): Promise<Array<Record<string, unknown>>> {
  const calls: Array<Record<string, unknown>> = [];
  for (const n of sizes) {
    const view = `${ours.apiUrl}/entities/default/component/bench-${n}/images`;
    sim.clearLog();
    const cold = await getOnce(view, ours.headers);
    const coldCalls = sim.log.count();
    const coldLists = sim.log.count('listArtifacts');
    sim.clearLog();
    const warm = await getOnce(view, ours.headers);
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
  return calls;
}

export interface RoundsOptions {
  concurrency: number;
  rounds: number;
  /** A file for a V8 CPU profile of this process (the backend) during our first round. */
  cpuProfile?: string;
  /** Where the machine's load is recorded after each round. */
  loadAverages: number[][];
}

type Round = LoadResult & {
  busyMsPerRequest: number;
  harborCallsPerView: number;
};

/** Warm-up: enough requests for V8 to optimise each target's hot path, as in a backend that has been running. */
export async function warmUp(targets: Target[], concurrency: number) {
  for (const t of targets) {
    await measureLoad({
      url: t.url,
      total: Math.min(1000, t.requests),
      headers: t.headers,
      concurrency,
    });
  }
}

async function measureRound(
  sim: HarborSimulator,
  t: Target,
  concurrency: number,
): Promise<Round> {
  sim.clearLog();
  // The backend's own thread: how busy its event loop was per request (the load runs on another thread).
  const elu = performance.eventLoopUtilization();
  const result = await measureLoad({
    url: t.url,
    total: t.requests,
    headers: t.headers,
    concurrency,
  });
  const { active } = performance.eventLoopUtilization(elu);
  return {
    ...result,
    busyMsPerRequest: round(active / t.requests, 3),
    harborCallsPerView: sim.log.count() / t.requests,
  };
}

/**
 * 2. Warm throughput: the targets in turn, `rounds` times (the machine is shared, so each round's figures of ours
 * and theirs saw the same load).
 */
export async function throughputRounds(
  sim: HarborSimulator,
  targets: Target[],
  options: RoundsOptions,
): Promise<Map<Target, Round[]>> {
  const rounds = new Map<Target, Round[]>(targets.map(t => [t, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const t of targets) {
      const profile = t.ours && round === 0 ? options.cpuProfile : undefined;
      const result = await withCpuProfile(profile, () =>
        measureRound(sim, t, options.concurrency),
      );
      rounds.get(t)!.push(result);
    }
    options.loadAverages.push(loadAverage());
  }
  return rounds;
}

/** Each target's medians over the rounds, with ours ÷ theirs per round. */
export function summarise(
  targets: Target[],
  rounds: Map<Target, Round[]>,
): Array<Record<string, unknown>> {
  const ourRounds = rounds.get(targets.find(t => t.ours)!)!;
  return targets.map(t => {
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
        runs.map((r, i) => round(ourRounds[i].rps / r.rps, 2)),
      );
    }
    return summary;
  });
}

export interface LatencyOptions {
  concurrency: number;
  /** Harbor's answer time per call, one round each. */
  latenciesMs: number[];
  /** Requests to each of theirs per round (ours gets its usual number). */
  theirRequests: number;
  loadAverages: number[][];
}

/**
 * 3. The same views when Harbor takes `ms` to answer each call the existing plugins make: one round per latency,
 * ours (cached, so it does not call Harbor) measured in the same round as theirs.
 */
export async function harborLatencyRounds(
  sim: HarborSimulator,
  targets: Target[],
  options: LatencyOptions,
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  const operations = new Set(targets.flatMap(t => t.operations ?? []));
  for (const ms of options.latenciesMs) {
    const faults = [...operations].map(operationId =>
      sim.faults.inject({ operationId, always: true, latencyMs: ms }),
    );
    let oursRps = 0;
    for (const t of targets.filter(x => x.withLatency)) {
      sim.clearLog();
      const result = await measureLoad({
        url: t.url,
        total: t.ours
          ? t.requests
          : Math.min(t.requests, options.theirRequests),
        headers: t.headers,
        concurrency: options.concurrency,
      });
      if (t.ours) oursRps = result.rps;
      rows.push({
        harborLatencyMs: ms,
        plugin: t.label,
        rps: result.rps,
        p50: result.p50,
        p95: result.p95,
        errors: result.errors,
        harborCallsPerView: sim.log.count() / result.requests,
        ...(t.ours ? {} : { oursTimesFaster: round(oursRps / result.rps, 1) }),
      });
    }
    faults.forEach(f => f.remove());
    options.loadAverages.push(loadAverage());
  }
  return rows;
}
