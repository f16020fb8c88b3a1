import { randomUUID } from 'node:crypto';
import type { ServiceFactory } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  TestCaches,
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  HARBOR_ERROR_NAMES,
  type EntityImages,
  type EntityVulnerabilitySummary,
} from '@backstage-harbor/plugin-harbor-common';
import request from 'supertest';
import {
  OWNER,
  component,
  startHarborBackend as startHarborBackendOn,
  useSimulator,
} from '../__testUtils__/testBackend';

const user = mockCredentials.user.header();
const images = (name: string) =>
  `/api/harbor/entities/default/component/${name}/images`;

/** Every line the backend logs, as text, while `fn` runs. */
async function captureLogs<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const spies = (['error', 'warn', 'info', 'debug', 'log'] as const).map(
    level =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(
          `${level}: ${args
            .map(a => (typeof a === 'string' ? a : JSON.stringify(a)))
            .join(' ')}`,
        );
      }),
  );
  try {
    return { result: await fn(), lines };
  } finally {
    spies.forEach(s => s.mockRestore());
  }
}

/**
 * Every case runs on each pair of stores a deployment uses: memory and SQLite (one process), Redis and PostgreSQL
 * (replicas), where the test's environment provides them (`BACKSTAGE_TEST_*_CONNECTION_STRING`).
 */
const caches = TestCaches.create({ ids: ['MEMORY', 'REDIS_7'] });
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const storePairs = (
  [
    ['MEMORY', 'SQLITE_3'],
    ['REDIS_7', 'POSTGRES_15'],
  ] as const
).filter(
  ([cache, database]) => caches.supports(cache) && databases.supports(database),
);

