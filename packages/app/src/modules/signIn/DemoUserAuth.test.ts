import { SessionState } from '@backstage/frontend-plugin-api';
import { DemoUserAuth } from './DemoUserAuth';

const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://localhost:7007/api/${pluginId}`,
};

/** The auth backend's answer to a proxied sign-in's refresh, as packages/backend/src/demoUserSignIn.ts gives it. */
const bobSession = {
  profile: { displayName: 'Bob', email: 'bob@example.com' },
  providerInfo: {},
  backstageIdentity: {
    token: 'token-of-bob',
    expiresInSeconds: 3600,
    identity: {
      type: 'user',
      userEntityRef: 'user:default/bob',
      ownershipEntityRefs: ['user:default/bob', 'group:default/team-b'],
    },
  },
};

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('DemoUserAuth', () => {
  let fetchSpy: jest.SpyInstance;
  afterEach(() => fetchSpy.mockRestore());

  it("signs in through the provider's refresh and keeps the session until it nears expiry", async () => {
    fetchSpy = jest
      .spyOn(global, 'fetch')
      .mockImplementation(async () => answer(200, bobSession));
    const auth = new DemoUserAuth({ providerId: 'demo-bob', discoveryApi });
    const states: SessionState[] = [];
    auth.sessionState$().subscribe(state => states.push(state));

    const identity = await auth.getBackstageIdentity();
    expect(identity.token).toBe('token-of-bob');
    expect(identity.identity.ownershipEntityRefs).toEqual([
      'user:default/bob',
      'group:default/team-b',
    ]);
    expect(await auth.getProfile()).toEqual(bobSession.profile);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(fetchSpy).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/demo-bob/refresh',
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );

    await auth.signOut();
    expect(states).toEqual([
      SessionState.SignedOut,
      SessionState.SignedIn,
      SessionState.SignedOut,
    ]);
    await auth.getBackstageIdentity();
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });

  it("fails with the backend's reason, and tries again on the next call", async () => {
    fetchSpy = jest
      .spyOn(global, 'fetch')
      .mockImplementationOnce(async () =>
        answer(404, {
          error: { message: "No auth provider registered for 'demo-bob'" },
        }),
      )
      .mockImplementationOnce(async () => answer(200, bobSession));
    const auth = new DemoUserAuth({ providerId: 'demo-bob', discoveryApi });
    await expect(auth.getBackstageIdentity()).rejects.toThrow(
      "Sign-in as demo-bob failed: No auth provider registered for 'demo-bob'",
    );
    await expect(auth.getBackstageIdentity()).resolves.toMatchObject({
      token: 'token-of-bob',
    });
  });
});
