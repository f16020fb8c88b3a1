/*
 * Measures requests per second for GET of a 100-artifact page with scan overviews, with validation off and on.
 * Loopback only, a bounded number of requests, keep-alive connections.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/list-artifacts.ts [requests] [concurrency]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { HarborValidationMode, startHarborSimulator } from '../src';

const REQUESTS = Number(
  process.argv[2] && process.argv[2] !== '--serve' ? process.argv[2] : 20_000,
);
const CONCURRENCY = Number(
  process.argv[3] && process.argv[2] !== '--serve' ? process.argv[3] : 32,
);

/** The simulator runs in a child process so the load generator does not share its event loop. */
async function serve(validation: HarborValidationMode) {
  const sim = await startHarborSimulator({ validation, seed: 'demo' });
  sim.addArtifacts({
    project: 'team-a',
    repository: 'bench',
    count: 1000,
    cvesPerArtifact: 10,
  });
  process.send!({ apiUrl: sim.apiUrl });
  process.on('message', async m => {
    if (m !== 'stop') return;
    process.send!({
      violations: sim.violations.length,
      logged: sim.requestLog.length,
    });
    await sim.stop();
    process.exit(0);
  });
}

async function run(validation: HarborValidationMode) {
  const child = fork(__filename, ['--serve', validation], {
    execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
  });
  // The Backstage transform also talks over IPC, so wait for our own messages.
  const next = <T>(key: string) =>
    new Promise<T>(resolve => {
      const listener = (m: any) => {
        if (m && typeof m === 'object' && key in m) {
          child.off('message', listener);
          resolve(m);
        }
      };
      child.on('message', listener);
    });
  const { apiUrl } = await next<{ apiUrl: string }>('apiUrl');
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(
    `${apiUrl}${
      process.env.BENCH_PATH ??
      '/projects/team-a/repositories/bench/artifacts?page=3&page_size=100&with_scan_overview=true'
    }`,
  );
  const auth = `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}`;
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(
        url,
        { agent, headers: { Authorization: auth } },
        res => {
          let bytes = 0;
          res.on('data', chunk => {
            bytes += chunk.length;
          });
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(bytes)
              : reject(new Error(`status ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
    });
  // Warm up (JIT, validators, connections).
  await Promise.all(Array.from({ length: CONCURRENCY * 4 }, get));
  let sent = 0;
  let bytes = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (sent < REQUESTS) {
      sent++;
      const t = process.hrtime.bigint();
      const received = await get();
      bytes += received;
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  child.send('stop');
  const report = await next<{ violations: number }>('violations');
  const p = (q: number) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor(q * latencies.length))
    ].toFixed(1);
  console.log(
    `validation=${validation.padEnd(
      5,
    )} ${REQUESTS} requests, ${CONCURRENCY} concurrent: ${(
      REQUESTS / seconds
    ).toFixed(0)} req/s, ` +
      `p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, ${(bytes / REQUESTS / 1024).toFixed(
        1,
      )} KiB/response, violations ${report.violations}`,
  );
  agent.destroy();
}

async function main() {
  if (process.argv[2] === '--serve') {
    await serve(process.argv[3] as HarborValidationMode);
    return;
  }
  await run('off');
  await run('throw');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