describe.each(storePairs)(
  'resilience at the Harbor boundary, on %s and %s',
  (cacheId, databaseId) => {
    const sim = useSimulator();
    let stores: { config: JsonObject; database: ServiceFactory };

    beforeEach(async () => {
      const { store, connection } = await caches.init(cacheId);
      const knex = await databases.init(databaseId);
      stores = {
        config: {
          backend: {
            cache: {
              store,
              connection,
              // Each test its own keys in a shared Redis.
              redis: { client: { namespace: `harbor-test-${randomUUID()}` } },
            },
          },
        },
        database: mockServices.database.factory({ knex }),
      };
    });

    /** The plugin in a test backend on this case's cache and database. */
    const startHarborBackend = (
      options: Parameters<typeof startHarborBackendOn>[0],
    ) =>
      startHarborBackendOn({
        ...options,
        config: { ...stores.config, ...options.config },
        features: [stores.database, ...(options.features ?? [])],
      });

    it('answers 200 with the repositories it has, each unreadable one with its own status', async () => {
      const { server } = await startHarborBackend({
        sim,
        // The instance nobody listens for stays unchecked ('unknown') until called: nothing to wait for.
        settle: false,
        // A second instance nobody listens for: refused at once.
        entities: [component('app', 'team-a/web, 127.0.0.1:9/team-a/web')],
        config: {
          harbor: {
            instances: [
              {
                name: 'default',
                baseUrl: sim.url,
                username: sim.adminCredentials.username,
                password: sim.adminCredentials.password,
              },
              { name: 'down', baseUrl: 'http://127.0.0.1:9' },
            ],
          },
        },
      });
      const res = await request(server)
        .get(images('app'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const body = res.body as EntityImages;
      const [web, down] = body.repositories;
      expect(web.status?.state).toBe('fresh');
      expect(web.artifacts.length).toBeGreaterThan(0);
      expect(down).toMatchObject({
        instance: 'down',
        artifacts: [],
        status: { state: 'unreachable' },
      });
      expect(down.status?.message).toContain("Harbor instance 'down'");
      expect(body.stale).toBe(true);

      const summary = await request(server)
        .get('/api/harbor/entities/default/component/app/vulnerability-summary')
        .set('Authorization', user);
      expect(summary.status).toBe(200);
      const s = summary.body as EntityVulnerabilitySummary;
      expect(s.repositories.map(r => r.instance)).toEqual(['default']);
      expect(s.unavailable).toEqual([
        expect.objectContaining({
          instance: 'down',
          project: 'team-a',
          repository: 'web',
          status: expect.objectContaining({ state: 'unreachable' }),
        }),
      ]);

      // The audit trail too: the entries of the repository it could read, and the other one's status.
      const trail = await request(server)
        .get('/api/harbor/entities/default/component/app/audit-logs')
        .set('Authorization', user);
      expect(trail.status).toBe(200);
      expect(trail.body.items.length).toBeGreaterThan(0);
      expect(
        trail.body.items.every(
          (i: { instance: string }) => i.instance === 'default',
        ),
      ).toBe(true);
      expect(trail.body.unavailable).toEqual([
        expect.objectContaining({
          instance: 'down',
          status: expect.objectContaining({ state: 'unreachable' }),
        }),
      ]);
    });

    it('answers every route of an instance whose credentials Harbor takes as anonymous with a 503 that says so, once logged', async () => {
      const password = `wrong-${randomUUID()}`;
      const { result, lines } = await captureLogs(async () => {
        const { server } = await startHarborBackend({
          sim,
          entities: [component('web', 'team-a/web')],
          harbor: { password },
          features: [mockServices.rootLogger.factory({ level: 'debug' })],
        });
        const bodies: string[] = [];
        const get = async (path: string, auth = user) => {
          const res = await request(server)
            .get(path)
            .set('Authorization', auth);
          bodies.push(res.text);
          return res;
        };
        const first = await get(images('web'));
        const second = await get(images('web'));
        const summary = await get(
          '/api/harbor/entities/default/component/web/vulnerability-summary',
        );
        const auditLogs = await get(
          '/api/harbor/entities/default/component/web/audit-logs',
        );
        const health = await get(
          '/api/harbor/entities/default/component/web/health',
          mockCredentials.user.header(OWNER),
        );
        const instances = await get(
          '/api/harbor/instances/health',
          mockCredentials.service.header(),
        );
        return { first, second, summary, auditLogs, health, instances, bodies };
      });
      const { first, second, summary, auditLogs, health, instances, bodies } =
        result;
      for (const res of [first, second, summary, auditLogs]) {
        expect(res.status).toBe(503);
        expect(res.body.error.name).toBe(
          HARBOR_ERROR_NAMES.credentialsRejected,
        );
        expect(res.body.error.message).toContain(
          "Harbor instance 'default' rejected the configured credentials",
        );
      }
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'credentials-rejected',
        connection: { instance: 'default', state: 'credentials-rejected' },
        components: [],
        quotas: [],
      });
      expect(instances.body.instances).toEqual([
        expect.objectContaining({
          instance: 'default',
          state: 'credentials-rejected',
        }),
      ]);
      // One warning for the state change, not one per request.
      const warnings = lines.filter(
        l => l.startsWith('warn:') && l.includes('now credentials-rejected'),
      );
      expect(warnings).toEqual([expect.any(String)]);
      // ... and no warning per request.
      expect(
        lines.filter(l => l.startsWith('warn:') && l.includes("'default'")),
      ).toEqual(warnings);
      for (const text of [...bodies, ...lines]) {
        expect(text).not.toContain(password);
        expect(text).not.toContain(
          Buffer.from(`${sim.adminCredentials.username}:${password}`).toString(
            'base64',
          ),
        );
      }
    });

    it('waits for the first credential check instead of calling an instance with wrong credentials unreachable', async () => {
      // The check the plugin starts is still running when the requests come (its first call takes 300 ms).
      sim.faults.inject({
        operationId: 'getCurrentUserInfo',
        latencyMs: 300,
        times: 1,
      });
      const { server } = await startHarborBackend({
        sim,
        entities: [component('web', 'team-a/web')],
        harbor: { password: `wrong-${randomUUID()}` },
        settle: false,
      });
      const [health, image] = await Promise.all([
        request(server)
          .get('/api/harbor/entities/default/component/web/health')
          .set('Authorization', mockCredentials.user.header(OWNER)),
        request(server).get(images('web')).set('Authorization', user),
      ]);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'credentials-rejected',
        connection: { state: 'credentials-rejected' },
      });
      expect(image.status).toBe(503);
      expect(image.body.error.name).toBe(
        HARBOR_ERROR_NAMES.credentialsRejected,
      );
      // One check, joined by both requests.
      expect(sim.log.count('getCurrentUserInfo')).toBe(1);
    });

    it('answers a route of two Harbor calls within one request timeout when Harbor hangs', async () => {
      const { server } = await startHarborBackend({
        sim,
        entities: [component('web', 'team-a/web')],
        harbor: { requestTimeout: 2_000 },
      });
      const warm = await request(server)
        .get(images('web'))
        .set('Authorization', user);
      const digest = (warm.body as EntityImages).repositories[0].artifacts[0]
        .digest;
      // The images are cached; the report read hangs, and so would a second call.
      sim.faults.inject({ always: true, hang: true });
      const started = Date.now();
      const res = await request(server)
        .get('/api/harbor/entities/default/component/web/vulnerabilities')
        .query({ repository: 'team-a/web', digest })
        .set('Authorization', user);
      const elapsed = Date.now() - started;
      expect(res.status).toBe(503);
      expect(res.body.error.name).toBe(HARBOR_ERROR_NAMES.unavailable);
      // One timeout (2 s) and the backend's own work, not one timeout per call (4 s and more). The margin is for a
      // loaded CI machine.
      expect(elapsed).toBeLessThan(3_500);
    });

    it('answers from the cache, marked stale, without calling Harbor while the breaker is open; one warning', async () => {
      const { result, lines } = await captureLogs(async () => {
        const { server } = await startHarborBackend({
          sim,
          entities: [component('web', 'team-a/web')],
          harbor: {
            cache: { imagesTtl: '1ms' },
            circuitBreaker: { failureThreshold: 1, coolDown: '1m' },
          },
          features: [mockServices.rootLogger.factory({ level: 'debug' })],
        });
        const good = await request(server)
          .get(images('web'))
          .set('Authorization', user);
        await new Promise(resolve => setTimeout(resolve, 5));
        sim.faults.inject({ always: true, status: 500 });
        const opening = await request(server)
          .get(images('web'))
          .set('Authorization', user);
        sim.clearLog();
        const open = await Promise.all(
          Array.from({ length: 5 }, () =>
            request(server).get(images('web')).set('Authorization', user),
          ),
        );
        return { good, opening, open, calls: sim.log.count() };
      });
      const { good, opening, open, calls } = result;
      expect(good.status).toBe(200);
      for (const res of [opening, ...open]) {
        expect(res.status).toBe(200);
        const [repo] = (res.body as EntityImages).repositories;
        expect(repo.status).toMatchObject({
          state: 'stale',
          fetchedAt: good.body.fetchedAt,
          lastReachableAt: expect.any(String),
        });
        expect(repo.artifacts).toEqual(good.body.repositories[0].artifacts);
      }
      // While open: no Harbor call at all.
      expect(calls).toBe(0);
      const warnings = lines.filter(
        l => l.startsWith('warn:') && l.includes("'default'"),
      );
      expect(warnings).toEqual([expect.stringContaining('is now unavailable')]);
    });

    it('answers 503 saying when Harbor was last reachable while the breaker is open and nothing is cached', async () => {
      const { server } = await startHarborBackend({
        sim,
        entities: [
          component('web', 'team-a/web'),
          component('other', 'team-a/api'),
        ],
        harbor: { circuitBreaker: { failureThreshold: 1, coolDown: '1m' } },
      });
      // The credential check at start-up reached Harbor.
      sim.faults.inject({ always: true, status: 500 });
      const opening = await request(server)
        .get(images('web'))
        .set('Authorization', user);
      expect(opening.status).toBe(503);
      sim.clearLog();
      const open = await request(server)
        .get(images('other'))
        .set('Authorization', user);
      expect(sim.log.count()).toBe(0);
      expect(open.status).toBe(503);
      expect(open.body.error).toMatchObject({
        name: HARBOR_ERROR_NAMES.unavailable,
        instance: 'default',
        lastReachableAt: expect.any(String),
      });
      expect(open.body.error.message).toContain(
        `last reachable ${open.body.error.lastReachableAt}`,
      );
      const instances = await request(server)
        .get('/api/harbor/instances/health')
        .set('Authorization', mockCredentials.service.header());
      expect(instances.body.instances).toEqual([
        expect.objectContaining({
          instance: 'default',
          state: 'unavailable',
          lastReachableAt: open.body.error.lastReachableAt,
        }),
      ]);
    });

    it('logs one warning when the breaker opens and one when a probe finds Harbor back', async () => {
      const { result, lines } = await captureLogs(async () => {
        const { server } = await startHarborBackend({
          sim,
          entities: [component('web', 'team-a/web')],
          harbor: {
            circuitBreaker: { failureThreshold: 1, coolDown: '100ms' },
          },
          features: [mockServices.rootLogger.factory({ level: 'debug' })],
        });
        sim.faults.inject({ always: true, status: 500 });
        const down = [];
        for (let i = 0; i < 3; i++) {
          down.push(
            await request(server).get(images('web')).set('Authorization', user),
          );
        }
        sim.faults.clear();
        // Past the cool-down and its jitter (a fifth at most).
        await new Promise(resolve => setTimeout(resolve, 300));
        // One call of this view is the breaker's probe; the view's other call, made beside it, is refused.
        await request(server).get(images('web')).set('Authorization', user);
        const back = await request(server)
          .get(images('web'))
          .set('Authorization', user);
        return { down, back };
      });
      expect(result.down.map(r => r.status)).toEqual([503, 503, 503]);
      expect(result.back.status).toBe(200);
      expect(result.back.body.repositories[0].status.state).toBe('fresh');
      const warnings = lines.filter(
        l => l.startsWith('warn:') && l.includes("'default'"),
      );
      // Probes that failed during the outage (recovering, then open again) are logged at debug.
      expect(warnings).toEqual([
        expect.stringContaining('is now unavailable (was available)'),
        expect.stringContaining('is now available (was recovering)'),
      ]);
    });

    it('shares one Harbor read between routes that read the same repository at once', async () => {
      const { server } = await startHarborBackend({
        sim,
        entities: [component('web', 'team-a/web')],
      });
      // Slow enough that the three requests overlap.
      sim.faults.inject({ operationId: 'listArtifacts', latencyMs: 300 });
      const responses = await Promise.all(
        [
          images('web'),
          '/api/harbor/entities/default/component/web/vulnerability-summary',
          images('web'),
        ].map(path => request(server).get(path).set('Authorization', user)),
      );
      expect(responses.map(r => r.status)).toEqual([200, 200, 200]);
      expect(sim.log.count('listArtifacts')).toBe(1);
      expect(sim.log.count('getProject')).toBe(1);
    });
  },
);

