import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

/** The labels API as src/server/v2.0/handler/label.go answers it. */
describe('labels', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;
  /** Maintainer of team-a (projects: label create/update/delete). */
  const alice = ['alice', 'Alice12345'] as const;
  /** Guest of team-b (projects: label read/list only). */
  const bob = ['bob', 'Bob12345'] as const;
  let teamA: number;
  let teamB: number;

  const create = (auth: readonly [string, string], body: object) =>
    request(sim.url)
      .post('/api/v2.0/labels')
      .auth(...auth)
      .send(body);

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
    teamA = sim.state.projectByName('team-a')!.project_id;
    teamB = sim.state.projectByName('team-b')!.project_id;
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('creates a project label with a Location, reads it by id and lists it (CreateLabel, GetLabelByID)', async () => {
    const res = await create(alice, {
      name: 'backstage.io/owner',
      description: 'group:default/team-a',
      scope: 'p',
      project_id: teamA,
    }).expect(201);
    expect(res.headers.location).toMatch(/^\/api\/v2\.0\/labels\/\d+$/);
    const id = Number(res.headers.location.split('/').pop());
    const got = await request(sim.url)
      .get(`/api/v2.0/labels/${id}`)
      .auth(...alice)
      .expect(200);
    expect(got.body).toMatchObject({
      id,
      name: 'backstage.io/owner',
      description: 'group:default/team-a',
      scope: 'p',
      project_id: teamA,
    });
    const list = await request(sim.url)
      .get('/api/v2.0/labels')
      .query({ scope: 'p', project_id: teamA })
      .auth(...alice)
      .expect(200);
    expect(list.headers['x-total-count']).toBe('1');
    expect(list.body.map((l: { id: number }) => l.id)).toEqual([id]);
  });

  it('drops the project of a global label, which only a system admin may create (requireAccess)', async () => {
    await create(alice, { name: 'shared', scope: 'g' }).expect(403);
    const res = await create(admin, {
      name: 'shared',
      scope: 'g',
      project_id: teamA,
    }).expect(201);
    const id = Number(res.headers.location.split('/').pop());
    expect(sim.state.labels.find(l => l.id === id)).toMatchObject({
      scope: 'g',
      project_id: 0,
    });
  });

  it('matches name fuzzily, case-insensitively, as ListLabels does (FuzzyMatchValue)', async () => {
    for (const name of ['backstage.io/owner', 'owner-notes', 'Tier']) {
      await create(admin, { name, scope: 'p', project_id: teamA }).expect(201);
    }
    const names = async (query: object) =>
      (
        await request(sim.url)
          .get('/api/v2.0/labels')
          .query({ scope: 'p', project_id: teamA, ...query })
          .auth(...admin)
          .expect(200)
      ).body.map((l: { name: string }) => l.name);
    expect(await names({ name: 'OWNER' })).toEqual([
      'backstage.io/owner',
      'owner-notes',
    ]);
    expect(await names({ q: 'name=owner-notes' })).toEqual(['owner-notes']);
    expect(await names({ name: 'tier', page_size: 1 })).toEqual(['Tier']);
  });

  it('keeps the labels of each scope and project apart', async () => {
    await create(admin, { name: 'x', scope: 'p', project_id: teamA });
    await create(admin, { name: 'x', scope: 'p', project_id: teamB });
    const globals = await request(sim.url)
      .get('/api/v2.0/labels')
      .query({ scope: 'g' })
      .expect(200);
    expect(globals.body.map((l: { name: string }) => l.name)).toEqual([
      'production',
      'deprecated',
    ]);
    const ofB = await request(sim.url)
      .get('/api/v2.0/labels')
      .query({ scope: 'p', project_id: teamB, name: 'x' })
      .auth(...admin)
      .expect(200);
    expect(ofB.body).toEqual([
      expect.objectContaining({ name: 'x', project_id: teamB }),
    ]);
  });

  it('answers 409 for a second label of the same name in the same project (unique_label)', async () => {
    const body = { name: 'backstage.io/owner', scope: 'p', project_id: teamA };
    await create(alice, body).expect(201);
    const dup = await create(alice, body).expect(409);
    expect(dup.body.errors[0]).toEqual({
      code: 'CONFLICT',
      message: 'label backstage.io/owner already exists',
    });
    await create(alice, { ...body, name: 'other' }).expect(201);
  });

  it('refuses a scope other than g or p, and a list without scope or project (ListLabels)', async () => {
    await create(admin, { name: 'x', scope: 'q' }).expect(400);
    const noScope = await request(sim.url)
      .get('/api/v2.0/labels')
      .auth(...admin)
      .expect(400);
    expect(noScope.body.errors[0].message).toBe('invalid scope: ');
    const noProject = await request(sim.url)
      .get('/api/v2.0/labels')
      .query({ scope: 'p' })
      .auth(...admin)
      .expect(400);
    expect(noProject.body.errors[0].message).toBe(
      'must with project ID when to query project labels',
    );
  });

  it('refuses an empty name, one over 128 bytes, and a project label without a project (Label.Valid)', async () => {
    const message = async (body: object) =>
      (await create(admin, body).expect(400)).body.errors[0].message;
    expect(await message({ name: '', scope: 'p', project_id: teamA })).toBe(
      'cannot be empty',
    );
    expect(
      await message({ name: 'x'.repeat(129), scope: 'p', project_id: teamA }),
    ).toBe('max length is 128');
    expect(await message({ name: 'x', scope: 'p' })).toBe('invalid: 0');
    await create(admin, {
      name: 'x'.repeat(128),
      scope: 'p',
      project_id: teamA,
    }).expect(201);
  });

  it('lets project guests read and list project labels but not write them (project label RBAC)', async () => {
    const res = await create(admin, {
      name: 'backstage.io/owner',
      description: 'group:default/team-b',
      scope: 'p',
      project_id: teamB,
    }).expect(201);
    const location = res.headers.location.replace('/api/v2.0', '');
    await request(sim.url)
      .get(`/api/v2.0${location}`)
      .auth(...bob)
      .expect(200);
    await request(sim.url)
      .get('/api/v2.0/labels')
      .query({ scope: 'p', project_id: teamB })
      .auth(...bob)
      .expect(200);
    await create(bob, { name: 'y', scope: 'p', project_id: teamB }).expect(403);
    await request(sim.url)
      .put(`/api/v2.0${location}`)
      .auth(...bob)
      .send({ name: 'backstage.io/owner', description: 'user:default/bob' })
      .expect(403);
    await request(sim.url)
      .delete(`/api/v2.0${location}`)
      .auth(...bob)
      .expect(403);
    // Alice is no member of team-b, which is private.
    await request(sim.url)
      .get('/api/v2.0/labels')
      .query({ scope: 'p', project_id: teamB })
      .auth(...alice)
      .expect(403);
    await request(sim.url)
      .get('/api/v2.0/labels')
      .query({ scope: 'p', project_id: teamB })
      .expect(401);
  });

  it('updates name, description and color only, and answers 409 for a taken name (UpdateLabel)', async () => {
    const first = await create(alice, {
      name: 'backstage.io/owner',
      description: 'group:default/team-a',
      scope: 'p',
      project_id: teamA,
    }).expect(201);
    await create(alice, { name: 'other', scope: 'p', project_id: teamA });
    const path = `/api/v2.0/labels/${first.headers.location.split('/').pop()}`;
    await request(sim.url)
      .put(path)
      .auth(...alice)
      .send({
        name: 'backstage.io/owner',
        description: 'user:default/alice',
        scope: 'g',
        project_id: teamB,
      })
      .expect(200);
    const got = await request(sim.url)
      .get(path)
      .auth(...alice)
      .expect(200);
    expect(got.body).toMatchObject({
      description: 'user:default/alice',
      scope: 'p',
      project_id: teamA,
    });
    await request(sim.url)
      .put(path)
      .auth(...alice)
      .send({ name: 'other' })
      .expect(409);
    await request(sim.url)
      .put(path)
      .auth(...alice)
      .send({ name: '' })
      .expect(400);
  });

  it('deletes a label and takes it off every artifact (DeleteLabel, RemoveFromAllArtifacts)', async () => {
    const labelled = sim.state.artifacts.find(a => a.labels.includes(1))!;
    await request(sim.url)
      .delete('/api/v2.0/labels/1')
      .auth(...alice)
      .expect(403);
    await request(sim.url)
      .delete('/api/v2.0/labels/1')
      .auth(...admin)
      .expect(200);
    expect(labelled.labels).not.toContain(1);
    const gone = await request(sim.url)
      .get('/api/v2.0/labels/1')
      .auth(...admin)
      .expect(404);
    expect(gone.body.errors[0].message).toBe('label 1 not found');
  });
});
