import {
  BackstageCredentials,
  ServiceFactory,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestBackend,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  HARBOR_INSTANCE_ANNOTATION,
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
  harborEntityHealthReadPermission,
} from '@backstage-harbor/plugin-harbor-common';
import {
  HarborSimulator,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import { harborPlugin } from '../plugin';

/** A component entity naming Harbor repositories (a comma-separated slug), or none. */
export function component(
  name: string,
  slug?: string,
  options: { instance?: string; owner?: string } = {},
): Entity {
  const annotations: Record<string, string> = {};
  if (slug !== undefined) annotations[HARBOR_REPOSITORY_SLUG_ANNOTATION] = slug;
  if (options.instance)
    annotations[HARBOR_INSTANCE_ANNOTATION] = options.instance;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'group:default/team-a',
    },
  };
}

/** Users the test catalog and permissions treat specially. */
export const OUTSIDER = 'user:default/outsider';
export const DENIED = 'user:default/denied';
export const OWNER = 'user:default/owner';

function principalRef(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef;
}

/**
 * The catalog as the caller sees it: {@link OUTSIDER} sees no entity (as a catalog permission rule would hide
 * them), everyone else every entity. Records the credentials of every read.
 */
export function visibilityCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const reads: BackstageCredentials[] = [];
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = (async (ref: any, options: any) => {
    reads.push(options.credentials);
    if (principalRef(options.credentials) === OUTSIDER) return undefined;
    return getEntityByRef(ref, options);
  }) as typeof catalog.getEntityByRef;
  return {
    catalog,
    reads,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog,
    }),
  };
}

/**
 * Permissions like the demo policy: {@link DENIED} may read nothing; health only for {@link OWNER} and services.
 */
export const demoPermissions = mockServices.permissions.mock({
  authorize: async (requests, options) => {
    const user = principalRef(options.credentials);
    return requests.map(r => {
      if (user === DENIED) return { result: AuthorizeResult.DENY };
      if (
        isPermission(r.permission, harborEntityHealthReadPermission) &&
        user !== undefined &&
        user !== OWNER
      ) {
        return { result: AuthorizeResult.DENY };
      }
      return { result: AuthorizeResult.ALLOW };
    });
  },
});

export async function startSimulator(
  seed: 'demo' | 'empty' = 'demo',
): Promise<HarborSimulator> {
  return startHarborSimulator({ port: 0, seed, validation: 'throw' });
}

/**
 * One simulator for the enclosing describe block: `setup` seeds it once, and each test starts without faults
 * or logged requests and fails if the plugin broke the Harbor API spec.
 */
export function useSimulator(
  setup?: (sim: HarborSimulator) => unknown,
): HarborSimulator {
  let started: HarborSimulator | undefined;
  const current = () => {
    if (!started) throw new Error('Use the simulator inside a hook or test');
    return started;
  };
  beforeAll(async () => {
    started = await startSimulator();
    await setup?.(started);
  }, 60_000);
  afterAll(() => started?.stop());
  beforeEach(() => {
    current().faults.clear();
    current().clearLog();
  });
  afterEach(() => current().assertNoViolations());
  // Stands for the simulator beforeAll starts, so tests use it like one they started themselves.
  return new Proxy({} as HarborSimulator, {
    get: (_, property) => {
      const value = Reflect.get(current(), property);
      return typeof value === 'function' ? value.bind(current()) : value;
    },
  });
}

export function harborConfig(
  sim: HarborSimulator,
  extra: JsonObject = {},
): JsonObject {
  return {
    baseUrl: sim.url,
    uiUrl: 'https://harbor.example.com',
    username: sim.adminCredentials.username,
    password: sim.adminCredentials.password,
    ...extra,
  };
}

export interface HarborTestBackend {
  server: TestBackend['server'];
  catalog: ReturnType<typeof visibilityCatalog>;
  stop(): Promise<void>;
}

/** The real plugin in a test backend, Harbor = the simulator over HTTP. */
export async function startHarborBackend(options: {
  sim: HarborSimulator;
  entities: Entity[];
  harbor?: JsonObject;
  config?: JsonObject;
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /** The permissions service; {@link demoPermissions} by default. */
  permissions?: { factory: ServiceFactory };
  /**
   * Wait for the credential check the plugin starts (two Harbor calls), then clear the simulator's log, so that
   * tests count the calls of their own requests. True by default.
   */
  settle?: boolean;
}): Promise<HarborTestBackend> {
  const catalog = visibilityCatalog(options.entities);
  const backend = await startTestBackend({
    features: [
      harborPlugin,
      catalog.factory,
      (options.permissions ?? demoPermissions).factory,
      mockServices.rootConfig.factory({
        data: {
          harbor: harborConfig(options.sim, options.harbor),
          ...options.config,
        },
      }),
      ...(options.features ?? []),
    ],
  });
  if (options.settle ?? true) {
    await settleCredentialCheck(backend.server, options.sim);
  }
  return {
    server: backend.server,
    catalog,
    stop: () => backend.stop(),
  };
}

/** Whether the simulator has answered a whole credential check: the principal, then (if accepted) one project list. */
function simulatorCheckDone(sim: HarborSimulator): boolean {
  const entries = sim.log.entries;
  const principal = entries.find(
    e => e.operationId === 'getCurrentUserInfo' && e.status !== undefined,
  );
  if (!principal) return false;
  if (principal.status !== 200 && principal.status !== 412) return true;
  return entries.some(
    e =>
      e.operationId === 'listProjects' &&
      e.status !== undefined &&
      e.startedAt >= principal.startedAt,
  );
}

/**
 * Waits (at most 10 s) until no instance's connection is `unknown`, then clears the simulator's log. Where the
 * test's permission policy keeps the service from `/instances/health`, it waits for the check's calls in the
 * simulator's log instead.
 */
async function settleCredentialCheck(
  server: TestBackend['server'],
  sim: HarborSimulator,
): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const res = await request(server)
      .get('/api/harbor/instances/health')
      .set('Authorization', mockCredentials.service.header());
    const instances: Array<{ state: string }> = res.body.instances ?? [];
    const settled =
      res.status === 200
        ? instances.every(i => i.state !== 'unknown')
        : simulatorCheckDone(sim);
    if (settled) break;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  sim.clearLog();
}
