import { mockCredentials } from '@backstage/backend-test-utils';
import type { FleetSearchResult } from '@backstage-harbor/plugin-harbor-common';
import { DEMO_FLEET_CVE } from '@backstage-harbor/harbor-simulator';
import request from 'supertest';
import {
  component,
  startHarborBackend,
  useSimulator,
} from '../__testUtils__/testBackend';

const user = mockCredentials.user.header();

/**
 * Credentials rotated in Harbor but not yet in the backend's config: once a call finds Harbor answering them as
 * anonymous, no route serves what it cached before (another replica may have cached it just now), as if all were
 * well.
 */
describe('an instance whose credentials were rotated', () => {
  const sim = useSimulator();

  it('serves no cached fleet answer once Harbor rejects the credentials', async () => {
    const { server, stop } = await startHarborBackend({
      sim,
      entities: [component('web', 'team-a/web')],
      // The periodic check is what finds rotated credentials when every answer is cached.
      harbor: { credentialCheck: { interval: { milliseconds: 200 } } },
    });
    const admin = sim.state.userByName(sim.adminCredentials.username)!;
    const original = admin.password;
    try {
      const fleet = () =>
        request(server)
          .get('/api/harbor/fleet/vulnerabilities')
          .query({ cveId: DEMO_FLEET_CVE })
          .set('Authorization', user);
      const warm = await fleet();
      expect(warm.status).toBe(200);
      const before = warm.body as FleetSearchResult;
      expect(before.instances[0].vulnerabilities.length).toBeGreaterThan(0);

      admin.password = 'Rotated12345';
      const state = async () =>
        (
          await request(server)
            .get('/api/harbor/instances/health')
            .set('Authorization', user)
        ).body.instances[0].state;
      const deadline = Date.now() + 20_000;
      while ((await state()) !== 'credentials-rejected') {
        if (Date.now() > deadline) throw new Error('the check never ran');
        await new Promise(resolve => setTimeout(resolve, 100));
      }

      const after = (await fleet()).body as FleetSearchResult;
      expect(after.instances[0]).toMatchObject({
        vulnerabilities: [],
        status: { state: 'credentials-rejected' },
      });
      expect(JSON.stringify(after)).not.toContain(original);
    } finally {
      admin.password = original;
      await stop();
    }
  });
});