describe('two backends sharing one cache store', () => {
  const sim = useSimulator();
  const startHarborBackend = startHarborBackendOn;

  it.each(caches.eachSupportedId())(
    'serves the stale copy another backend read, with the same last reachable time, when the store is shared, on %s',
    async cacheId => {
      const { store, connection } = await caches.init(cacheId);
      const config = {
        backend: {
          cache: {
            store,
            connection,
            redis: { client: { namespace: `harbor-test-${randomUUID()}` } },
          },
        },
      };
      const harbor = { cache: { imagesTtl: '1ms' } };
      const entities = [component('web', 'team-a/web')];
      const first = await startHarborBackend({
        sim,
        entities,
        config,
        harbor,
      });
      const good = await request(first.server)
        .get(images('web'))
        .set('Authorization', user);
      expect(good.status).toBe(200);
      await new Promise(resolve => setTimeout(resolve, 5));

      sim.faults.inject({ always: true, status: 500 });
      const second = await startHarborBackend({
        sim,
        entities,
        config,
        harbor,
        settle: false,
      });
      const other = await request(second.server)
        .get(images('web'))
        .set('Authorization', user);
      const mine = await request(first.server)
        .get(images('web'))
        .set('Authorization', user);
      expect(mine.status).toBe(200);
      const mineStatus = mine.body.repositories[0].status;
      expect(mineStatus.state).toBe('stale');
      expect(mineStatus.lastReachableAt).toEqual(expect.any(String));
      // A memory cache belongs to one backend: the other has nothing to serve. Redis is shared: the same copy,
      // the same age and the same last reachable time.
      const expected =
        cacheId === 'MEMORY'
          ? {
              status: 503,
              name: HARBOR_ERROR_NAMES.unavailable,
              repository: undefined,
            }
          : { status: 200, name: undefined, repository: mineStatus };
      expect({
        status: other.status,
        name: other.body.error?.name,
        repository: other.body.repositories?.[0].status,
      }).toEqual(expected);
    },
    60_000,
  );
});
