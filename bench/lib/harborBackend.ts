import { createServiceFactory } from '@backstage/backend-plugin-api';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { HarborSimulator } from '@backstage-harbor/harbor-simulator';
// A static import: a dynamic import() through the bench's CommonJS transform wraps the module's exports once more
// than Backstage unwraps ({ default: { default: feature } }).
import harborBackendPlugin from '@backstage-harbor/plugin-harbor-backend';
import type { JsonObject } from '@backstage/types';
import {
  BackendFeature,
  BENCH_AUTH,
  BackstageBackend,
  startBackstageBackend,
} from './backstage';

/** How a plugin reaches Harbor: the `harbor` config block of all three plugins. */
export type HarborConnection = {
  baseUrl: string;
  username: string;
  password: string;
};

/** The simulator's URL and admin credentials. */
export function harborConnection(sim: HarborSimulator): HarborConnection {
  return {
    baseUrl: sim.url,
    username: sim.adminCredentials.username,
    password: sim.adminCredentials.password,
  };
}

/** A component whose images are the Harbor repository `slug` (`project/repository`). */
export function componentEntity(name: string, slug: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'goharbor.io/repository-slug': slug },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/bench',
    },
  };
}

export interface HarborBackend extends BackstageBackend {
  /** `<url>/api/harbor` */
  apiUrl: string;
  /** The authorization header of a caller the backend accepts. */
  headers: Record<string, string>;
}

/**
 * Our Harbor backend plugin in a real Backstage backend, with an in-memory catalog of `entities`, the memory cache
 * and the permission framework off (the defaults). The trends task is put off by an hour so that it does not run
 * during a measurement.
 */
export async function startHarborBackend(options: {
  port: number;
  harbor: HarborConnection;
  entities: Entity[];
  features?: BackendFeature[];
  /** More of the `harbor` config block (timeouts, cache TTLs, circuit breaker). */
  harborConfig?: JsonObject;
}): Promise<HarborBackend> {
  const catalog = new InMemoryCatalogClient({ entities: options.entities });
  const backend = await startBackstageBackend({
    port: options.port,
    features: [
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog as any,
      }),
      harborBackendPlugin,
      ...(options.features ?? []),
    ],
    config: {
      harbor: {
        ...options.harbor,
        trends: { initialDelay: { hours: 1 } },
        ...options.harborConfig,
      },
    },
  });
  return {
    ...backend,
    apiUrl: `${backend.url}/api/harbor`,
    headers: BENCH_AUTH,
  };
}
