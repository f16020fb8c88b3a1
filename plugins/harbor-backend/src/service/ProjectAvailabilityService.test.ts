import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startHarborBackend, useSimulator } from '../__testUtils__/testBackend';
import { validateHarborProjectName } from './ProjectAvailabilityService';

const user = mockCredentials.user.header();
const availability = (name: string) =>
  `/api/harbor/projects/${encodeURIComponent(name)}/availability`;

describe('validateHarborProjectName', () => {
  it.each(['a', 'team-a', 'payments.api', 'a_b-c.d', 'x'.repeat(255)])(
    'accepts %s',
    name => expect(validateHarborProjectName(name)).toBeUndefined(),
  );
  it.each(['', 'Team', 'a--b', '-a', 'a.', 'a b', 'ä', 'x'.repeat(256)])(
    'rejects %j',
    name => expect(validateHarborProjectName(name)).toMatch(/lower-case/),
  );
});

describe('GET /projects/:name/availability', () => {
  const sim = useSimulator();

  it('answers false for a project that exists', async () => {
    const { server } = await startHarborBackend({ sim, entities: [] });
    const res = await request(server)
      .get(availability('team-a'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'team-a',
      instance: 'default',
      valid: true,
      available: false,
      reason: expect.stringContaining('already exists'),
    });
  });

  it('answers true for a new name, to services too', async () => {
    const { server } = await startHarborBackend({ sim, entities: [] });
    const res = await request(server)
      .get(`${availability('brand-new.project')}?instance=default`)
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'brand-new.project',
      instance: 'default',
      valid: true,
      available: true,
    });
    expect(sim.log.count()).toBeGreaterThan(0);
  });

  it('answers an invalid name with the rule, without asking Harbor', async () => {
    const { server } = await startHarborBackend({ sim, entities: [] });
    const res = await request(server)
      .get(availability('Team--A'))
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'Team--A',
      instance: 'default',
      valid: false,
      available: false,
      reason: expect.stringContaining('lower-case letters and digits'),
    });
    expect(sim.log.count()).toBe(0);
  });

  it('rejects an unknown instance, naming the known ones', async () => {
    const { server } = await startHarborBackend({ sim, entities: [] });
    const res = await request(server)
      .get(`${availability('team-a')}?instance=nope`)
      .set('Authorization', user);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("'default'");
    expect(sim.log.count()).toBe(0);
  });

  it('rejects unauthenticated callers', async () => {
    const { server } = await startHarborBackend({ sim, entities: [] });
    const res = await request(server)
      .get(availability('team-a'))
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(sim.log.count()).toBe(0);
  });
});
