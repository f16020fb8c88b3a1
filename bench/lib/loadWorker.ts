/*
 * The load generator's thread (started by measureLoad): `total` GETs of `url` over `concurrency` keep-alive
 * connections, answered with the latencies, the number of non-200 answers and the elapsed time.
 */
import { Pool } from 'undici';
import { parentPort, workerData } from 'node:worker_threads';
import { closedLoop, poolGet } from './closedLoop';

export interface LoadWorkerData {
  url: string;
  total: number;
  concurrency: number;
  headers: Record<string, string>;
}

export interface LoadWorkerAnswer {
  latencies: number[];
  errors: number;
  ms: number;
}

async function generateLoad({
  url,
  total,
  concurrency,
  headers,
}: LoadWorkerData): Promise<LoadWorkerAnswer> {
  const target = new URL(url);
  const pool = new Pool(target.origin, {
    connections: concurrency,
    pipelining: 1,
  });
  const path = target.pathname + target.search;
  let errors = 0;
  const { latencies, ms } = await closedLoop(total, concurrency, async () => {
    const status = await poolGet(pool, path, headers).then(
      res => res.status,
      () => 0,
    );
    if (status !== 200) errors++;
  });
  await pool.close();
  return { latencies, errors, ms };
}

generateLoad(workerData).then(answer => parentPort!.postMessage(answer));
