import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('registries and replication', () => {
  let sim: HarborSimulator;
  let clock: ManualClock;
  const admin = ['admin', 'Harbor12345'] as const;
  const pullPolicy = (registryId: number) => ({
    name: 'migrate-team-a',
    src_registry: { id: registryId },
    dest_namespace: 'team-a',
    trigger: { type: 'manual' },
    filters: [{ type: 'name', value: 'team-a/**' }],
    override: true,
    enabled: true,
  });

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startHarborSimulator({ clock, executionDurationMs: 20_000 });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('creates a registry, hides its secret, answers 409 for a duplicate name and pings it', async () => {
    const body = {
      name: 'dockerhub-mirror',
      type: 'docker-hub',
      url: 'https://hub.docker.com',
      credential: { type: 'basic', access_key: 'bot', access_secret: 's3cret' },
    };
    const res = await request(sim.url)
      .post('/api/v2.0/registries')
      .auth(...admin)
      .send(body)
      .expect(201);
    const id = res.headers.location.split('/').pop();
    const got = await request(sim.url)
      .get(`/api/v2.0/registries/${id}`)
      .auth(...admin)
      .expect(200);
    expect(got.body.credential).toEqual({
      type: 'basic',
      access_key: 'bot',
      access_secret: '*****',
    });
    await request(sim.url)
      .post('/api/v2.0/registries')
      .auth(...admin)
      .send(body)
      .expect(409);
    await request(sim.url)
      .post('/api/v2.0/registries/ping')
      .auth(...admin)
      .send({
        type: 'docker-registry',
        url: 'https://registry.old.example.com',
      })
      .expect(200);
    await request(sim.url)
      .post('/api/v2.0/registries/ping')
      .auth(...admin)
      .send({ id: 999 })
      .expect(404);
    const list = await request(sim.url)
      .get(`/api/v2.0/registries?q=${encodeURIComponent('name=old-registry')}`)
      .auth(...admin)
      .expect(200);
    expect(list.body).toHaveLength(1);
  });

  it('offers only manual and scheduled triggers for a docker-registry source', async () => {
    const info = await request(sim.url)
      .get('/api/v2.0/registries/1/info')
      .auth(...admin)
      .expect(200);
    expect(info.body.supported_triggers).toEqual(['manual', 'scheduled']);
    await request(sim.url)
      .post('/api/v2.0/replication/policies')
      .auth(...admin)
      .send({ ...pullPolicy(1), trigger: { type: 'event_based' } })
      .expect(400);
  });

  // Copying from a reachable docker-registry is tested in replication/pullReplication.test.ts.
  it('runs a pull replication that stays InProgress for its duration, then fails as the seeded endpoint is unreachable', async () => {
    const created = await request(sim.url)
      .post('/api/v2.0/replication/policies')
      .auth(...admin)
      .send(pullPolicy(1))
      .expect(201);
    const policyId = Number(created.headers.location.split('/').pop());
    await request(sim.url)
      .post('/api/v2.0/replication/policies')
      .auth(...admin)
      .send(pullPolicy(1))
      .expect(409);
    const started = await request(sim.url)
      .post('/api/v2.0/replication/executions')
      .auth(...admin)
      .send({ policy_id: policyId })
      .expect(201);
    const executionId = started.headers.location.split('/').pop();
    const running = await request(sim.url)
      .get(`/api/v2.0/replication/executions/${executionId}`)
      .auth(...admin)
      .expect(200);
    expect(running.body).toMatchObject({
      policy_id: policyId,
      status: 'InProgress',
      trigger: 'manual',
    });
    await request(sim.url)
      .delete(`/api/v2.0/replication/policies/${policyId}`)
      .auth(...admin)
      .expect(412);
    await sim.replicationsSettled();
    clock.advance(19_000);
    const stillRunning = await request(sim.url)
      .get(`/api/v2.0/replication/executions/${executionId}`)
      .auth(...admin)
      .expect(200);
    expect(stillRunning.body.status).toBe('InProgress');
    clock.advance(1_000);
    const done = await request(sim.url)
      .get(`/api/v2.0/replication/executions/${executionId}`)
      .auth(...admin)
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'Failed',
      in_progress: 0,
      total: 0,
    });
    // registry.old.example.com does not resolve here, as it would not for a real Harbor.
    expect(done.body.status_text).toMatch(
      /^failed to fetch artifacts: Get "https:\/\/registry\.old\.example\.com\/v2\/": /,
    );
    await request(sim.url)
      .delete('/api/v2.0/registries/1')
      .auth(...admin)
      .expect(412);
    await request(sim.url)
      .delete(`/api/v2.0/replication/policies/${policyId}`)
      .auth(...admin)
      .expect(200);
  });

  it('refuses a policy with both or neither registry, and a disabled policy run with 412', async () => {
    await request(sim.url)
      .post('/api/v2.0/replication/policies')
      .auth(...admin)
      .send({ ...pullPolicy(1), dest_registry: { id: 1 } })
      .expect(400);
    await request(sim.url)
      .post('/api/v2.0/replication/policies')
      .auth(...admin)
      .send({ ...pullPolicy(1), src_registry: undefined })
      .expect(400);
    const created = await request(sim.url)
      .post('/api/v2.0/replication/policies')
      .auth(...admin)
      .send({ ...pullPolicy(1), enabled: false })
      .expect(201);
    const policyId = Number(created.headers.location.split('/').pop());
    await request(sim.url)
      .post('/api/v2.0/replication/executions')
      .auth(...admin)
      .send({ policy_id: policyId })
      .expect(412);
  });

  it('needs system access: a non-admin user gets 403', async () => {
    await request(sim.url)
      .get('/api/v2.0/registries')
      .auth('alice', 'Alice12345')
      .expect(403);
  });

  it('lists executions newest first and by the execution fields `sort` names, dropping unknown keys', async () => {
    const policy = (name: string) =>
      request(sim.url)
        .post('/api/v2.0/replication/policies')
        .auth(...admin)
        .send({ ...pullPolicy(1), name })
        .expect(201)
        .then(res => Number(res.headers.location.split('/').pop()));
    const first = await policy('first');
    const second = await policy('second');
    const run = async (policyId: number) => {
      const res = await request(sim.url)
        .post('/api/v2.0/replication/executions')
        .auth(...admin)
        .send({ policy_id: policyId })
        .expect(201);
      await sim.replicationsSettled();
      return Number(res.headers.location.split('/').pop());
    };
    // Started in this order, a minute apart: a (second), b (first), c (second, still running).
    const a = await run(second);
    clock.advance(60_000);
    const b = await run(first);
    clock.advance(60_000);
    const c = await run(second);
    const ids = async (sort?: string) =>
      (
        await request(sim.url)
          .get('/api/v2.0/replication/executions')
          .query(sort === undefined ? {} : { sort })
          .auth(...admin)
          .expect(200)
      ).body.map((e: { id: number }) => e.id);

    expect(await ids()).toEqual([c, b, a]);
    expect(await ids('start_time')).toEqual([a, b, c]);
    expect(await ids('-start_time')).toEqual([c, b, a]);
    expect(await ids('id')).toEqual([a, b, c]);
    // The column is vendor_id; the view's policy_id is no column and is dropped.
    expect(await ids('vendor_id,-start_time')).toEqual([b, c, a]);
    expect(await ids('policy_id')).toEqual([c, b, a]);
    // A running execution has no end_time (NULL): last ascending, first descending.
    expect(await ids('end_time')).toEqual([a, b, c]);
    expect(await ids('-end_time')).toEqual([c, b, a]);
    expect(await ids('no_such_field,start_time')).toEqual([a, b, c]);
  });

  it('lists garbage collection history newest first, dropping sort=creation_time as Harbor does', async () => {
    const history = async (sort?: string) =>
      (
        await request(sim.url)
          .get('/api/v2.0/system/gc')
          .query(sort === undefined ? {} : { sort })
          .auth(...admin)
          .expect(200)
      ).body as Array<{ id: number; creation_time: string }>;
    const newestFirst = await history();
    expect(newestFirst[0]).toMatchObject({
      job_name: 'GARBAGE_COLLECTION',
      job_status: 'Success',
      schedule: { type: 'Weekly' },
    });
    expect(
      Date.parse(newestFirst[0].creation_time) >
        Date.parse(newestFirst[1].creation_time),
    ).toBe(true);
    // creation_time is the execution's start_time, which is the column `sort` has to name.
    expect(await history('creation_time')).toEqual(newestFirst);
    expect(await history('start_time')).toEqual([...newestFirst].reverse());
  });
});
