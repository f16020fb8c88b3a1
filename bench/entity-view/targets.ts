import type { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import express from 'express';
import {
  artifactsPath,
  startBareComparisons,
  startComparisonBackend,
} from '../lib/comparisons';
import type { BackstageBackend } from '../lib/backstage';
import { harborConnection, HarborBackend } from '../lib/harborBackend';
import { getOnce, listen, LocalServer } from '../lib/http';

/** One URL whose warm views are measured. */
export interface Target {
  label: string;
  url: string;
  requests: number;
  headers?: Record<string, string>;
  ours?: boolean;
  shown?: number;
  harborCallsFirstView?: number;
  /** The Harbor operations one view calls (for the latency rounds). */
  operations?: string[];
  /** Measured again with Harbor latency: ours, and the plugins inside a Backstage backend. */
  withLatency?: boolean;
}

export interface Targets {
  targets: Target[];
  /** Rows for the comparisons that could not be measured. */
  notMeasured: Array<{ plugin: string; notMeasured: string }>;
  servers: LocalServer[];
  theirBackend: BackstageBackend;
}

/** The first view of `url`, and the Harbor calls it made. */
async function firstView(
  sim: HarborSimulator,
  url: string,
  headers?: Record<string, string>,
) {
  sim.clearLog();
  const response = await getOnce(url, headers);
  return {
    response,
    harborCalls: sim.log.count(),
    operations: [...new Set(sim.log.entries.map(e => e.operationId ?? e.path))],
  };
}

/**
 * Ceilings of this machine: a bare express handler, and a trivial route through the Backstage backend stack
 * (authentication, request logging, error handling) without any service call; then ours.
 */
async function ourTargets(
  ours: HarborBackend,
  requests: number,
): Promise<{ targets: Target[]; server: LocalServer }> {
  const plain = express();
  plain.get('/ok', (_req, res) => res.json({ status: 'ok' }));
  const server = await listen(plain);
  const targets: Target[] = [
    {
      label: 'baseline: bare express handler',
      url: `${server.url}/ok`,
      requests,
    },
    {
      label: 'baseline: GET /api/harbor/health through the Backstage backend',
      url: `${ours.apiUrl}/health`,
      requests,
      headers: ours.headers,
    },
    {
      label:
        '@backstage-harbor/plugin-harbor-backend (ours, all artifacts, cached)',
      url: `${ours.apiUrl}/entities/default/component/bench-10/images`,
      requests,
      headers: ours.headers,
      ours: true,
      shown: 10,
      withLatency: true,
    },
  ];
  return { targets, server };
}

/**
 * The existing plugins' list of the 10-artifact repository: on bare express apps, then inside a Backstage backend
 * on `port` (as deployed, authenticated like ours, with `headers`).
 */
async function theirTargets(
  sim: HarborSimulator,
  headers: Record<string, string>,
  port: number,
  requests: number,
): Promise<Targets> {
  const harbor = harborConnection(sim);
  const path = artifactsPath('library', 'bench-10');
  const targets: Target[] = [];
  const notMeasured: Targets['notMeasured'] = [];
  const bare = await startBareComparisons(harbor);
  for (const { label, url: base } of bare.apps) {
    if (!base) {
      notMeasured.push({ plugin: label, notMeasured: 'could not be loaded' });
      continue;
    }
    const url = `${base}${path}`;
    const one = await firstView(sim, url);
    const { status, body } = one.response;
    targets.push({
      label,
      url,
      requests,
      shown: status === 200 ? JSON.parse(body).length : 0,
      harborCallsFirstView: one.harborCalls,
    });
  }
  const their = await startComparisonBackend({ port, harbor });
  for (const { label, url: base } of their.apps) {
    const url = `${base}${path}`;
    const one = await firstView(sim, url, headers);
    if (one.response.status !== 200) {
      notMeasured.push({
        plugin: label,
        notMeasured: `status ${one.response.status}`,
      });
      continue;
    }
    targets.push({
      label,
      url,
      requests,
      headers,
      shown: JSON.parse(one.response.body).length,
      harborCallsFirstView: one.harborCalls,
      operations: one.operations,
      withLatency: true,
    });
  }
  return {
    targets,
    notMeasured,
    servers: bare.servers,
    theirBackend: their.backend,
  };
}

/** Every target of the throughput rounds, with the servers and backend started for them. */
export async function entityViewTargets(options: {
  sim: HarborSimulator;
  ours: HarborBackend;
  theirPort: number;
  ourRequests: number;
  theirRequests: number;
}): Promise<Targets> {
  const { sim, ours } = options;
  const mine = await ourTargets(ours, options.ourRequests);
  const theirs = await theirTargets(
    sim,
    ours.headers,
    options.theirPort,
    options.theirRequests,
  );
  return {
    targets: [...mine.targets, ...theirs.targets],
    notMeasured: theirs.notMeasured,
    servers: [mine.server, ...theirs.servers],
    theirBackend: theirs.theirBackend,
  };
}
