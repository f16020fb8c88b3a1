/*
 * Inventory benchmark of the old docker-registry: 500 repositories × 20 tags in a REAL docker-registry (Debian's
 * `docker-registry`), through DockerRegistryClient: requests sent and wall time. The registry's storage is
 * written directly in the filesystem driver's layout (pushing 10,000 tags would take minutes). Loopback only.
 * Run from the repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/migration-inventory.bench.ts
 */
/* eslint-disable no-console */
import { DockerRegistryClient } from '@backstage-harbor/plugin-harbor-node';
import {
  fillRegistryStorage,
  startDockerRegistry,
} from '@backstage-harbor/old-registry';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { round } from './lib/stats';

const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 500);
const TAGS = Number(process.env.BENCH_TAGS ?? 20);

type Auth = 'none' | 'basic';
const CREDENTIALS = { username: 'bench', password: 'bench-password' };

/** What one inventory is asked to do: read digests too, page size, parallel requests. */
interface Case {
  digests: boolean;
  pageSize: number;
  concurrency: number;
}

interface Row extends Case {
  auth: Auth;
  repositories: number;
  tags: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
}

const CASES: Record<Auth, Array<[boolean, number, number]>> = {
  none: [
    [false, 100, 8],
    [false, 1000, 8],
    [false, 1000, 32],
    [true, 1000, 8],
    [true, 1000, 32],
  ],
  basic: [
    [false, 1000, 8],
    [true, 1000, 32],
  ],
};

/** REPOSITORIES × TAGS written into a registry storage folder; every tag has the returned digest. */
function writeStorage(root: string): string {
  const repositories = Array.from({ length: REPOSITORIES }, (_, i) => ({
    name: `team-${String(i % 25).padStart(2, '0')}/app-${String(i).padStart(
      3,
      '0',
    )}`,
    tags: Array.from({ length: TAGS }, (__, t) => `1.${t}.0`),
  }));
  const started = Date.now();
  const digest = fillRegistryStorage(root, repositories);
  console.log(
    `storage: ${REPOSITORIES} repositories × ${TAGS} tags written in ${
      Date.now() - started
    } ms (every tag → ${digest.slice(0, 19)}…)`,
  );
  return digest;
}

/** One inventory of the registry at `url`, checked against what was written. */
async function measureInventory(
  url: string,
  auth: Auth,
  { digests, pageSize, concurrency }: Case,
  digest: string,
): Promise<Row> {
  const client = DockerRegistryClient.create({
    url,
    pageSize,
    maxConcurrency: concurrency,
    ...(auth === 'basic' ? CREDENTIALS : {}),
  });
  const started = performance.now();
  const inventory = await client.inventory({ concurrency, digests });
  const seconds = (performance.now() - started) / 1000;
  if (
    inventory.repositoryCount !== REPOSITORIES ||
    inventory.tagCount !== REPOSITORIES * TAGS
  ) {
    throw new Error(
      `inventory found ${inventory.repositoryCount} repositories and ${inventory.tagCount} tags`,
    );
  }
  if (
    digests &&
    inventory.repositories.some(r =>
      Object.values(r.digests ?? {}).some(d => d !== digest),
    )
  ) {
    throw new Error('a digest differs from the one written');
  }
  return {
    auth,
    digests,
    pageSize,
    concurrency,
    repositories: inventory.repositoryCount,
    tags: inventory.tagCount,
    requests: inventory.requests,
    seconds: round(seconds, 2),
    requestsPerSecond: Math.round(inventory.requests / seconds),
  };
}

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-old-registry-'));
  const digest = writeStorage(root);
  const rows: Row[] = [];
  for (const auth of ['none', 'basic'] as const) {
    const registry = await startDockerRegistry({
      storageDir: root,
      auth:
        auth === 'none' ? { type: 'none' } : { type: 'basic', ...CREDENTIALS },
    });
    try {
      for (const [digests, pageSize, concurrency] of CASES[auth]) {
        rows.push(
          await measureInventory(
            registry.url,
            auth,
            { digests, pageSize, concurrency },
            digest,
          ),
        );
      }
    } finally {
      await registry.stop();
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
  console.table(rows);
  console.log(JSON.stringify({ benchmark: 'migration-inventory', rows }));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
