import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  EntityImages,
  SEVERITIES,
  SeverityCounts,
  emptySeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  DENIED,
  component,
  startHarborBackend,
  useSimulator,
} from '../__testUtils__/testBackend';
import { TREND_SNAPSHOT_TASK_ID } from '../plugin';
import { TrendStore } from './TrendStore';

jest.setTimeout(60_000);

const ENTITIES = [
  component('app', 'platform/team/app, team-b/payments'),
  component('worker', 'platform/team/worker'),
  component('no-harbor'),
];
const user = mockCredentials.user.header();
const trendPath = (name: string) =>
  `/api/harbor/entities/default/component/${name}/trend`;

/** What the snapshot should hold: the counts of each repository's latest tagged artifact, summed. */
function expectedCounts(images: EntityImages): SeverityCounts {
  const sum = emptySeverityCounts();
  for (const repo of images.repositories) {
    const latest = [...repo.artifacts]
      .filter(a => a.tags.length > 0)
      .sort((a, b) => (b.pushTime ?? '').localeCompare(a.pushTime ?? ''))[0];
    for (const s of SEVERITIES) sum[s] += latest.scan.counts[s];
  }
  return sum;
}

/** The test backend's scheduler, whose tasks a test triggers itself (its type is not exported). */
function mockScheduler() {
  return mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe('vulnerability trends', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const sim = useSimulator();

  function startWith(knex: Knex, scheduler = mockScheduler()) {
    return startHarborBackend({
      sim,
      entities: ENTITIES,
      features: [mockServices.database.factory({ knex }), scheduler.factory()],
    });
  }

  it.each(databases.eachSupportedId())(
    'snapshots the latest artifact of every annotated repository and sums an entity’s trend, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduler = mockScheduler();
      const { server } = await startWith(knex, scheduler);

      const empty = await request(server)
        .get(trendPath('app'))
        .set('Authorization', user);
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({ points: [] });

      const before = Date.now();
      await scheduler.triggerTask(TREND_SNAPSHOT_TASK_ID);
      // One list per repository, for the three repositories named by any entity.
      expect(sim.log.count('listArtifacts')).toBe(3);

      const images = await request(server)
        .get('/api/harbor/entities/default/component/app/images')
        .set('Authorization', user);
      const res = await request(server)
        .get(trendPath('app'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.points).toHaveLength(1);
      const [point] = res.body.points;
      expect(Date.parse(point.time)).toBeGreaterThanOrEqual(before - 1000);
      expect(point.counts).toEqual(expectedCounts(images.body));
      expect(point.counts.High + point.counts.Critical).toBeGreaterThan(0);

      const none = await request(server)
        .get(trendPath('no-harbor'))
        .set('Authorization', user);
      expect(none.body).toEqual({ points: [] });

      const outOfRange = await request(server)
        .get(trendPath('app'))
        .query({ from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' })
        .set('Authorization', user);
      expect(outOfRange.body).toEqual({ points: [] });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps snapshots across a restart on the same database, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduler = mockScheduler();
      const first = await startWith(knex, scheduler);
      await scheduler.triggerTask(TREND_SNAPSHOT_TASK_ID);
      await first.stop();

      const second = await startWith(knex);
      const res = await request(second.server)
        .get(trendPath('worker'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.points).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs the snapshot once per interval however many backends share the database, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = new TrendStore(knex);
      const start = () =>
        startHarborBackend({
          sim,
          entities: ENTITIES,
          harbor: {
            trends: {
              frequency: { minutes: 10 },
              initialDelay: { seconds: 0 },
            },
          },
          features: [
            mockServices.database.factory({ knex }),
            schedulerServiceFactory,
          ],
          // The snapshot runs at once: keep its calls in the log.
          settle: false,
        });
      const backends = await Promise.all([start(), start()]);
      await until(async () => (await store.countRuns()) >= 1);
      // Both schedulers poll the task table every 5 s at most: after that long, the other one has seen the task
      // claimed and rescheduled 10 minutes out, and has not run it.
      await new Promise(resolve => setTimeout(resolve, 6_000));
      expect(await store.countRuns()).toBe(1);
      expect(sim.log.count('listArtifacts')).toBe(3);
      await Promise.all(backends.map(b => b.stop()));
    },
  );

  it('answers 403 to a caller who may not read the entity’s images, and 400 to a reversed range', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startWith(knex);
    const denied = await request(server)
      .get(trendPath('app'))
      .set('Authorization', mockCredentials.user.header(DENIED));
    expect(denied.status).toBe(403);
    const reversed = await request(server)
      .get(trendPath('app'))
      .query({ from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })
      .set('Authorization', user);
    expect(reversed.status).toBe(400);
  });
});
