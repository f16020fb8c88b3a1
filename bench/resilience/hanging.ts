/*
 * Scenario (a): Harbor hangs (every call left unanswered). The first view and the CVE route must answer within
 * the request timeout plus 0.5 s; once the breaker is open, views come from the cache at once, marked stale, and
 * Harbor sees at most one probe per cool-down.
 */
import { performance } from 'node:perf_hooks';
import { round } from '../lib/stats';
import {
  Answer,
  BackendClient,
  describe,
  oneAfterAnother,
  usersFor,
} from './answers';
import { ENTITY_PATH, Settings } from './setup';
import { SimulatorAdmin } from './simulatorAdmin';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
/** Wall-clock time (the simulator's log) of a performance.now() time. */
export const wallTime = (t: number) => Math.round(performance.timeOrigin + t);
const VIEW = `${ENTITY_PATH}/images`;
/** Requests one user sends one after another to measure latency without queueing. */
const ONE_USER_REQUESTS = 200;

function summary(a: Answer) {
  return {
    ms: round(a.ms, 1),
    status: a.status,
    states: a.states,
    complete: a.complete,
    errorName: a.errorName,
    staleFlag: a.staleFlag,
  };
}

/** Polls the view until it answers complete (fresh); the time that took, in ms. */
export async function untilFresh(
  client: BackendClient,
  limitMs: number,
): Promise<{ ms?: number; polls: number }> {
  const started = performance.now();
  let polls = 0;
  while (performance.now() - started < limitMs) {
    polls++;
    const a = await client.get(VIEW);
    if (a.complete)
      return { ms: round(a.startedAt + a.ms - started, 0), polls };
    await sleep(100);
  }
  return { polls };
}

/** The CVE route's path for the first artifact digest a complete view names. */
export function cvePath(view: Answer): string {
  const body = view.body ?? '';
  const digest = /"digest":"(sha256:[0-9a-f]+)"/.exec(body)?.[1];
  if (!digest) throw new Error(`no digest in the view: ${body.slice(0, 300)}`);
  return `${ENTITY_PATH}/vulnerabilities?repository=library/bench-public&digest=${digest}`;
}

/** The same views while Harbor answers: 20 users, then one user (fresh copies, refreshed once a TTL). */
async function baseline(client: BackendClient, users: number, ms: number) {
  const many = await usersFor(users, ms, () => client.get(VIEW));
  const one = await oneAfterAnother(ONE_USER_REQUESTS, () => client.get(VIEW));
  return { users: describe(many), oneUser: describe(one) };
}

/** Views while Harbor hangs: from the first fast stale answer on, the breaker is open. */
async function whileHanging(
  client: BackendClient,
  admin: SimulatorAdmin,
  settings: Settings,
  load: { users: number; ms: number },
) {
  const answers = await usersFor(load.users, load.ms, () => client.get(VIEW));
  const one = await oneAfterAnother(ONE_USER_REQUESTS, () => client.get(VIEW));
  const end = performance.now();
  const open = answers.find(a => a.ms < 1000 && a.states.includes('stale'));
  if (!open) return { users: describe(answers), breakerOpened: false };
  const openMs = end - open.startedAt;
  return {
    beforeOpen: describe(answers.filter(a => a.startedAt < open.startedAt)),
    breakerOpenAfterMs: round(open.startedAt - answers[0].startedAt, 0),
    users: describe(answers.filter(a => a.startedAt >= open.startedAt)),
    oneUser: describe(one),
    openSeconds: round(openMs / 1000, 1),
    harborCallsWhileOpen: await admin.calls(wallTime(open.startedAt)),
    probeGoal: Math.ceil(openMs / settings.coolDownMs),
  };
}

export async function hangingScenario(options: {
  client: BackendClient;
  admin: SimulatorAdmin;
  settings: Settings;
  users: number;
  loadMs: number;
}) {
  const { client, admin, settings, users, loadMs } = options;
  const warm = await client.get(VIEW, { keepBody: true });
  const cve = cvePath(warm);
  await client.get(cve);
  const normal = await baseline(client, users, Math.min(loadMs, 10_000));
  await sleep(settings.cacheTtlMs + 300); // both cached copies have expired: a view needs Harbor
  const hangStart = Date.now();
  await admin.inject({ hang: true, forMs: 30 * 60_000 });
  const first = await client.get(VIEW);
  const firstCve = await client.get(cve);
  const hanging = await whileHanging(client, admin, settings, {
    users,
    ms: loadMs,
  });
  const instances = await client.get('/instances/health', { keepBody: true });
  const harborCallsWhileHanging = await admin.calls(hangStart);
  await admin.clearFaults();
  return {
    baseline: normal,
    first: summary(first),
    cveRoute: summary(firstCve),
    goalMs: settings.timeoutMs + 500,
    hanging,
    harborCallsWhileHanging,
    instancesHealthWhileHanging: instances.body?.slice(0, 600),
    freshAfterHarborAnswersAgain: await untilFresh(
      client,
      settings.coolDownMs * 3 + settings.timeoutMs * 2,
    ),
  };
}
