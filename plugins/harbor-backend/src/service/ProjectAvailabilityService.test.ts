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

  it('answers false for a project that exists, with its owner (none here) and whether the caller may change it', async () => {
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
      changeable: false,
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

  it('rejects an unknown instance with a 400 that names no configured instance or host', async () => {
    const instance = (name: string, host: string) => ({
      name,
      baseUrl: sim.url,
      host,
      username: sim.adminCredentials.username,
      password: sim.adminCredentials.password,
    });
    const { server, stop } = await startHarborBackend({
      sim,
      entities: [],
      config: {
        harbor: {
          instances: [
            instance('eu', 'harbor-eu.example.com'),
            instance('us', 'harbor-us.example.com'),
          ],
        },
      },
    });
    try {
      const res = await request(server)
        .get(`${availability('team-a')}?instance=nope`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message:
          "The request names Harbor instance 'nope', which is not configured by that name or registry host; leave instance out for the default one, or ask your Backstage administrator for its name",
      });
      const body = JSON.stringify(res.body);
      for (const secret of [
        "'eu'",
        "'us'",
        'harbor-eu.example.com',
        'harbor-us.example.com',
        new URL(sim.url).host,
      ]) {
        expect(body).not.toContain(secret);
      }
      expect(sim.log.count()).toBe(0);

      const byHost = await request(server)
        .get(`${availability('team-a')}?instance=harbor-us.example.com`)
        .set('Authorization', user);
      expect(byHost.status).toBe(200);
      expect(byHost.body.instance).toBe('us');
    } finally {
      await stop();
    }
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
