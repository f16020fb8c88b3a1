import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadWorkerAnswer, LoadWorkerData } from './loadWorker';
import { latencyPercentiles, Percentiles, round } from './stats';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** How many GETs in all. */
  total: number;
  /** How many keep-alive connections send them, each the next when its previous one is answered. */
  concurrency: number;
}

export interface LoadResult extends Percentiles {
  requests: number;
  /** Answers other than 200, and requests that failed. */
  errors: number;
  seconds: number;
  rps: number;
}

/**
 * `total` GETs of `url` from `concurrency` connections; latency percentiles in ms (2 decimals).
 *
 * The load generator runs on a worker thread, so that it does not share the event loop of a backend in this
 * process that it measures. It uses undici with keep-alive connections: node:http's client costs several times
 * more per request and was the bottleneck (its ceiling, a bare express handler, was below what the backend can
 * serve).
 */
export async function measureLoad({
  url,
  headers = {},
  total,
  concurrency,
}: LoadOptions): Promise<LoadResult> {
  const workerData: LoadWorkerData = { url, total, concurrency, headers };
  // A .ts worker: it inherits this process's --require of the Backstage CLI's transform.
  const worker = new Worker(path.join(__dirname, 'loadWorker.ts'), {
    workerData,
  });
  const { latencies, errors, ms } = await new Promise<LoadWorkerAnswer>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await worker.terminate();
  const seconds = ms / 1000;
  return {
    requests: total,
    errors,
    seconds: round(seconds, 2),
    rps: Math.round(total / seconds),
    ...latencyPercentiles(latencies, 2),
  };
}
