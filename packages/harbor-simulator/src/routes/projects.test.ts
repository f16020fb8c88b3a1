import request from 'supertest';
import { ManualClock } from '../clock';
import { DEMO_ROBOTS } from '../seed';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('projects', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;
  const alice = ['alice', 'Alice12345'] as const;

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('creates a project with string metadata and answers 201 with its id in Location', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(...admin)
      .send({
        project_name: 'team-c',
        metadata: {
          public: 'false',
          auto_scan: 'true',
          severity: 'high',
          prevent_vul: 'true',
        },
      })
      .expect(201);
    const id = sim.state.projectByName('team-c')!.project_id;
    expect(res.headers.location).toBe(`/api/v2.0/projects/${id}`);
    expect(res.text).toBe('');
    const project = await request(sim.url)
      .get(`/api/v2.0/projects/${id}`)
      .auth(...admin)
      .expect(200);
    expect(project.body).toMatchObject({
      name: 'team-c',
      metadata: { public: 'false', auto_scan: 'true', severity: 'high' },
    });
  });

  it('puts the name in Location when X-Resource-Name-In-Location is true', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(...admin)
      .set('X-Resource-Name-In-Location', 'true')
      .send({ project_name: 'named' })
      .expect(201);
    expect(res.headers.location).toBe('/api/v2.0/projects/named');
  });

  it('answers 409 when the project name exists', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(...admin)
      .send({ project_name: 'team-a' })
      .expect(409);
    expect(res.body.errors[0].code).toBe('CONFLICT');
  });

  it('refuses metadata booleans other than "true"/"false" and upper-case names with 400', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(...admin)
      .send({ project_name: 'x1', metadata: { public: 'yes' } })
      .expect(400);
    await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(...admin)
      .send({ project_name: 'Team-C' })
      .expect(400);
  });

  it('refuses project creation by a project-level robot with 403', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(DEMO_ROBOTS.teamACi.name, DEMO_ROBOTS.teamACi.secret)
      .send({ project_name: 'robot-made' })
      .expect(403);
  });

  it('answers HEAD /projects?project_name= with 200, 404, and 401 for anonymous', async () => {
    await request(sim.url)
      .head('/api/v2.0/projects?project_name=team-a')
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .head('/api/v2.0/projects?project_name=missing')
      .auth(...admin)
      .expect(404);
    await request(sim.url)
      .head('/api/v2.0/projects?project_name=team-a')
      .expect(401);
  });

  it('treats a numeric path value as an id unless X-Is-Resource-Name is true', async () => {
    await request(sim.url)
      .get('/api/v2.0/projects/2024')
      .auth(...admin)
      .expect(404);
    const byName = await request(sim.url)
      .get('/api/v2.0/projects/2024')
      .set('X-Is-Resource-Name', 'true')
      .auth(...admin)
      .expect(200);
    expect(byName.body.name).toBe('2024');
    const byId = await request(sim.url)
      .get(`/api/v2.0/projects/${byName.body.project_id}`)
      .auth(...admin)
      .expect(200);
    expect(byId.body.name).toBe('2024');
  });

  it('lists with exact and fuzzy q, name, public and paging', async () => {
    const list = (query: string) =>
      request(sim.url)
        .get(`/api/v2.0/projects?${query}`)
        .auth(...admin)
        .expect(200)
        .then(r => r.body.map((p: { name: string }) => p.name));
    expect(await list(`q=${encodeURIComponent('name=team-a')}`)).toEqual([
      'team-a',
    ]);
    expect(await list(`q=${encodeURIComponent('name=~team')}`)).toEqual([
      'team-a',
      'team-b',
    ]);
    expect(await list('name=team')).toEqual(['team-a', 'team-b']);
    expect(await list('public=true')).toEqual(['library', 'sandbox']);
    const paged = await request(sim.url)
      .get('/api/v2.0/projects?page=2&page_size=2')
      .auth(...admin)
      .expect(200);
    expect(paged.headers['x-total-count']).toBe('6');
    expect(paged.headers.link).toBe(
      '</api/v2.0/projects?page=1&page_size=2>; rel="prev" , </api/v2.0/projects?page=3&page_size=2>; rel="next"',
    );
  });

  it('shows a non-admin user public projects and the projects they are a member of', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/projects')
      .auth(...alice)
      .expect(200);
    // alice is maintainer of team-a and, through the platform-engineers group, admin of platform.
    expect(res.body.map((p: { name: string }) => p.name)).toEqual([
      'library',
      'platform',
      'sandbox',
      'team-a',
    ]);
    expect(
      res.body.find((p: { name: string }) => p.name === 'team-a')
        .current_user_role_ids,
    ).toEqual([4]);
    await request(sim.url)
      .get('/api/v2.0/projects/team-b')
      .auth(...alice)
      .expect(403);
    await request(sim.url).get('/api/v2.0/projects/team-b').expect(401);
  });

  it('updates only metadata and cve_allowlist on PUT and ignores storage_limit', async () => {
    const quotaBefore = sim.state.quotaOfProject(
      sim.state.projectByName('team-a')!.project_id,
    )!.hard;
    await request(sim.url)
      .put('/api/v2.0/projects/team-a')
      .set('X-Is-Resource-Name', 'true')
      .auth(...admin)
      .send({
        metadata: { public: 'true' },
        cve_allowlist: { items: [{ cve_id: 'CVE-2011-3374' }] },
        storage_limit: 1,
      })
      .expect(200);
    const project = await request(sim.url)
      .get('/api/v2.0/projects/team-a')
      .auth(...admin)
      .expect(200);
    expect(project.body.metadata.public).toBe('true');
    expect(project.body.cve_allowlist.items).toEqual([
      { cve_id: 'CVE-2011-3374' },
    ]);
    expect(sim.state.quotaOfProject(project.body.project_id)!.hard).toBe(
      quotaBefore,
    );
  });

  it('refuses to delete a project with repositories (412) and deletes an empty one with its robots', async () => {
    const res = await request(sim.url)
      .delete('/api/v2.0/projects/team-a')
      .auth(...admin)
      .expect(412);
    expect(res.body.errors[0]).toEqual({
      code: 'PRECONDITION',
      message: 'the project contains repositories, can not be deleted',
    });
    const deletable = await request(sim.url)
      .get('/api/v2.0/projects/team-a/_deletable')
      .auth(...admin)
      .expect(200);
    expect(deletable.body.deletable).toBe(false);
    await request(sim.url)
      .delete('/api/v2.0/projects/sandbox')
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .get('/api/v2.0/projects/sandbox')
      .auth(...admin)
      .expect(404);
  });

  it('summarises repositories, members and quota', async () => {
    const res = await request(sim.url)
      .get('/api/v2.0/projects/team-b/summary')
      .auth(...admin)
      .expect(200);
    expect(res.body).toMatchObject({
      repo_count: 1,
      project_admin_count: 1,
      guest_count: 1,
      quota: { hard: { storage: 1024 ** 3 } },
    });
    expect(res.body.quota.used.storage).toBe(850 * 1024 ** 2);
  });

  it('manages metadata through the metadatas sub-resource, with 409 on a duplicate add', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects/sandbox/metadatas/')
      .auth(...admin)
      .send({ auto_scan: 'true' })
      .expect(200);
    await request(sim.url)
      .post('/api/v2.0/projects/sandbox/metadatas/')
      .auth(...admin)
      .send({ auto_scan: 'false' })
      .expect(409);
    const got = await request(sim.url)
      .get('/api/v2.0/projects/sandbox/metadatas/auto_scan')
      .auth(...admin)
      .expect(200);
    expect(got.body).toEqual({ auto_scan: 'true' });
    await request(sim.url)
      .put('/api/v2.0/projects/sandbox/metadatas/auto_scan')
      .auth(...admin)
      .send({ auto_scan: 'false' })
      .expect(200);
    await request(sim.url)
      .delete('/api/v2.0/projects/sandbox/metadatas/auto_scan')
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .get('/api/v2.0/projects/sandbox/metadatas/auto_scan')
      .auth(...admin)
      .expect(404);
    const all = await request(sim.url)
      .get('/api/v2.0/projects/sandbox/metadatas/')
      .auth(...admin)
      .expect(200);
    expect(all.body).toEqual({ public: 'true' });
  });

  it('makes the creating user project admin', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects')
      .auth(...alice)
      .send({ project_name: 'alice-lab' })
      .expect(201);
    const members = await request(sim.url)
      .get('/api/v2.0/projects/alice-lab/members')
      .auth(...alice)
      .expect(200);
    expect(members.body).toEqual([
      expect.objectContaining({
        entity_name: 'alice',
        role_id: 1,
        role_name: 'projectAdmin',
      }),
    ]);
  });
});
