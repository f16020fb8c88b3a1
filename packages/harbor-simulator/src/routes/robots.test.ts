import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('robot accounts', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;
  const projectRobot = (
    name: string,
    access = [
      { resource: 'repository', action: 'pull' },
      { resource: 'artifact', action: 'list' },
      { resource: 'repository', action: 'list' },
    ],
  ) => ({
    name,
    level: 'project',
    duration: 30,
    description: 'test robot',
    permissions: [{ kind: 'project', namespace: 'team-a', access }],
  });

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('creates a project robot named robot$project+name and returns the secret only at creation', async () => {
    const created = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send({ ...projectRobot('deploy'), secret: 'Ignored123' })
      .expect(201);
    expect(created.body.name).toBe('robot$team-a+deploy');
    expect(created.body.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(created.body.secret).not.toBe('Ignored123');
    expect(created.headers.location).toBe(
      `/api/v2.0/robots/${created.body.id}`,
    );
    const got = await request(sim.url)
      .get(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .expect(200);
    expect(got.body.secret).toBeUndefined();
    expect(got.body).toMatchObject({
      name: 'robot$team-a+deploy',
      level: 'project',
      duration: 30,
    });
  });

  it.each([['CI'], ['ci+bot'], ['-ci'], ['ci..bot'], ['']])(
    'refuses the robot name %p with 400',
    async name => {
      await request(sim.url)
        .post('/api/v2.0/robots')
        .auth(...admin)
        .send(projectRobot(name))
        .expect(400);
    },
  );

  it('accepts names joined by single dots, dashes and underscores', async () => {
    await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('ci-push.v2_a'))
      .expect(201);
  });

  it('answers 409 for a duplicate robot name in the same project', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('ci'))
      .expect(409);
    expect(res.body.errors[0].message).toBe(
      'robot account robot$team-a+ci already exists',
    );
  });

  it('refuses a project robot without exactly one project permission entry', async () => {
    const body = projectRobot('two');
    body.permissions.push({
      kind: 'project',
      namespace: 'team-b',
      access: [{ resource: 'repository', action: 'pull' }],
    });
    const res = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(body)
      .expect(400);
    expect(res.body.errors[0].message).toMatch(/^bad request permission/);
  });

  // Harbor: src/server/v2.0/handler/robot.go, robotAPI.validate compares each access with the scope's list of
  // rbac.GetPermissionProvider().GetPermissions (src/common/rbac/const.go PoliciesMap + NolimitProvider).
  it.each([
    ['project', { resource: '*', action: '*' }],
    ['project', { resource: 'repository', action: 'create' }],
    ['project', { resource: 'robot', action: 'update' }],
    ['project', { resource: 'audit-log', action: 'list' }],
    ['system', { resource: 'project', action: 'read' }],
    ['system', { resource: 'repository', action: 'pull' }],
  ])('refuses the %s access %p with 400', async (kind, access) => {
    const body =
      kind === 'project'
        ? projectRobot('odd', [access])
        : {
            name: 'odd',
            level: 'system',
            duration: 30,
            permissions: [{ kind: 'system', namespace: '/', access: [access] }],
          };
    const res = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(body)
      .expect(400);
    expect(res.body.errors[0].message).toBe(
      `bad request permission: ${access.resource}:${access.action}`,
    );
  });

  // Harbor: src/server/v2.0/handler/robot.go, robotAPI.validate: "bad request empty access".
  it('refuses a permission without access with 400', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('empty', []))
      .expect(400);
    expect(res.body.errors[0].message).toBe('bad request empty access');
  });

  // Harbor: src/server/v2.0/handler/robot.go, isValidDuration; RobotCreate.duration is a plain int64, so a
  // missing duration arrives as 0.
  it.each([[undefined], [0], [-2]])(
    'refuses the duration %p with 400',
    async duration => {
      const res = await request(sim.url)
        .post('/api/v2.0/robots')
        .auth(...admin)
        .send({ ...projectRobot('timeless'), duration })
        .expect(400);
      expect(res.body.errors[0].message).toMatch(
        /^bad request error duration input: -?\d+, duration must be either -1\(Never\) or a positive integer$/,
      );
    },
  );

  // Harbor: src/server/v2.0/handler/robot.go, updateV2Robot keeps the robot's duration when none is sent.
  it('keeps the duration on an update without one', async () => {
    const created = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('kept'))
      .expect(201);
    const { duration, ...rest } = projectRobot('kept');
    await request(sim.url)
      .put(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .send({ ...rest, name: 'robot$team-a+kept' })
      .expect(200);
    const after = await request(sim.url)
      .get(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .expect(200);
    expect(after.body.duration).toBe(duration);
    expect(after.body.permissions[0].access).toContainEqual({
      resource: 'repository',
      action: 'pull',
      effect: 'allow',
    });
  });

  it('refreshes the secret with PATCH: an empty secret generates one, a chosen secret is validated', async () => {
    const created = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('rotate'))
      .expect(201);
    const refreshed = await request(sim.url)
      .patch(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .send({ secret: '' })
      .expect(200);
    expect(refreshed.body.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(refreshed.body.secret).not.toBe(created.body.secret);
    await request(sim.url)
      .get('/api/v2.0/projects/team-a')
      .auth('robot$team-a+rotate', created.body.secret)
      .expect(401);
    await request(sim.url)
      .patch(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .send({ secret: 'weak' })
      .expect(400);
    const chosen = await request(sim.url)
      .patch(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .send({ secret: 'Chosen12345' })
      .expect(200);
    expect(chosen.body.secret).toBeUndefined();
    await request(sim.url)
      .get('/api/v2.0/projects/team-a/repositories')
      .auth('robot$team-a+rotate', 'Chosen12345')
      .expect(200);
  });

  it('lists project robots with q=Level=project,ProjectID=n and refuses a bad ProjectID', async () => {
    const projectId = sim.state.projectByName('team-a')!.project_id;
    const res = await request(sim.url)
      .get(
        `/api/v2.0/robots?q=${encodeURIComponent(
          `Level=project,ProjectID=${projectId}`,
        )}`,
      )
      .auth(...admin)
      .expect(200);
    expect(res.body.map((r: { name: string }) => r.name)).toEqual([
      'robot$team-a+ci',
    ]);
    await request(sim.url)
      .get(
        `/api/v2.0/robots?q=${encodeURIComponent('Level=project,ProjectID=x')}`,
      )
      .auth(...admin)
      .expect(400);
    const system = await request(sim.url)
      .get(`/api/v2.0/robots?q=${encodeURIComponent('Level=system')}`)
      .auth(...admin)
      .expect(200);
    expect(system.body.map((r: { name: string }) => r.name)).toEqual([
      'robot$backstage-reader',
    ]);
  });

  it('enforces a robot permission scope on its own calls with 403 DENIED', async () => {
    const created = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('reader'))
      .expect(201);
    const robot = ['robot$team-a+reader', created.body.secret] as const;
    await request(sim.url)
      .get('/api/v2.0/projects/team-a/repositories')
      .auth(...robot)
      .expect(200);
    await request(sim.url)
      .get('/api/v2.0/projects/team-a/repositories/web/artifacts')
      .auth(...robot)
      .expect(200);
    const outside = await request(sim.url)
      .get('/api/v2.0/projects/team-b/repositories')
      .auth(...robot)
      .expect(403);
    expect(outside.body.errors[0].code).toBe('DENIED');
    const write = await request(sim.url)
      .delete('/api/v2.0/projects/team-a/repositories/web')
      .auth(...robot)
      .expect(403);
    expect(write.body.errors[0].code).toBe('DENIED');
    // Public projects stay readable.
    await request(sim.url)
      .get('/api/v2.0/projects/library/repositories')
      .auth(...robot)
      .expect(200);
  });

  it('updates description, disable and permissions with PUT but not the name', async () => {
    const created = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('mutable'))
      .expect(201);
    const current = (
      await request(sim.url)
        .get(`/api/v2.0/robots/${created.body.id}`)
        .auth(...admin)
        .expect(200)
    ).body;
    await request(sim.url)
      .put(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .send({ ...current, description: 'changed', disable: true })
      .expect(200);
    const after = await request(sim.url)
      .get(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .expect(200);
    expect(after.body).toMatchObject({ description: 'changed', disable: true });
    // A disabled robot falls back to anonymous.
    await request(sim.url)
      .get('/api/v2.0/users/current')
      .auth('robot$team-a+mutable', created.body.secret)
      .expect(401);
    await request(sim.url)
      .put(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .send({ ...current, name: 'robot$team-a+renamed' })
      .expect(400);
  });

  it('deletes a robot', async () => {
    const created = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(projectRobot('gone'))
      .expect(201);
    await request(sim.url)
      .delete(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .get(`/api/v2.0/robots/${created.body.id}`)
      .auth(...admin)
      .expect(404);
  });

  it('lets a robot create robots only within its own scope', async () => {
    const creator = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...admin)
      .send(
        projectRobot('maker', [
          { resource: 'robot', action: 'create' },
          { resource: 'repository', action: 'pull' },
        ]),
      )
      .expect(201);
    const maker = ['robot$team-a+maker', creator.body.secret] as const;
    await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...maker)
      .send(
        projectRobot('narrow', [{ resource: 'repository', action: 'pull' }]),
      )
      .expect(201);
    const wider = await request(sim.url)
      .post('/api/v2.0/robots')
      .auth(...maker)
      .send(projectRobot('wide', [{ resource: 'repository', action: 'push' }]))
      .expect(403);
    expect(wider.body.errors[0].code).toBe('DENIED');
  });
});
