import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createGuestSignInModule } from './guestSignIn';

const guest: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'guest', namespace: 'default' },
  spec: { memberOf: ['platform-team'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/platform-team' }],
};

/** The auth backend with the demo's guest sign-in; the catalog answers `lookup(n)` to its n-th user lookup. */
async function startAuth(
  lookup: (n: number) => Entity | undefined,
  window: { catalogLoadWindowMs: number },
) {
  let lookups = 0;
  const catalog = catalogServiceMock.mock({
    getEntityByRef: async () => lookup(++lookups),
  });
  const backend = await startTestBackend({
    features: [
      authPlugin,
      createGuestSignInModule({ ...window, pollMs: 10 }),
      catalog.factory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            providers: {
              guest: {
                userEntityRef: 'user:default/guest',
                // Jest runs with NODE_ENV=test.
                dangerouslyAllowOutsideDevelopment: true,
              },
            },
          },
        },
      }),
    ],
  });
  return { backend, lookups: () => lookups };
}

async function signInAsGuest(server: Parameters<typeof request>[0]) {
  const response = await request(server)
    .get('/api/auth/guest/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  expect(response.status).toBe(200);
  return response.body.backstageIdentity.identity;
}

describe('the demo guest sign-in', () => {
  it('waits for the catalog to load the guest, so that the first token carries the platform team', async () => {
    const { backend, lookups } = await startAuth(
      n => (n < 3 ? undefined : guest),
      { catalogLoadWindowMs: 60_000 },
    );
    try {
      const identity = await signInAsGuest(backend.server);
      expect(lookups()).toBe(3);
      expect(identity).toEqual({
        type: 'user',
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs: [
          'user:default/guest',
          'group:default/platform-team',
        ],
      });
    } finally {
      await backend.stop();
    }
  });

  it('signs in at once owning only the user when the catalog lacks it after its first load', async () => {
    const { backend, lookups } = await startAuth(() => undefined, {
      catalogLoadWindowMs: 0,
    });
    try {
      const identity = await signInAsGuest(backend.server);
      expect(lookups()).toBe(1);
      expect(identity.ownershipEntityRefs).toEqual(['user:default/guest']);
    } finally {
      await backend.stop();
    }
  });
});
