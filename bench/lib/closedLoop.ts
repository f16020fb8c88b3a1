import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';

/**
 * `total` calls of `request` from `concurrency` callers that each send the next request when their previous one
 * has been answered (a closed loop, like that many keep-alive clients). Latencies in ms, in completion order.
 */
export async function closedLoop(
  total: number,
  concurrency: number,
  request: () => Promise<void>,
): Promise<{ latencies: number[]; ms: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        await request();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, ms: performance.now() - started };
}

/** One GET through an undici pool, its body read to the end. */
export async function poolGet(
  pool: Pool,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number }> {
  const res = await pool.request({ method: 'GET', path, headers });
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  return { status: res.statusCode, bytes };
}
