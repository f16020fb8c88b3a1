/*
 * Fleet security view benchmark (issue #22): a CVE search over 5,000 catalog entities and 50,000 artifacts.
 * Run from the repository root:
 *
 *   LOG_LEVEL=warn node --require @backstage/cli/config/nodeTransform.cjs bench/fleet.bench.ts
 *
 * BENCH_FLEET_ENTITIES (5000), BENCH_FLEET_ARTIFACTS (50000, spread 10 per entity's repository),
 * BENCH_FLEET_HITS (500: artifacts that have the searched CVE), BENCH_FLEET_WARM (2000 warm requests),
 * BENCH_FLEET_LATENCY_MS (100: Harbor's answer time for the second cold series).
 */
/* eslint-disable no-console */
import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { Entity } from '@backstage/catalog-model';
import {
  HarborSimulator,
  VulnerabilityRecord,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import { HarborInstances } from '@backstage-harbor/plugin-harbor-node';
import { ConfigReader } from '@backstage/config';
import { RepositoryEntityIndex } from '../plugins/harbor-backend/src/fleet/RepositoryEntityIndex';
import { pickPort } from './lib/backstage';
import {
  HarborBackend,
  componentEntity,
  harborConnection,
  startHarborBackend,
} from './lib/harborBackend';
import { measureLoad } from './lib/measureLoad';
import { loadAverage, machine, mergeResults } from './lib/results';
import { silentLogger } from './lib/silentLogger';
import { median, percentile, round } from './lib/stats';

const ENTITIES = Number(process.env.BENCH_FLEET_ENTITIES ?? 5000);
const ARTIFACTS = Number(process.env.BENCH_FLEET_ARTIFACTS ?? 50000);
const HITS = Number(process.env.BENCH_FLEET_HITS ?? 500);
const WARM = Number(process.env.BENCH_FLEET_WARM ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_FLEET_LATENCY_MS ?? 100);
const PER_REPOSITORY = Math.max(1, Math.round(ARTIFACTS / ENTITIES));

const cve = (id: string): VulnerabilityRecord => ({
  id,
  package: 'openssl',
  version: '3.0.1',
  fix_version: '3.0.13',
  severity: 'Critical',
  description: 'A benchmark CVE shared by many images.',
  links: [],
  cvss_v3_score: 9.8,
  cwe_ids: [],
});

const repositoryOf = (i: number) => `fleet/svc-${String(i).padStart(5, '0')}`;

/** `ENTITIES` repositories of `PER_REPOSITORY` scanned artifacts in `library`; `HITS` of them get each bench CVE. */
async function startSimulator(): Promise<HarborSimulator> {
  const sim = await startHarborSimulator({
    port: 0,
    seed: 'demo',
    validation: 'off',
  });
  for (let i = 0; i < ENTITIES; i++) {
    sim.addArtifacts({
      project: 'library',
      repository: repositoryOf(i),
      count: PER_REPOSITORY,
      cvesPerArtifact: 5,
      seed: i,
    });
  }
  const artifacts = sim.state.artifacts.filter(
    a => a.project_id === sim.state.projectByName('library')!.project_id,
  );
  const step = Math.max(1, Math.floor(artifacts.length / HITS));
  ['CVE-2099-0001', 'CVE-2099-0002', 'CVE-2099-0003'].forEach((id, n) => {
    for (let i = n; i < artifacts.length && i / step < HITS + n; i += step) {
      artifacts[i].scans[0]?.vulnerabilities.push(cve(id));
    }
  });
  return sim;
}

function entities(): Entity[] {
  return Array.from({ length: ENTITIES }, (_, i) => {
    const e = componentEntity(`svc-${i}`, `library/${repositoryOf(i)}`);
    (e.spec as { owner: string }).owner = `group:default/team-${i % 50}`;
    return e;
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, round(performance.now() - start, 1)];
}

/** Index rebuild for all entities, then a refresh after 1 % of them changed. */
async function indexFigures(list: Entity[]) {
  const catalog = new InMemoryCatalogClient({ entities: list });
  const instances = HarborInstances.fromConfig(
    new ConfigReader({ harbor: { baseUrl: 'https://harbor.example.com' } }),
  );
  const index = new RepositoryEntityIndex({
    catalog: catalog as any,
    auth: mockServices.auth(),
    instances,
    logger: silentLogger,
  });
  const rebuilds: number[] = [];
  for (let r = 0; r < 5; r++)
    rebuilds.push((await timed(() => index.rebuild()))[1]);
  const changed = list.map((e, i) =>
    i % 100 === 0
      ? {
          ...e,
          metadata: {
            ...e.metadata,
            etag: `changed-${i}`,
            annotations: {
              'goharbor.io/repository-slug': `library/moved/svc-${i}`,
            },
          },
        }
      : e,
  );
  const after = new InMemoryCatalogClient({ entities: changed });
  (index as any).options.catalog = after;
  const [refresh, refreshMs] = await timed(() => index.refresh());
  const upsertStart = performance.now();
  const n = Math.min(1000, changed.length);
  for (let i = 0; i < n; i++) index.upsert(changed[i]);
  const upsertUs = round(((performance.now() - upsertStart) / n) * 1000, 1);
  return {
    entities: index.size,
    rebuildMsMedian: median(rebuilds),
    rebuildMs: rebuilds,
    refreshMs,
    refresh,
    upsertUs,
  };
}

async function searchOnce(backend: HarborBackend, cveId: string) {
  const [res, ms] = await timed(() =>
    fetch(`${backend.apiUrl}/fleet/vulnerabilities?cveId=${cveId}`, {
      headers: backend.headers,
    }),
  );
  const body = (await res.json()) as any;
  const instance = body.instances?.[0];
  const artifacts = instance?.vulnerabilities?.[0]?.artifacts ?? [];
  return {
    status: res.status,
    ms,
    totalHits: instance?.totalHits,
    artifacts: artifacts.length,
    withEntities: artifacts.filter((a: any) => a.entities.length).length,
  };
}

/** One caller's warm searches, one after the other: p50/p95 in ms. */
async function serialWarm(backend: HarborBackend, cveId: string) {
  const times: number[] = [];
  for (let i = 0; i < 200; i++)
    times.push((await searchOnce(backend, cveId)).ms);
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
  };
}

/** A fresh backend (empty cache), its index built by the scheduled task, then cold and warm searches. */
async function coldAndWarm(
  sim: HarborSimulator,
  list: Entity[],
  latencyMs: number,
) {
  const backend = await startHarborBackend({
    port: pickPort(),
    harbor: harborConnection(sim),
    entities: list,
  });
  // The scheduled rebuild starts 5 s after start; give it time to finish.
  await new Promise(r => setTimeout(r, 9000));
  sim.clearLog();
  const fault = latencyMs
    ? sim.faults.inject({ latencyMs, always: true })
    : undefined;
  try {
    const before = sim.log.count();
    const first = await searchOnce(backend, 'CVE-2099-0001');
    const calls = {
      total: sim.log.count() - before,
      summary: sim.log.count('getSecuritySummary'),
      pages: sim.log.count('ListVulnerabilities'),
    };
    sim.clearLog();
    const second = await searchOnce(backend, 'CVE-2099-0002');
    const secondCalls = sim.log.count();
    let warm;
    let serial;
    if (!latencyMs) {
      serial = await serialWarm(backend, 'CVE-2099-0001');
      warm = await measureLoad({
        url: `${backend.apiUrl}/fleet/vulnerabilities?cveId=CVE-2099-0001`,
        headers: backend.headers,
        total: WARM,
        concurrency: 10,
      });
    }
    return {
      latencyMs,
      firstCold: first,
      firstColdCalls: calls,
      secondCold: second,
      secondColdCalls: secondCalls,
      warmSerial: serial,
      warmConcurrent10: warm,
    };
  } finally {
    fault?.remove();
    await backend.stop();
  }
}

async function main() {
  const [sim, setupMs] = await timed(() => startSimulator());
  console.log(
    `simulator: ${sim.state.artifacts.length} artifacts in ${setupMs} ms`,
  );
  const list = entities();
  const index = await indexFigures(list);
  console.log('index', JSON.stringify(index));
  const fast = await coldAndWarm(sim, list, 0);
  console.log('simulator speed', JSON.stringify(fast));
  const slow = await coldAndWarm(sim, list, LATENCY_MS);
  console.log(`${LATENCY_MS} ms Harbor latency`, JSON.stringify(slow));
  mergeResults('fleet', {
    machine: machine(),
    load: loadAverage(),
    entities: ENTITIES,
    artifacts: sim.state.artifacts.length,
    hitsPerCve: HITS,
    index,
    fast,
    slow,
  });
  await sim.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
