import { randomUUID } from 'node:crypto';
import { CacheService } from '@backstage/backend-plugin-api';
import {
  TestCaches,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  HarborApiError,
  toBackstageError,
} from '@backstage-harbor/plugin-harbor-node';
import request from 'supertest';
import {
  component,
  startHarborBackend,
  useSimulator,
} from '../__testUtils__/testBackend';
import { HarborCache } from './HarborCache';

function harborFailure(status: number) {
  return toBackstageError(
    new HarborApiError({
      instance: 'default',
      host: 'harbor.example.com',
      operation: 'listArtifacts',
      method: 'GET',
      path: '/projects/p/repositories/r/artifacts',
      kind: 'response',
      status,
    }),
  );
}

/** An in-process CacheService over a Map, honouring TTLs by an injected clock. */
function mapCache(now: () => number): CacheService {
  const map = new Map<string, { value: any; expires: number }>();
  const cache: CacheService = {
    async get(key) {
      const hit = map.get(key);
      return hit && hit.expires > now() ? hit.value : undefined;
    },
    async set(key, value, options) {
      map.set(key, {
        value,
        expires: now() + Number(options?.ttl ?? Infinity),
      });
    },
    async delete(key) {
      map.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

/** The cache store config, in a namespace of its own so that earlier runs on the same Redis don't count. */
function cacheConfig(store: string, connection: string) {
  return {
    backend: {
      cache: {
        store,
        connection,
        redis: { client: { namespace: `harbor-test-${randomUUID()}` } },
      },
    },
  };
}

describe('HarborCache', () => {
  const logger = mockServices.logger.mock();

  it('shares one load between concurrent misses of a key', async () => {
    const cache = new HarborCache(mapCache(Date.now), logger, 60_000);
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const load = async () => {
      loads++;
      await gate;
      return { n: loads };
    };
    const pending = Array.from({ length: 5 }, () => cache.get('k', 1000, load));
    release();
    const results = await Promise.all(pending);
    expect(loads).toBe(1);
    expect(results.map(r => r.value)).toEqual(Array(5).fill({ n: 1 }));
    expect((await cache.get('k', 1000, load)).value).toEqual({ n: 1 });
    expect(loads).toBe(1);
  });

  it('keeps a shared value in memory only until its cache entry expires', async () => {
    let time = 0;
    const store = mapCache(() => time);
    const cache = new HarborCache(store, logger, 60_000, () => time);
    let loads = 0;
    const load = async () => ({ n: ++loads, items: [{ tag: 'v1' }] });

    const first = await cache.getShared('k', 1000, load);
    expect(first).toMatchObject({ value: { n: 1 }, stale: false });
    expect(first.json).toBe(JSON.stringify(first.value));
    // Callers share it, so nobody may change it.
    expect(() => {
      (first.value.items as any[]).push({ tag: 'x' });
    }).toThrow();

    // In memory while the store's entry lives: the store is not read again.
    const read = jest.spyOn(store, 'get');
    time = 999;
    expect((await cache.getShared('k', 1000, load)).value.n).toBe(1);
    expect(read).not.toHaveBeenCalled();

    // Expired together with the store's entry, so never fresher or staler than the store.
    time = 1000;
    expect((await cache.getShared('k', 1000, load)).value.n).toBe(2);
    expect(loads).toBe(2);
  });

  it('takes a shared value another replica cached, and does not keep a stale one', async () => {
    let time = 0;
    const store = mapCache(() => time);
    const other = new HarborCache(store, logger, 60_000, () => time);
    await other.get('k', 1000, async () => 'from-other');
    time = 400;
    const cache = new HarborCache(store, logger, 60_000, () => time);
    const load = jest.fn(async () => 'mine');
    expect((await cache.getShared('k', 1000, load)).value).toBe('from-other');
    time = 1000; // the other replica's entry expired at 0 + 1000
    load.mockRejectedValueOnce(harborFailure(503));
    const stale = await cache.getShared('k', 1000, load);
    expect(stale).toMatchObject({ value: 'from-other', stale: true });
    expect((await cache.getShared('k', 1000, load)).value).toBe('mine');
  });

  it('serves the last good value flagged stale when Harbor is unavailable after the TTL', async () => {
    let time = 0;
    const cache = new HarborCache(
      mapCache(() => time),
      logger,
      60_000,
      () => time,
    );
    const good = await cache.get('k', 1000, async () => 'good');
    expect(good).toEqual({
      value: 'good',
      fetchedAt: new Date(0).toISOString(),
      stale: false,
    });
    time = 5000;
    const stale = await cache.get('k', 1000, async () => {
      throw harborFailure(500);
    });
    expect(stale).toEqual({ ...good, stale: true });
  });

  it('does not hide an answer about the thing asked for (404) behind a stale copy', async () => {
    let time = 0;
    const cache = new HarborCache(
      mapCache(() => time),
      logger,
      60_000,
      () => time,
    );
    await cache.get('k', 1000, async () => 'good');
    time = 5000;
    await expect(
      cache.get('k', 1000, async () => {
        throw harborFailure(404);
      }),
    ).rejects.toThrow(/found nothing/);
  });

  it('asks Harbor when the cache store fails', async () => {
    const broken: CacheService = {
      get: async () => {
        throw new Error('redis down');
      },
      set: async () => {
        throw new Error('redis down');
      },
      delete: async () => {},
      withOptions: () => broken,
    };
    const cache = new HarborCache(broken, logger, 60_000);
    await expect(
      cache.get('k', 1000, async () => 'fresh'),
    ).resolves.toMatchObject({
      value: 'fresh',
      stale: false,
    });
  });

  describe('in the plugin, on each cache store', () => {
    const caches = TestCaches.create({ ids: ['MEMORY', 'REDIS_7'] });
    const sim = useSimulator();
    const entities = [component('app', 'platform/team/app, team-a/web')];
    const path = '/api/harbor/entities/default/component/app/images';
    const user = mockCredentials.user.header();

    it.each(caches.eachSupportedId())(
      'answers the second view of an entity without calling Harbor, on %s',
      async cacheId => {
        const { store, connection } = await caches.init(cacheId);
        const config = cacheConfig(store, connection);
        const first = await startHarborBackend({ sim, entities, config });
        const cold = await request(first.server)
          .get(path)
          .set('Authorization', user);
        expect(cold.status).toBe(200);
        expect(sim.log.count('listArtifacts')).toBe(2);

        sim.clearLog();
        const warm = await request(first.server)
          .get(path)
          .set('Authorization', user);
        expect(warm.body).toEqual(cold.body);
        expect(sim.log.count()).toBe(0);
      },
      60_000,
    );
    it.each(caches.eachSupportedId())(
      'shares cached answers between backends when the store is shared (Redis), not in memory, on %s',
      async cacheId => {
        const { store, connection } = await caches.init(cacheId);
        const config = cacheConfig(store, connection);
        const first = await startHarborBackend({ sim, entities, config });
        const cold = await request(first.server)
          .get(path)
          .set('Authorization', user);
        expect(sim.log.count('listArtifacts')).toBe(2);

        sim.clearLog();
        const second = await startHarborBackend({ sim, entities, config });
        const other = await request(second.server)
          .get(path)
          .set('Authorization', user);
        // The same data; on memory read again, so fresh as of its own read.
        const data = (body: any) =>
          body.repositories.map((r: any) => ({ ...r, status: r.status.state }));
        expect(data(other.body)).toEqual(data(cold.body));
        // A memory cache belongs to one backend process; Redis is shared by the replicas.
        expect(sim.log.count('listArtifacts')).toBe(
          cacheId === 'MEMORY' ? 2 : 0,
        );
      },
      60_000,
    );
  });
});
