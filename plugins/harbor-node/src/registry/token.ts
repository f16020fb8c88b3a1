import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { AuthChallenge } from './challenge';

/** The tokens of one registry's token service, by realm, service and scope. */
export type TokenCache = Map<string, { token: string; expiresAt: number }>;

/** What the token flow needs of the registry connection. */
export interface TokenContext {
  /** The registry's host, for messages. */
  host: string;
  /** The registry's origin: the realm must not downgrade it from https to http. */
  origin: string;
  /** The Basic `Authorization` value of the configured credentials, if any. */
  authorization?: string;
  tokens: TokenCache;
  /** One GET through the connection's cap, timeout and retries. */
  get(url: string): Promise<{ status: number; body: string; url: string }>;
  json<T>(answer: { status: number; body: string; url: string }): T;
}

/** The realm of a challenge as a URL the credentials may be sent to, or the error saying why not. */
export function realmOf(
  challenge: AuthChallenge,
  context: Pick<TokenContext, 'host' | 'origin'>,
): URL {
  let realm: URL;
  try {
    realm = new URL(challenge.params.realm ?? '');
  } catch {
    throw new ServiceUnavailableError(
      `Docker registry ${context.host} asked for a token without a valid realm URL`,
    );
  }
  // The basic credentials go to the realm: never over plain http when the registry itself is https.
  if (
    realm.protocol !== 'https:' &&
    !(realm.protocol === 'http:' && context.origin.startsWith('http:'))
  ) {
    throw new NotAllowedError(
      `Docker registry ${context.host} sends to a token service at ${realm.protocol}//${realm.host}; not sending the credentials there`,
    );
  }
  return realm;
}

/**
 * A token of the registry's token service for a scope (Docker Registry token authentication specification),
 * cached until shortly before it expires; `renew` skips the cache after the registry refused the cached one.
 */
export async function tokenFor(
  context: TokenContext,
  realm: URL,
  service: string | undefined,
  scope: string | undefined,
  renew: boolean,
): Promise<string> {
  const key = `${realm}\u0000${service ?? ''}\u0000${scope ?? ''}`;
  const cached = context.tokens.get(key);
  if (cached && !renew && cached.expiresAt > Date.now()) return cached.token;

  const url = new URL(realm);
  const query = new URLSearchParams();
  if (service) query.set('service', service);
  if (scope) query.set('scope', scope);
  url.search = url.search
    ? `${url.search.slice(1)}&${query}`
    : query.toString();
  const answer = await context.get(url.toString());
  const what = `Docker registry ${context.host}: its token service at ${url.host}`;
  if (answer.status === 401 || answer.status === 403) {
    throw new AuthenticationError(
      `${what} refused the ${
        context.authorization ? 'configured credentials' : 'anonymous request'
      } (${answer.status}) for scope ${
        scope ?? '(none)'
      }; check the registry username and password`,
    );
  }
  if (answer.status !== 200) {
    throw new ServiceUnavailableError(`${what} answered ${answer.status}`);
  }
  const body = context.json<{
    token?: string;
    access_token?: string;
    expires_in?: number;
  }>(answer);
  const token = body.token ?? body.access_token;
  if (!token) {
    throw new ServiceUnavailableError(`${what} answered without a token`);
  }
  // The spec's default lifetime is 60 s; renew 10 s early.
  const lifetime = (body.expires_in ?? 60) * 1000;
  context.tokens.set(key, {
    token,
    expiresAt: Date.now() + Math.max(0, lifetime - 10_000),
  });
  return token;
}
