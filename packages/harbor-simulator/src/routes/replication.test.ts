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

  it('lists garbage collection history for admins', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/system/gc')
      .auth(...admin)
      .expect(200);
    expect(res.body[0]).toMatchObject({
      job_name: 'GARBAGE_COLLECTION',
      job_status: 'Success',
      schedule: { type: 'Weekly' },
    });
  });
});
