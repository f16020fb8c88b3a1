import request from 'supertest';
import { ManualClock } from './clock';
import { DEMO_ROBOTS } from './seed';
import { HarborSimulator, startHarborSimulator } from './server';

describe('harbor simulator faults over the admin API', () => {
  let sim: HarborSimulator;
  const clock = new ManualClock();
  const admin = ['admin', 'Harbor12345'] as const;

  beforeAll(async () => {
    sim = await startHarborSimulator({ clock });
  });

  afterAll(async () => {
    await sim.stop();
  });

  afterEach(() => {
    sim.faults.clear();
    sim.clearLog();
    sim.assertNoViolations();
  });

  const inject = (fault: object) =>
    request(sim.url)
      .post('/_simulator/faults')
      .auth(...admin)
      .send(fault)
      .expect(201);

  it('is for system administrators only', async () => {
    await request(sim.url).get('/_simulator/faults').expect(401);
    // Wrong credentials are anonymous here too.
    await request(sim.url)
      .get('/_simulator/faults')
      .auth('admin', 'wrong')
      .expect(401);
    await request(sim.url)
      .post('/_simulator/faults')
      .auth('alice', 'Alice12345')
      .send({ status: 500 })
      .expect(403);
    expect(sim.faults.pending).toEqual([]);
  });

  it('takes every operation down for forMs, then Harbor answers normally again', async () => {
    const res = await inject({ status: 500, forMs: 30_000 });
    expect(res.body).toEqual({
      id: expect.any(Number),
      fault: { status: 500, forMs: 30_000 },
      hits: 0,
      endsAt: clock.now() + 30_000,
    });
    await request(sim.url).get('/api/v2.0/ping').expect(500);
    await request(sim.url)
      .get('/api/v2.0/projects/team-a/repositories')
      .auth(...admin)
      .expect(500);
    await request(sim.url)
      .get('/api/v2.0/users/current')
      .auth(...admin)
      .expect(500);
    clock.advance(29_999);
    await request(sim.url).get('/api/v2.0/systeminfo').expect(500);
    clock.advance(1);
    await request(sim.url).get('/api/v2.0/ping').expect(200);
    await request(sim.url)
      .get('/api/v2.0/users/current')
      .auth(...admin)
      .expect(200);
    const faults = await request(sim.url)
      .get('/_simulator/faults')
      .auth(...admin)
      .expect(200);
    expect(faults.body).toEqual({ faults: [] });
  });

  it('fails the next N calls whatever their operation, then recovers', async () => {
    await inject({ status: 503, times: 2 });
    await request(sim.url).get('/api/v2.0/ping').expect(503);
    await request(sim.url)
      .get('/api/v2.0/projects')
      .auth(...admin)
      .expect(503);
    await request(sim.url)
      .get('/api/v2.0/projects')
      .auth(...admin)
      .expect(200);
  });

  it('hangs calls while the fault lasts and answers them once it is over', async () => {
    await inject({ operationId: 'listProjects', hang: true, forMs: 5_000 });
    const started = Date.now();
    const hung = request(sim.url)
      .get('/api/v2.0/projects?page_size=1')
      .auth(...admin)
      .then(r => ({ status: r.status, afterMs: Date.now() - started }));
    // Another operation is not affected.
    await request(sim.url).get('/api/v2.0/ping').expect(200);
    await new Promise(resolve => setTimeout(resolve, 200));
    const pending = sim.requestLog.find(e => e.operationId === 'listProjects');
    expect(pending?.fault).toBe('hang');
    expect(pending?.status).toBeUndefined();
    clock.advance(5_000);
    const answered = await hung;
    expect(answered.status).toBe(200);
    expect(answered.afterMs).toBeGreaterThanOrEqual(200);
    await request(sim.url)
      .get('/api/v2.0/projects?page_size=1')
      .auth(...admin)
      .expect(200);
  });

  it('answers calls hung by a timed fault once the fault is removed', async () => {
    const fault = await inject({ hang: true, forMs: 60_000 });
    const hung = request(sim.url).get('/api/v2.0/ping');
    const answered = hung.then(r => r.status);
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(sim.requestLog.at(-1)?.status).toBeUndefined();
    await request(sim.url)
      .delete(`/_simulator/faults/${fault.body.id}`)
      .auth(...admin)
      .expect(204);
    expect(await answered).toBe(200);
  });

  it('leaves a hung call to a caller that gives up', async () => {
    await inject({ hang: true, forMs: 60_000 });
    await expect(
      request(sim.url).get('/api/v2.0/ping').timeout(100),
    ).rejects.toThrow(/Timeout/);
    clock.advance(60_000);
    await request(sim.url).get('/api/v2.0/ping').expect(200);
  });

  it('removes one fault by id, or all', async () => {
    const a = await inject({
      operationId: 'getPing',
      status: 502,
      always: true,
    });
    await inject({ operationId: 'getHealth', status: 502, always: true });
    await request(sim.url).get('/api/v2.0/ping').expect(502);
    const listed = await request(sim.url)
      .get('/_simulator/faults')
      .auth(...admin)
      .expect(200);
    expect(listed.body.faults).toEqual([
      expect.objectContaining({ id: a.body.id, hits: 1 }),
      expect.objectContaining({ hits: 0 }),
    ]);
    await request(sim.url)
      .delete(`/_simulator/faults/${a.body.id}`)
      .auth(...admin)
      .expect(204);
    await request(sim.url)
      .delete(`/_simulator/faults/${a.body.id}`)
      .auth(...admin)
      .expect(404);
    await request(sim.url).get('/api/v2.0/ping').expect(200);
    await request(sim.url).get('/api/v2.0/health').expect(502);
    await request(sim.url)
      .delete('/_simulator/faults')
      .auth(...admin)
      .expect(204);
    await request(sim.url).get('/api/v2.0/health').expect(200);
  });

  it('refuses a fault it could not apply, with Harbor’s error shape', async () => {
    const res = await request(sim.url)
      .post('/_simulator/faults')
      .auth(...admin)
      .send({ status: 500, forMS: 1000 })
      .expect(400);
    expect(res.body).toEqual({
      errors: [
        { code: 'BAD_REQUEST', message: 'unknown fault field(s): forMS' },
      ],
    });
    await request(sim.url)
      .post('/_simulator/faults')
      .auth(...admin)
      .set('Content-Type', 'application/json')
      .send('[1]')
      .expect(400);
    expect(sim.faults.pending).toEqual([]);
  });

  it('counts the API calls by operation, status and fault, since a time', async () => {
    await inject({ operationId: 'getProject', status: 500 });
    await request(sim.url)
      .get('/api/v2.0/projects/team-a')
      .auth(...admin)
      .expect(500);
    const since = Date.now();
    await request(sim.url)
      .get('/api/v2.0/projects/team-a')
      .auth(...admin)
      .expect(200);
    await request(sim.url).get('/api/v2.0/ping').expect(200);
    await request(sim.url).get('/api/v2.0/nowhere').expect(404);
    const all = await request(sim.url)
      .get('/_simulator/calls')
      .auth(...admin)
      .expect(200);
    expect(all.body).toEqual({
      total: 4,
      byOperation: { getProject: 2, getPing: 1, 'outside-api': 1 },
      byStatus: { '200': 2, '404': 1, '500': 1 },
      byFault: { status: 1 },
    });
    const recent = await request(sim.url)
      .get(`/_simulator/calls?since=${since}`)
      .auth(...admin)
      .expect(200);
    expect(recent.body.byOperation.getProject).toBe(1);
    const before = await request(sim.url)
      .get(`/_simulator/calls?until=${since}`)
      .auth(...admin)
      .expect(200);
    expect(before.body).toMatchObject({
      total: 1,
      byOperation: { getProject: 1 },
      byStatus: { '500': 1 },
    });
    await request(sim.url)
      .get('/_simulator/calls?since=yesterday')
      .auth(...admin)
      .expect(400);
    // The admin API's own calls are not Harbor calls.
    expect(sim.log.count()).toBe(4);
    await request(sim.url)
      .delete('/_simulator/calls')
      .auth(...admin)
      .expect(204);
    expect(sim.requestLog).toEqual([]);
  });
});

