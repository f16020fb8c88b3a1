import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';

/** The static token the benchmarks' backends accept (external access), and the header that sends it. */
export const BENCH_TOKEN = 'bench-static-token-0123456789abcdef';
export const BENCH_AUTH = { Authorization: `Bearer ${BENCH_TOKEN}` };

export type BackendFeature = Parameters<
  ReturnType<typeof createBackend>['add']
>[0];

export interface BackstageBackend {
  /** `http://127.0.0.1:<port>`: the plugins are under `/api/<pluginId>`. */
  url: string;
  stop(): Promise<void>;
}

/** A port for a benchmark's backend: random, so that two runs on the machine are unlikely to collide. */
export function pickPort(): number {
  return 7300 + Math.floor(Math.random() * 500);
}

/**
 * A real Backstage backend (`createBackend()`) on 127.0.0.1:`port` with `features`: an in-memory SQLite database,
 * external access with BENCH_TOKEN, and `config` beside the `backend` block.
 */
export async function startBackstageBackend(options: {
  port: number;
  features: BackendFeature[];
  config?: JsonObject;
}): Promise<BackstageBackend> {
  const { port, features, config = {} } = options;
  const url = `http://127.0.0.1:${port}`;
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () =>
        new ConfigReader({
          backend: {
            baseUrl: url,
            listen: { host: '127.0.0.1', port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: BENCH_TOKEN, subject: 'bench' },
                },
              ],
            },
          },
          ...config,
        }),
    }),
  );
  for (const feature of features) backend.add(feature);
  await backend.start();
  return { url, stop: () => backend.stop() };
}
