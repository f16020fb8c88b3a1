import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('webhook policies', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;
  const policy = {
    name: 'ci-notify',
    enabled: true,
    event_types: ['PUSH_ARTIFACT', 'SCANNING_COMPLETED'],
    targets: [
      {
        type: 'http',
        address: 'https://ci.example.com/hook',
        skip_cert_verify: false,
      },
    ],
  };

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('creates a policy, defaults the HTTP payload format, and answers 409 for a duplicate name', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/projects/team-b/webhook/policies')
      .auth(...admin)
      .send(policy)
      .expect(201);
    const id = res.headers.location.split('/').pop();
    const got = await request(sim.url)
      .get(`/api/v2.0/projects/team-b/webhook/policies/${id}`)
      .auth(...admin)
      .expect(200);
    expect(got.body).toMatchObject({
      name: 'ci-notify',
      creator: 'admin',
      targets: [{ payload_format: 'Default' }],
    });
    const dup = await request(sim.url)
      .post('/api/v2.0/projects/team-b/webhook/policies')
      .auth(...admin)
      .send(policy)
      .expect(409);
    expect(dup.body.errors[0].message).toBe(
      'notification policy named ci-notify already exists',
    );
  });

  it('refuses unknown event types, empty targets and payload formats on slack', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/webhook/policies')
      .auth(...admin)
      .send({ ...policy, event_types: ['BUILD_DONE'] })
      .expect(400);
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/webhook/policies')
      .auth(...admin)
      .send({ ...policy, targets: [] })
      .expect(400);
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/webhook/policies')
      .auth(...admin)
      .send({
        ...policy,
        targets: [
          {
            type: 'slack',
            address: 'https://hooks.slack.com/x',
            payload_format: 'CloudEvents',
          },
        ],
      })
      .expect(400);
  });

  it('lists, updates and deletes policies', async () => {
    const list = await request(sim.url)
      .get('/api/v2.0/projects/team-a/webhook/policies')
      .auth(...admin)
      .expect(200);
    expect(list.body.map((p: { name: string }) => p.name)).toEqual([
      'team-a-chat',
    ]);
    const id = list.body[0].id;
    await request(sim.url)
      .put(`/api/v2.0/projects/team-a/webhook/policies/${id}`)
      .auth(...admin)
      .send({ ...list.body[0], enabled: false })
      .expect(200);
    expect(
      (
        await request(sim.url)
          .get(`/api/v2.0/projects/team-a/webhook/policies/${id}`)
          .auth(...admin)
      ).body.enabled,
    ).toBe(false);
    await request(sim.url)
      .delete(`/api/v2.0/projects/team-a/webhook/policies/${id}`)
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .get(`/api/v2.0/projects/team-a/webhook/policies/${id}`)
      .auth(...admin)
      .expect(404);
  });
});