describe('harbor simulator: credentials that match nobody', () => {
  let sim: HarborSimulator;

  beforeAll(async () => {
    sim = await startHarborSimulator();
  });

  afterAll(async () => {
    await sim.stop();
  });

  it('answers a robot with a wrong secret as anonymous: public data with 200, 401 for /users/current', async () => {
    const wrong = [DEMO_ROBOTS.teamACi.name, 'not-the-secret'] as const;
    const projects = await request(sim.url)
      .get('/api/v2.0/projects')
      .auth(...wrong)
      .expect(200);
    expect(projects.body.map((p: { name: string }) => p.name).sort()).toEqual([
      'library',
      'sandbox',
    ]);
    // team-a is private: Harbor asks an anonymous caller to authenticate (RequireProjectAccess).
    await request(sim.url)
      .get('/api/v2.0/projects/team-a/repositories')
      .auth(...wrong)
      .expect(401);
    await request(sim.url)
      .get('/api/v2.0/users/current')
      .auth(...wrong)
      .expect(401);
    const robot = await request(sim.url)
      .get('/api/v2.0/users/current')
      .auth(DEMO_ROBOTS.teamACi.name, DEMO_ROBOTS.teamACi.secret)
      .expect(412);
    expect(robot.body.errors[0]).toEqual({
      code: 'PRECONDITION',
      message: 'get current user not available for security context: robot',
    });
    expect(sim.requestLog.map(e => e.principal)).toEqual([
      'anonymous',
      'anonymous',
      'anonymous',
      'robot$team-a+ci',
    ]);
    sim.assertNoViolations();
  });
});
