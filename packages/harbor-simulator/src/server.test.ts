import request from 'supertest';
import { ManualClock } from './clock';
import { DEMO_ROBOTS } from './seed';
import { HarborSimulator, startHarborSimulator } from './server';

describe('harbor simulator server', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;

  beforeAll(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterAll(async () => {
    await sim.stop();
  });

  afterEach(() => {
    sim.faults.clear();
    sim.setReadOnly(false);
    sim.assertNoViolations();
  });

  it('listens on an ephemeral loopback port and exposes the API base url', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.apiUrl).toBe(`${sim.url}/api/v2.0`);
    expect(sim.adminCredentials).toEqual({
      username: 'admin',
      password: 'Harbor12345',
    });
  });

  describe('health, ping and system info', () => {
    it('answers /health with 200 and the status in the body, even when a component is unhealthy', async () => {
      sim.state.unhealthyComponents.set(
        'redis',
        'dial tcp 10.0.0.5:6379: connect: connection refused',
      );
      try {
        const res = await request(sim.url).get('/api/v2.0/health').expect(200);
        expect(res.body.status).toBe('unhealthy');
        expect(res.body.components).toContainEqual({
          name: 'redis',
          status: 'unhealthy',
          error: 'dial tcp 10.0.0.5:6379: connect: connection refused',
        });
      } finally {
        sim.state.unhealthyComponents.clear();
      }
      const healthy = await request(sim.url)
        .get('/api/v2.0/health')
        .expect(200);
      expect(healthy.body.status).toBe('healthy');
    });

    it('answers /ping with the text Pong', async () => {
      const res = await request(sim.url).get('/api/v2.0/ping').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe('Pong');
    });

    it('hides the version and read_only from anonymous system info callers', async () => {
      const anonymous = await request(sim.url)
        .get('/api/v2.0/systeminfo')
        .expect(200);
      expect(anonymous.body.auth_mode).toBe('db_auth');
      expect(anonymous.body.harbor_version).toBeUndefined();
      expect(anonymous.body.read_only).toBeUndefined();
      const authed = await request(sim.url)
        .get('/api/v2.0/systeminfo')
        .auth(...admin)
        .expect(200);
      expect(authed.body.harbor_version).toMatch(/^v2\./);
      expect(authed.body.read_only).toBe(false);
      expect(authed.body.external_url).toBe(sim.url);
    });

    it('gives storage and total counts in /statistics to sysadmins only', async () => {
      const adminStats = await request(sim.url)
        .get('/api/v2.0/statistics')
        .auth(...admin)
        .expect(200);
      expect(adminStats.body.total_project_count).toBe(
        sim.state.projects.length,
      );
      expect(adminStats.body.total_storage_consumption).toBeGreaterThan(0);
      const robotStats = await request(sim.url)
        .get('/api/v2.0/statistics')
        .auth(DEMO_ROBOTS.reader.name, DEMO_ROBOTS.reader.secret)
        .expect(200);
      expect(robotStats.body.total_project_count).toBeUndefined();
      expect(robotStats.body.public_project_count).toBe(2);
      await request(sim.url).get('/api/v2.0/statistics').expect(401);
    });
  });

  describe('authentication', () => {
    it('treats a wrong password as anonymous: GET /projects answers 200 with public projects only', async () => {
      const res = await request(sim.url)
        .get('/api/v2.0/projects')
        .auth('admin', 'wrong')
        .expect(200);
      expect(res.body.map((p: { name: string }) => p.name).sort()).toEqual([
        'library',
        'sandbox',
      ]);
      expect(sim.requestLog.at(-1)?.principal).toBe('anonymous');
    });

    it('answers /users/current with 200 for a user, 412 for a robot and 401 for anonymous', async () => {
      const user = await request(sim.url)
        .get('/api/v2.0/users/current')
        .auth(...admin)
        .expect(200);
      expect(user.body).toMatchObject({
        username: 'admin',
        sysadmin_flag: true,
      });
      const robot = await request(sim.url)
        .get('/api/v2.0/users/current')
        .auth(DEMO_ROBOTS.teamACi.name, DEMO_ROBOTS.teamACi.secret)
        .expect(412);
      expect(robot.body.errors[0].code).toBe('PRECONDITION');
      const anonymous = await request(sim.url)
        .get('/api/v2.0/users/current')
        .expect(401);
      expect(anonymous.body).toEqual({
        errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }],
      });
    });

    it('refuses writes with 403 DENIED in read-only mode and still serves reads', async () => {
      sim.setReadOnly(true);
      const res = await request(sim.url)
        .post('/api/v2.0/projects')
        .auth(...admin)
        .send({ project_name: 'read-only-attempt' })
        .expect(403);
      expect(res.body.errors[0].code).toBe('DENIED');
      await request(sim.url)
        .get('/api/v2.0/projects/library')
        .auth(...admin)
        .expect(200);
      const info = await request(sim.url)
        .get('/api/v2.0/systeminfo')
        .auth(...admin)
        .expect(200);
      expect(info.body.read_only).toBe(true);
    });
  });

  describe('headers', () => {
    it("echoes the caller's X-Request-Id and generates one otherwise", async () => {
      const echoed = await request(sim.url)
        .get('/api/v2.0/health')
        .set('X-Request-Id', 'backstage-42')
        .expect(200);
      expect(echoed.headers['x-request-id']).toBe('backstage-42');
      const generated = await request(sim.url)
        .get('/api/v2.0/health')
        .expect(200);
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers JSON with application/json and errors in the Errors shape', async () => {
      const ok = await request(sim.url)
        .get('/api/v2.0/projects/library')
        .auth(...admin)
        .expect(200);
      expect(ok.headers['content-type']).toMatch(/^application\/json/);
      const missing = await request(sim.url)
        .get('/api/v2.0/projects/nope')
        .auth(...admin)
        .expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/json/);
      expect(missing.body).toEqual({
        errors: [{ code: 'NOT_FOUND', message: 'project nope not found' }],
      });
    });

    it('answers an unknown path with 404 path not found', async () => {
      const res = await request(sim.url)
        .get('/api/v2.0/nothing-here')
        .expect(404);
      expect(res.body.errors[0].message).toBe(
        'path /api/v2.0/nothing-here was not found',
      );
    });
  });

  describe('spec validation', () => {
    it('refuses a request body that violates the spec with 400 naming the violation, and records it', async () => {
      const res = await request(sim.url)
        .post('/api/v2.0/projects')
        .auth(...admin)
        .send({ project_name: 'typed-wrong', metadata: { public: true } })
        .expect(400);
      expect(res.body.errors[0].code).toBe('BAD_REQUEST');
      expect(res.body.errors[0].message).toContain(
        'body/metadata/public must be string',
      );
      expect(sim.violations).toEqual([
        expect.objectContaining({
          direction: 'request',
          operationId: 'createProject',
          location: 'body/metadata/public',
        }),
      ]);
      expect(() => sim.assertNoViolations()).toThrow(
        /body\/metadata\/public must be string/,
      );
      // Reported once, so the next test does not fail for this one's violations.
      expect(sim.violations).toEqual([]);
      expect(() => sim.assertNoViolations()).not.toThrow();
    });

    it('answers page_size 101 with 422 UNPROCESSABLE_ENTITY as go-swagger does', async () => {
      const res = await request(sim.url)
        .get('/api/v2.0/projects?page_size=101')
        .auth(...admin)
        .expect(422);
      expect(res.body.errors[0]).toEqual({
        code: 'UNPROCESSABLE_ENTITY',
        message:
          'validation failure list:\npage_size in query should be less than or equal to 100',
      });
      expect(sim.violations[0]).toMatchObject({
        direction: 'request',
        location: 'query.page_size',
      });
      sim.clearViolations();
    });

    it('turns a response that violates the spec into a 500 and records the violation', async () => {
      sim.faults.inject({
        operationId: 'getProject',
        status: 200,
        body: { project_id: 'not-a-number', name: 'library' },
      });
      const res = await request(sim.url)
        .get('/api/v2.0/projects/library')
        .auth(...admin)
        .expect(500);
      expect(res.body.errors[0].code).toBe('UNKNOWN');
      expect(sim.violations).toEqual([
        expect.objectContaining({
          direction: 'response',
          operationId: 'getProject',
          status: 200,
          location: 'body/project_id',
        }),
      ]);
      sim.clearViolations();
    });

    it('passes invalid exchanges through unchanged in log mode while recording them', async () => {
      const logging = await startHarborSimulator({
        validation: 'log',
        seed: 'empty',
        onViolation: () => {},
      });
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        logging.faults.inject({
          operationId: 'getHealth',
          status: 200,
          body: { status: 42 },
        });
        const res = await request(logging.url)
          .get('/api/v2.0/health')
          .expect(200);
        expect(res.body).toEqual({ status: 42 });
        expect(logging.violations).toHaveLength(1);
        expect(warn).toHaveBeenCalled();
      } finally {
        warn.mockRestore();
        await logging.stop();
      }
    });
  });

  describe('fault injection', () => {
    it('answers the n-th call of an operation with the injected status', async () => {
      sim.faults.inject({ operationId: 'getHealth', onCall: 2, status: 503 });
      await request(sim.url).get('/api/v2.0/health').expect(200);
      const failed = await request(sim.url).get('/api/v2.0/health').expect(503);
      expect(failed.body.errors[0]).toEqual({
        code: 'UNKNOWN',
        message: 'internal server error',
      });
      await request(sim.url).get('/api/v2.0/health').expect(200);
    });

    it('fails every call while an always fault is injected, and none after clear', async () => {
      sim.faults.inject({ operationId: 'getPing', always: true, status: 502 });
      await request(sim.url).get('/api/v2.0/ping').expect(502);
      await request(sim.url).get('/api/v2.0/ping').expect(502);
      sim.faults.clear();
      await request(sim.url).get('/api/v2.0/ping').expect(200);
    });

    it('fails the next k calls', async () => {
      const fault = sim.faults.inject({
        operationId: 'getPing',
        times: 2,
        status: 429,
      });
      await request(sim.url).get('/api/v2.0/ping').expect(429);
      await request(sim.url).get('/api/v2.0/ping').expect(429);
      await request(sim.url).get('/api/v2.0/ping').expect(200);
      expect(fault.hits).toBe(2);
    });

    it('delays a call by the injected latency', async () => {
      sim.faults.inject({ operationId: 'getPing', latencyMs: 30 });
      const started = Date.now();
      await request(sim.url).get('/api/v2.0/ping').expect(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      expect(sim.requestLog.at(-1)).toMatchObject({
        fault: 'latency',
        status: 200,
      });
    });

    it('hangs a call until the client gives up', async () => {
      sim.faults.inject({ operationId: 'getPing', hang: true });
      await expect(
        request(sim.url).get('/api/v2.0/ping').timeout(50),
      ).rejects.toThrow(/Timeout/);
      expect(sim.requestLog.at(-1)).toMatchObject({
        operationId: 'getPing',
        fault: 'hang',
      });
      expect(sim.requestLog.at(-1)?.status).toBeUndefined();
    });

    it('resets the connection', async () => {
      sim.faults.inject({ operationId: 'getPing', reset: true });
      await expect(request(sim.url).get('/api/v2.0/ping')).rejects.toThrow(
        /socket hang up|ECONNRESET/,
      );
      expect(sim.requestLog.at(-1)).toMatchObject({ fault: 'reset' });
    });
  });

  describe('request log', () => {
    it('records method, path, query, operation, principal and status, and lists writes', async () => {
      sim.clearLog();
      await request(sim.url)
        .get('/api/v2.0/projects?page=1&page_size=5')
        .auth(...admin)
        .expect(200);
      await request(sim.url)
        .head('/api/v2.0/projects?project_name=library')
        .auth(...admin)
        .expect(200);
      await request(sim.url)
        .get('/api/v2.0/projects/team-a')
        .auth(DEMO_ROBOTS.teamACi.name, DEMO_ROBOTS.teamACi.secret)
        .expect(403);
      expect(sim.requestLog).toEqual([
        expect.objectContaining({
          method: 'GET',
          path: '/api/v2.0/projects',
          query: { page: '1', page_size: '5' },
          operationId: 'listProjects',
          principal: 'admin',
          status: 200,
        }),
        expect.objectContaining({
          method: 'HEAD',
          operationId: 'headProject',
          status: 200,
        }),
        expect.objectContaining({
          operationId: 'getProject',
          principal: 'robot$team-a+ci',
          status: 403,
        }),
      ]);
      expect(sim.writes()).toEqual([]);
      await request(sim.url)
        .delete('/api/v2.0/projects/sandbox')
        .auth(...admin)
        .expect(200);
      expect(sim.writes()).toEqual([
        expect.objectContaining({
          method: 'DELETE',
          operationId: 'deleteProject',
        }),
      ]);
      expect(sim.log.count('listProjects')).toBe(1);
    });
  });
});
