/*
 * The benchmark's Harbor (the simulator in a child process, driven over its admin API) and our backend in this
 * process, so that the backend's memory and unhandled rejections are this process's own.
 */
import type { JsonObject } from '@backstage/types';
import { forkHarborSimulator, SimulatorProcess } from '../lib/simulatorProcess';
import {
  componentEntity,
  HarborBackend,
  startHarborBackend,
} from '../lib/harborBackend';
import { simulatorAdmin, SimulatorAdmin } from './simulatorAdmin';

/** An entity with a public and a private repository: with wrong credentials Harbor would show only the first. */
export const ENTITY = componentEntity(
  'bench-app',
  'library/bench-public,team-a/bench-private',
);
export const ENTITY_PATH = '/entities/default/component/bench-app';

export interface Settings {
  /** harbor.requestTimeout: one deadline per user request. */
  timeoutMs: number;
  /** harbor.circuitBreaker.coolDown. */
  coolDownMs: number;
  /** harbor.circuitBreaker.failureThreshold. */
  failureThreshold: number;
  /** The images and vulnerabilities cache TTL: short, so that the users' views need Harbor during a fault. */
  cacheTtlMs: number;
}

export async function startHarbor(): Promise<{
  sim: SimulatorProcess;
  admin: SimulatorAdmin;
}> {
  const sim = await forkHarborSimulator({
    validation: 'off',
    artifacts: [
      { project: 'library', repository: 'bench-public', count: 10, seed: 1 },
      { project: 'team-a', repository: 'bench-private', count: 10, seed: 2 },
    ],
  });
  return { sim, admin: simulatorAdmin(sim) };
}

export function startBackend(
  sim: SimulatorProcess,
  settings: Settings,
  options: { port: number; password?: string },
): Promise<HarborBackend> {
  const harborConfig: JsonObject = {
    requestTimeout: settings.timeoutMs,
    circuitBreaker: {
      coolDown: settings.coolDownMs,
      failureThreshold: settings.failureThreshold,
    },
    cache: {
      imagesTtl: `PT${settings.cacheTtlMs / 1000}S`,
      vulnerabilitiesTtl: `PT${settings.cacheTtlMs / 1000}S`,
    },
  };
  return startHarborBackend({
    port: options.port,
    harbor: {
      baseUrl: sim.url,
      username: sim.adminCredentials.username,
      password: options.password ?? sim.adminCredentials.password,
    },
    entities: [ENTITY],
    harborConfig,
  });
}
