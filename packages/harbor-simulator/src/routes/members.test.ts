import request from 'supertest';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

describe('project members', () => {
  let sim: HarborSimulator;
  const admin = ['admin', 'Harbor12345'] as const;

  beforeEach(async () => {
    sim = await startHarborSimulator({ clock: new ManualClock() });
  });

  afterEach(async () => {
    sim.assertNoViolations();
    await sim.stop();
  });

  it('adds a user by name, answers 409 when already a member, and changes the role', async () => {
    const res = await request(sim.url)
      .post('/api/v2.0/projects/team-b/members')
      .auth(...admin)
      .send({ role_id: 2, member_user: { username: 'alice' } })
      .expect(201);
    const id = res.headers.location.split('/').pop();
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/members')
      .auth(...admin)
      .send({ role_id: 3, member_user: { username: 'alice' } })
      .expect(409);
    await request(sim.url)
      .put(`/api/v2.0/projects/team-b/members/${id}`)
      .auth(...admin)
      .send({ role_id: 5 })
      .expect(200);
    const member = await request(sim.url)
      .get(`/api/v2.0/projects/team-b/members/${id}`)
      .auth(...admin)
      .expect(200);
    expect(member.body).toMatchObject({
      entity_name: 'alice',
      entity_type: 'u',
      role_id: 5,
      role_name: 'limitedGuest',
    });
    // alice now sees team-b.
    await request(sim.url)
      .get('/api/v2.0/projects/team-b')
      .auth('alice', 'Alice12345')
      .expect(200);
    await request(sim.url)
      .delete(`/api/v2.0/projects/team-b/members/${id}`)
      .auth(...admin)
      .expect(200);
    await request(sim.url)
      .get('/api/v2.0/projects/team-b')
      .auth('alice', 'Alice12345')
      .expect(403);
  });

  it('onboards an OIDC group by name and lists members filtered by entityname', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/members')
      .auth(...admin)
      .send({
        role_id: 4,
        member_group: { group_name: 'payments-oncall', group_type: 3 },
      })
      .expect(201);
    const res = await request(sim.url)
      .get('/api/v2.0/projects/team-b/members?entityname=payments')
      .auth(...admin)
      .expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        entity_name: 'payments-oncall',
        entity_type: 'g',
        role_name: 'maintainer',
      }),
    ]);
  });

  it('refuses role ids outside 1..5 and unknown users', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/members')
      .auth(...admin)
      .send({ role_id: 6, member_user: { username: 'alice' } })
      .expect(400);
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/members')
      .auth(...admin)
      .send({ role_id: 2, member_user: { username: 'nobody' } })
      .expect(404);
  });

  it('lets only project admins manage members: a guest gets 403', async () => {
    await request(sim.url)
      .post('/api/v2.0/projects/team-b/members')
      .auth('bob', 'Bob12345')
      .send({ role_id: 1, member_user: { username: 'bob' } })
      .expect(403);
  });
});
