import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createDemoUserSignInModule } from './demoUserSignIn';
import { createGuestSignInModule } from './guestSignIn';

/** The users of examples/org.yaml the sign-ins name, with the relations the catalog gives them. */
const users: Entity[] = [
  ['guest', 'platform-team'],
  ['bob', 'team-b'],
].map(([name, group]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [group] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
}));

/** The auth backend with the demo's guest and team-member sign-ins, as packages/backend installs them. */
async function startAuth(providers: Record<string, object>) {
  return startTestBackend({
    features: [
      authPlugin,
      createGuestSignInModule({ catalogLoadWindowMs: 0 }),
      createDemoUserSignInModule({ catalogLoadWindowMs: 0 }),
      catalogServiceMock.factory({ entities: users }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers },
        },
      }),
    ],
  });
}

function refresh(server: Parameters<typeof request>[0], providerId: string) {
  return request(server)
    .get(`/api/auth/${providerId}/refresh`)
    .set('X-Requested-With', 'XMLHttpRequest');
}

// Jest runs with NODE_ENV=test, outside development: the sign-ins need the config's explicit permission.
const allowed = { dangerouslyAllowOutsideDevelopment: true };

describe('the demo sign-in as a team member', () => {
  it('signs in as bob of team-b, beside the guest of the platform team', async () => {
    const backend = await startAuth({
      guest: { userEntityRef: 'user:default/guest', ...allowed },
      'demo-bob': { userEntityRef: 'user:default/bob', ...allowed },
    });
    try {
      const bob = await refresh(backend.server, 'demo-bob');
      expect(bob.status).toBe(200);
      expect(bob.body.backstageIdentity.identity).toEqual({
        type: 'user',
        userEntityRef: 'user:default/bob',
        ownershipEntityRefs: ['user:default/bob', 'group:default/team-b'],
      });
      const guest = await refresh(backend.server, 'guest');
      expect(guest.body.backstageIdentity.identity.ownershipEntityRefs).toEqual(
        ['user:default/guest', 'group:default/platform-team'],
      );
    } finally {
      await backend.stop();
    }
  });

  it('offers no sign-in that auth.providers does not configure', async () => {
    const backend = await startAuth({
      guest: { userEntityRef: 'user:default/guest', ...allowed },
    });
    try {
      const response = await refresh(backend.server, 'demo-bob');
      expect(response.status).toBe(404);
      expect(response.body.backstageIdentity).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });

  it('is refused outside development, as the guest sign-in is', async () => {
    const backend = await startAuth({
      'demo-bob': { userEntityRef: 'user:default/bob' },
    });
    try {
      const response = await refresh(backend.server, 'demo-bob');
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(
        /cannot be used outside of a development environment/,
      );
      expect(response.body.backstageIdentity).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });

  it('does not start with a demo sign-in that names no user', async () => {
    await expect(startAuth({ 'demo-bob': allowed })).rejects.toThrow(
      /userEntityRef/,
    );
  });
});
