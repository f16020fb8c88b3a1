import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';
import { createRobotRecord } from '../builders';
import { robotFullName } from '../state';

describe('audit logs', () => {
  let sim: HarborSimulator;
  let clock: ManualClock;
  const admin = ['admin', 'Harbor12345'] as const;

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startHarborSimulator({ clock });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('has the seeded history of a project, newest first, in the AuditLogExt shape', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/projects/team-a/auditlog-exts')
      .query({ page_size: 100 })
      .auth(...admin)
      .expect(200);
    expect(Number(res.headers['x-total-count'])).toBe(res.body.length);
    const times = res.body.map((l: any) => l.op_time);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.body).toContainEqual({
      id: expect.any(Number),
      username: 'alice',
      resource: 'team-a/web:v1.4.1',
      resource_type: 'artifact',
      operation: 'pull',
      operation_description: 'pull artifact: team-a/web:v1.4.1',
      operation_result: true,
      op_time: expect.stringMatching(/Z$/),
    });
    expect(res.body.map((l: any) => l.operation)).toEqual(
      expect.arrayContaining(['create', 'pull', 'delete']),
    );
  });

  it('filters with q on operation, resource, username and an op_time range', async () => {
    const get = (q: string) =>
      request(sim.url)
        .get('/api/v2.0/projects/team-a/auditlog-exts')
        .query({ q, page_size: 100 })
        .auth(...admin)
        .expect(200);
    const pulls = await get('operation=pull');
    expect(pulls.body.length).toBeGreaterThan(0);
    expect(pulls.body.every((l: any) => l.operation === 'pull')).toBe(true);

    const web = await get('resource=~team-a/web');
    expect(
      web.body.every((l: any) => l.resource.startsWith('team-a/web')),
    ).toBe(true);
    const alice = await get('username=alice,operation=pull');
    expect(alice.body.map((l: any) => l.resource).sort()).toEqual([
      'team-a/api:2.0.0',
      'team-a/web:v1.4.1',
    ]);
    const day = 86_400_000;
    const fmt = (ms: number) =>
      new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
    const recent = await get(
      `op_time=[${fmt(clock.now() - 10 * day)}~${fmt(clock.now())}]`,
    );
    expect(recent.body.length).toBeGreaterThan(0);
    expect(
      recent.body.every(
        (l: any) => Date.parse(l.op_time) >= clock.now() - 10 * day,
      ),
    ).toBe(true);
    expect(recent.body.length).toBeLessThan(web.body.length + 10);
  });

  it('pages with X-Total-Count and a Link header', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/projects/team-a/auditlog-exts')
      .query({ page: 2, page_size: 3 })
      .auth(...admin)
      .expect(200);
    const total = Number(res.headers['x-total-count']);
    expect(total).toBeGreaterThan(6);
    expect(res.body).toHaveLength(3);
    expect(res.headers.link).toBe(
      '</api/v2.0/projects/team-a/auditlog-exts?page=1&page_size=3>; rel="prev" , </api/v2.0/projects/team-a/auditlog-exts?page=3&page_size=3>; rel="next"',
    );
  });

  it('records API deletes and project creation by the caller', async () => {
    await request(sim.url)
      .delete('/api/v2.0/projects/team-a/repositories/web/artifacts/v1.0.0')
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .post('/api/v2.0/projects')
      .auth('alice', 'Alice12345')
      .send({ project_name: 'audited', metadata: { public: 'false' } })
      .expect(201);
    const all = await request(sim.url)
      .get('/api/v2.0/auditlog-exts')
      .query({ q: 'operation={delete create}', page_size: 2 })
      .auth(...admin)
      .expect(200);
    expect(
      all.body.map((l: any) => [l.username, l.operation, l.resource_type]),
    ).toEqual([
      ['alice', 'create', 'project'],
      ['admin', 'delete', 'artifact'],
    ]);
  });

  it('answers the deprecated lists in the older AuditLog shape', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/projects/team-a/logs')
      .query({ q: 'operation=pull', page_size: 1 })
      .auth(...admin)
      .expect(200);
    expect(Object.keys(res.body[0]).sort()).toEqual([
      'id',
      'op_time',
      'operation',
      'resource',
      'resource_type',
      'username',
    ]);
    await request(sim.url)
      .get('/api/v2.0/audit-logs')
      .auth(...admin)
      .expect(200);
  });

  it('shows a non-admin only the projects where they may list logs, and refuses anonymous callers', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/auditlog-exts')
      .query({ page_size: 100 })
      .auth('alice', 'Alice12345')
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    // alice is a maintainer of team-a and, through her group, of platform; not of team-b or library.
    const projects = new Set(
      res.body.map((l: any) => l.resource.split('/')[0]),
    );
    expect([...projects].sort()).toEqual(['platform', 'team-a']);
    await request(sim.url).get('/api/v2.0/auditlog-exts').expect(401);
    await request(sim.url)
      .get('/api/v2.0/projects/team-a/auditlog-exts')
      .auth('bob', 'Bob12345')
      .expect(403);
  });

  it('shows a system robot every project only with audit-log:list, and honours a deny', async () => {
    const systemRobot = async (name: string, access: object[]) => {
      const res = await request(sim.url)
        .post('/api/v2.0/robots')
        .auth(...admin)
        .send({
          name,
          level: 'system',
          duration: 30,
          permissions: [
            { kind: 'system', namespace: '/', access },
            {
              kind: 'project',
              namespace: 'team-a',
              access: [{ resource: 'log', action: 'list' }],
            },
          ],
        })
        .expect(201);
      return [res.body.name, res.body.secret] as const;
    };
    const projectsSeenBy = async (auth: readonly [string, string]) => {
      const res = await request(sim.url)
        .get('/api/v2.0/auditlog-exts')
        .query({ page_size: 100 })
        .auth(...auth)
        .expect(200);
      return [
        ...new Set(res.body.map((l: any) => l.resource.split('/')[0])),
      ].sort();
    };
    const everything = await projectsSeenBy(admin);
    expect(everything.length).toBeGreaterThan(2);

    const auditor = await systemRobot('auditor', [
      { resource: 'audit-log', action: 'list' },
    ]);
    expect(await projectsSeenBy(auditor)).toEqual(everything);

    const other = await systemRobot('other', [
      { resource: 'project', action: 'create' },
    ]);
    expect(await projectsSeenBy(other)).toEqual(['team-a']);

    // Harbor's API refuses `*` in a robot permission (src/server/v2.0/handler/robot.go `validate`), so this
    // robot, as an older Harbor may hold, is stored directly.
    const denied = createRobotRecord(sim.state, sim.clock, {
      name: 'denied',
      level: 'system',
      duration: 30,
      creator: { type: 'local', ref: 1 },
      permissions: [
        {
          kind: 'system',
          namespace: '/',
          access: [
            { resource: '*', action: '*' },
            { resource: 'audit-log', action: 'list', effect: 'deny' },
          ],
        },
        {
          kind: 'project',
          namespace: 'team-a',
          access: [{ resource: 'log', action: 'list' }],
        },
      ],
    });
    expect(
      await projectsSeenBy([robotFullName(denied), denied.secret]),
    ).toEqual(['team-a']);
  });

  it('reports the audit-log forward endpoint in GET /configurations, to admins only', async () => {
    sim.state.configuration.audit_log_forward_endpoint =
      'syslog.example.com:514';
    const res = await request(sim.url)
      .get('/api/v2.0/configurations')
      .auth(...admin)
      .expect(200);
    expect(res.body.audit_log_forward_endpoint).toEqual({
      value: 'syslog.example.com:514',
      editable: true,
    });
    await request(sim.url)
      .get('/api/v2.0/configurations')
      .auth('alice', 'Alice12345')
      .expect(403);
  });
});
