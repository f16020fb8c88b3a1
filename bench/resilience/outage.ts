/*
 * Scenario (b): Harbor answers 500 to every call for a while, then recovers, under 20 concurrent users. Harbor
 * should see the calls that open the breaker and then at most one probe per cool-down; fresh data should be back
 * within one cool-down of the recovery; memory should not grow and no promise should be left rejected.
 */
import { performance } from 'node:perf_hooks';
import { round } from '../lib/stats';
import { BackendClient, describe, usersFor } from './answers';
import { untilFresh } from './hanging';
import { ENTITY_PATH, Settings } from './setup';
import { SimulatorAdmin } from './simulatorAdmin';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const MB = 1024 * 1024;
/**
 * The simulator counts calls, not breaker states: under 20 users the breaker opens within milliseconds of the
 * outage's start, so the calls of its first second are those that opened it (and any already in flight), and
 * later ones are probes.
 */
const OPENING_MS = 1000;
/** A second memory reading this long after the load: RSS returns to the system more slowly than the heap. */
const SETTLE_MS = 5000;

/** RSS, heap and memory outside it (Buffers) in MB, after a full GC when the process runs with --expose-gc. */
export function memory() {
  (global as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return {
    rssMB: round(m.rss / MB, 1),
    heapUsedMB: round(m.heapUsed / MB, 1),
    externalMB: round(m.external / MB, 1),
    arrayBuffersMB: round(m.arrayBuffers / MB, 1),
    gc: Boolean((global as { gc?: () => void }).gc),
  };
}

export async function outageScenario(options: {
  client: BackendClient;
  admin: SimulatorAdmin;
  settings: Settings;
  users: number;
  outageMs: number;
  unhandledRejections: () => number;
}) {
  const { client, admin, settings, users, outageMs } = options;
  await untilFresh(client, settings.coolDownMs * 3 + settings.timeoutMs * 2);
  const before = memory();
  const rejectionsBefore = options.unhandledRejections();
  await sleep(settings.cacheTtlMs + 300);

  const outageStart = Date.now();
  const t0 = performance.now();
  await admin.inject({ status: 500, forMs: outageMs });
  // After the outage: until two cool-downs (and jitter) have passed, time enough for a probe to find Harbor back.
  const answers = await usersFor(
    users,
    outageMs + 2.4 * settings.coolDownMs + 1000,
    () => client.get(`${ENTITY_PATH}/images`),
  );
  const opening = outageStart + OPENING_MS;
  const outageEnd = outageStart + outageMs;
  const harborCalls = {
    duringOutage: await admin.calls(outageStart, outageEnd),
    firstSecond: await admin.calls(outageStart, opening),
    restOfOutage: await admin.calls(opening, outageEnd),
    afterOutage: await admin.calls(outageEnd),
  };
  const recoveredAt = t0 + outageMs;
  const firstFresh = answers.find(
    a => a.startedAt >= recoveredAt && a.complete,
  );
  const result = {
    users,
    outageMs,
    answersDuringOutage: describe(
      answers.filter(a => a.startedAt < recoveredAt),
    ),
    answersAfterOutage: describe(
      answers.filter(a => a.startedAt >= recoveredAt),
    ),
    harborCalls,
    callGoal: {
      restOfOutage: Math.ceil((outageMs - OPENING_MS) / settings.coolDownMs),
      toOpen: settings.failureThreshold,
    },
    freshAfterRecoveryMs: firstFresh
      ? round(firstFresh.startedAt + firstFresh.ms - recoveredAt, 0)
      : null,
    freshGoalMs: settings.coolDownMs,
    memoryBefore: before,
  };
  // The bench's own record of the answers is not the backend's memory.
  answers.length = 0;
  const after = memory();
  await sleep(SETTLE_MS);
  return {
    ...result,
    memoryAfter: after,
    memoryAfterSettling: memory(),
    unhandledRejections: options.unhandledRejections() - rejectionsBefore,
  };
}
