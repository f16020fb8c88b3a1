import request from 'supertest';
import { ManualClock } from '../clock';
import { DEMO_ROBOTS } from '../seed';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('quotas', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;
  const GiB = 1024 ** 3;

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('finds a project quota by reference_id; its id is not the project id', async () => {
    const projectId = sim.state.projectByName('team-b')!.project_id;
    const res = await request(sim.url)
      .get(`/api/v2.0/quotas?reference=project&reference_id=${projectId}`)
      .auth(...admin)
      .expect(200);
    expect(res.headers['x-total-count']).toBe('1');
    expect(res.body[0]).toMatchObject({
      ref: { id: projectId, name: 'team-b' },
      hard: { storage: GiB },
      used: { storage: 850 * 1024 ** 2 },
    });
    expect(res.body[0].id).not.toBe(projectId);
  });

  it('updates the hard limit with PUT /quotas/{id} and refuses a body without hard', async () => {
    const quota = sim.state.quotaOfProject(
      sim.state.projectByName('team-a')!.project_id,
    )!;
    await request(sim.url)
      .put(`/api/v2.0/quotas/${quota.id}`)
      .auth(...admin)
      .send({ hard: { storage: 20 * GiB } })
      .expect(200);
    const got = await request(sim.url)
      .get(`/api/v2.0/quotas/${quota.id}`)
      .auth(...admin)
      .expect(200);
    expect(got.body.hard.storage).toBe(20 * GiB);
    const bad = await request(sim.url)
      .put(`/api/v2.0/quotas/${quota.id}`)
      .auth(...admin)
      .send({})
      .expect(400);
    expect(bad.body.errors[0].message).toBe('hard required in body');
    await request(sim.url)
      .get('/api/v2.0/quotas/99999')
      .auth(...admin)
      .expect(404);
  });

  it('needs system-level quota access: a project robot gets 403', async () => {
    await request(sim.url)
      .get('/api/v2.0/quotas')
      .auth(DEMO_ROBOTS.teamACi.name, DEMO_ROBOTS.teamACi.secret)
      .expect(403);
    await request(sim.url).get('/api/v2.0/quotas').expect(401);
  });

  it('refuses a push over the hard limit and counts accepted pushes in usage', async () => {
    expect(() =>
      sim.push({
        project: 'team-b',
        repository: 'payments',
        tags: ['2.0.0'],
        size: 200 * 1024 ** 2,
      }),
    ).toThrow(/will exceed the configured upper limit of 1.0 GiB/);
    sim.push({
      project: 'team-b',
      repository: 'payments',
      tags: ['1.2.0'],
      size: 100 * 1024 ** 2,
    });
    const projectId = sim.state.projectByName('team-b')!.project_id;
    const res = await request(sim.url)
      .get(`/api/v2.0/quotas?reference=project&reference_id=${projectId}`)
      .auth(...admin)
      .expect(200);
    expect(res.body[0].used.storage).toBe(950 * 1024 ** 2);
  });

  it('refuses an over-quota push over HTTP with 403 DENIED', async () => {
    const res = await request(sim.url)
      .post('/_simulator/push')
      .auth(...admin)
      .send({
        project: 'team-b',
        repository: 'payments',
        tags: ['2.0.0'],
        size: 300 * 1024 ** 2,
      })
      .expect(403);
    expect(res.body.errors[0].code).toBe('DENIED');
    await request(sim.url)
      .post('/_simulator/push')
      .auth(DEMO_ROBOTS.teamACi.name, DEMO_ROBOTS.teamACi.secret)
      .send({
        project: 'team-a',
        repository: 'web',
        tags: ['v1.5.0'],
        size: 1024,
      })
      .expect(201);
  });

  it('honours storage_limit at project creation for admins only', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(...admin)
      .send({ project_name: 'limited', storage_limit: 5 * GiB })
      .expect(201);
    await request(sim.url)
      .post('/api/v2.0/projects')
      .auth('alice', 'Alice12345')
      .send({ project_name: 'alice-limited', storage_limit: 5 * GiB })
      .expect(201);
    const hard = (name: string) =>
      sim.state.quotaOfProject(sim.state.projectByName(name)!.project_id)!.hard;
    expect(hard('limited')).toBe(5 * GiB);
    expect(hard('alice-limited')).toBe(-1);
  });
});
