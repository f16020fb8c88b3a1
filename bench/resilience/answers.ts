/*
 * One answer of the Harbor backend as the benchmark sees it: its status, latency and how current it says its data
 * is (the per-repository `status.state` of plugin-harbor-common's availability wire types).
 */
import type { HarborDataState } from '@backstage-harbor/plugin-harbor-common';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { latencyPercentiles } from '../lib/stats';

const DATA_STATES: ReadonlySet<string> = new Set<HarborDataState>([
  'fresh',
  'stale',
  'not-found',
  'unreachable',
  'credentials-rejected',
]);

export interface Answer {
  path: string;
  /** performance.now() when it was sent. */
  startedAt: number;
  ms: number;
  status: number;
  /** Every data state the body names, in order. */
  states: string[];
  /** 200 with every part fresh: shown as if all were well. */
  complete: boolean;
  /** The body's `error.name` for an error answer. */
  errorName?: string;
  /** The body's `stale` flag. */
  staleFlag?: boolean;
  /** Whether the body contains the client's `watchFor` text (a secret that must not leak). */
  containsWatched: boolean;
  /** The body, only from `get(path, { keepBody: true })`: the load keeps no bodies (memory is measured). */
  body?: string;
}

function collectStates(value: unknown, into: string[]) {
  if (Array.isArray(value)) {
    for (const v of value) collectStates(v, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'state' && typeof v === 'string' && DATA_STATES.has(v)) {
        into.push(v);
      } else collectStates(v, into);
    }
  }
}

export function classify(
  status: number,
  body: string,
): Pick<Answer, 'states' | 'complete' | 'errorName' | 'staleFlag'> {
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    return { states: [], complete: false };
  }
  const states: string[] = [];
  collectStates(json, states);
  // The registry health answer says how it is in `status` and `connection.state` instead.
  const health = typeof json?.status === 'string' ? json.status : undefined;
  const connection = json?.connection?.state;
  const complete =
    status === 200 &&
    json?.stale !== true &&
    states.every(s => s === 'fresh') &&
    (health === undefined || health === 'healthy' || health === 'ok') &&
    (connection === undefined || connection === 'available');
  return {
    states,
    complete,
    errorName: json?.error?.name,
    staleFlag: json?.stale,
  };
}

/**
 * A keep-alive client of the backend's `apiUrl` (`<origin>/api/harbor`); answers wait up to `timeoutMs` (longer
 * than any Harbor timeout).
 */
export function backendClient(
  apiUrl: string,
  headers: Record<string, string>,
  options: {
    watchFor?: string;
    /** Keep the bodies of answers marked complete (those that should not be). */
    keepCompleteBodies?: boolean;
    timeoutMs?: number;
  } = {},
) {
  const { watchFor, keepCompleteBodies, timeoutMs = 120_000 } = options;
  const { origin, pathname } = new URL(apiUrl);
  const pool = new Pool(origin, {
    connections: 64,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return {
    async get(
      path: string,
      opts: { keepBody?: boolean } = {},
    ): Promise<Answer> {
      const startedAt = performance.now();
      let status = 0;
      let body = '';
      try {
        const res = await pool.request({
          method: 'GET',
          path: pathname + path,
          headers,
        });
        status = res.statusCode;
        body = await res.body.text();
      } catch (error) {
        body = String(error);
      }
      const ms = performance.now() - startedAt;
      const classified = classify(status, body);
      const keep = opts.keepBody || (keepCompleteBodies && classified.complete);
      return {
        path,
        startedAt,
        ms,
        status,
        containsWatched: watchFor !== undefined && body.includes(watchFor),
        body: keep ? body : undefined,
        ...classified,
      };
    },
    close: () => pool.close(),
  };
}

export type BackendClient = ReturnType<typeof backendClient>;

/** `users` callers, each sending its next request once its last is answered, until `durationMs` has passed. */
export async function usersFor(
  users: number,
  durationMs: number,
  request: () => Promise<Answer>,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (performance.now() < end) answers.push(await request());
    }),
  );
  return answers.sort((a, b) => a.startedAt - b.startedAt);
}

/** Counts of answers by a key. */
export function countBy(
  answers: Answer[],
  key: (a: Answer) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[key(a)] = (counts[key(a)] ?? 0) + 1;
  return counts;
}

/** What a series of answers looked like: how many, their statuses and data states, and latency percentiles. */
export function describe(answers: Answer[]) {
  if (answers.length === 0) return { answers: 0 };
  return {
    answers: answers.length,
    byStatus: countBy(answers, a => String(a.status)),
    byStates: countBy(answers, a => a.states.join(',') || 'none'),
    ...latencyPercentiles(
      answers.map(a => a.ms),
      1,
    ),
  };
}

/** `count` requests one after another (one user: latency without queueing). */
export async function oneAfterAnother(
  count: number,
  request: () => Promise<Answer>,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await request());
  return answers;
}
