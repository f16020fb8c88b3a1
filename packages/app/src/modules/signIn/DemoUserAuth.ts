import type {
  BackstageIdentityApi,
  BackstageIdentityResponse,
  DiscoveryApi,
  ProfileInfo,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/frontend-plugin-api';
import { SessionState } from '@backstage/frontend-plugin-api';

type Session = { profile: ProfileInfo; identity: BackstageIdentityResponse };
type SessionObservable = ReturnType<SessionApi['sessionState$']>;
type StateListener = (state: SessionState) => void;

/** A session is renewed this long before its token expires, as Backstage's proxied sign-in does. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * DEMO ONLY: the frontend of a demo sign-in as a fixed user (packages/backend/src/demoUserSignIn.ts), for the
 * sign-in page. The backend checks no identity, so a session is one `refresh` call; the token is kept until it
 * nears its expiry. It calls `fetch` itself because the fetchApi adds the token this class is asked for.
 */
export class DemoUserAuth
  implements ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  #session?: Promise<Session>;
  #expiresAt = 0;
  #observers = new Set<StateListener>();

  constructor(
    private readonly options: {
      providerId: string;
      discoveryApi: DiscoveryApi;
    },
  ) {}

  async getBackstageIdentity(): Promise<BackstageIdentityResponse> {
    return (await this.#current()).identity;
  }

  async getProfile(): Promise<ProfileInfo> {
    return (await this.#current()).profile;
  }

  async signIn(): Promise<void> {
    await this.#current();
  }

  async signOut(): Promise<void> {
    this.#session = undefined;
    this.#notify(SessionState.SignedOut);
  }

  sessionState$(): SessionObservable {
    const observable: SessionObservable = {
      [Symbol.observable]: () => observable,
      subscribe: ((observer?: StateListener | { next?: StateListener }) => {
        const next: StateListener =
          typeof observer === 'function'
            ? observer
            : state => observer?.next?.(state);
        this.#observers.add(next);
        next(this.#session ? SessionState.SignedIn : SessionState.SignedOut);
        const subscription = {
          closed: false,
          unsubscribe: () => {
            this.#observers.delete(next);
            subscription.closed = true;
          },
        };
        return subscription;
      }) as SessionObservable['subscribe'],
    };
    return observable;
  }

  #current(): Promise<Session> {
    if (!this.#session || Date.now() >= this.#expiresAt) {
      this.#session = this.#refresh();
      this.#session.then(
        () => this.#notify(SessionState.SignedIn),
        () => {
          this.#session = undefined;
        },
      );
    }
    return this.#session;
  }

  async #refresh(): Promise<Session> {
    const { providerId, discoveryApi } = this.options;
    const response = await fetch(
      `${await discoveryApi.getBaseUrl('auth')}/${providerId}/refresh`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      throw new Error(
        `Sign-in as ${providerId} failed: ${
          body?.error?.message ?? response.statusText
        }`,
      );
    }
    const { profile, backstageIdentity } = await response.json();
    const expiresInMs = (backstageIdentity.expiresInSeconds ?? 3600) * 1000;
    this.#expiresAt = Date.now() + expiresInMs - EXPIRY_MARGIN_MS;
    return {
      profile,
      identity: {
        token: backstageIdentity.token,
        identity: backstageIdentity.identity,
        expiresAt: new Date(Date.now() + expiresInMs),
      },
    };
  }

  #notify(state: SessionState) {
    for (const next of this.#observers) next(state);
  }
}
