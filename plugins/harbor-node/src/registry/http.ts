import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { describeNetworkError, pathOf, redact } from '../client/redaction';
import {
  AttemptTimeoutError,
  Limiter,
  RetryPolicy,
  networkErrorCode,
  sendWithRetries,
} from '../client/retry';
import type { HarborFetch } from '../client/transport';
import { AuthChallenge, parseChallenge, scopeOfPath } from './challenge';
import { nextLink } from './link';
import { TokenCache, realmOf, tokenFor } from './token';

/** What every client of one registry shares, whatever its signal: settings, cap, tokens, the request count. */
export interface RegistryConnection {
  baseUrl: string;
  origin: string;
  host: string;
  /** The Basic `Authorization` value of the configured credentials, if any. */
  authorization?: string;
  authenticated: boolean;
  secrets: string[];
  timeoutMs: number;
  maxConcurrency: number;
  pageSize: number;
  fetch: HarborFetch;
  limiter: Limiter;
  retry: RetryPolicy;
  logger?: LoggerService;
  /** The registry's Bearer challenge, once it sent one. */
  bearer?: { realm: string; service?: string };
  tokens: TokenCache;
  requests: number;
}

/** A registry's answer, its body read. */
export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  url: string;
}

/**
 * The HTTP side of a {@link DockerRegistryClient}: basic auth or the token flow, the shared request loop
 * (timeout, concurrency cap, retries), paging by `Link`, and errors that name no credential.
 */
export class RegistryHttp {
  constructor(
    private readonly connection: RegistryConnection,
    private readonly signal?: AbortSignal,
  ) {}

  /** Every page from `first` on, following `Link: <…>; rel="next"` within the registry. */
  async pages<T>(
    first: string,
    onPage: (body: T) => void,
    allowed: number[] = [200],
  ): Promise<number> {
    const { host, origin, baseUrl } = this.connection;
    let url: string | undefined = `${baseUrl}${first}`;
    const seen = new Set<string>();
    while (url) {
      if (seen.has(url)) {
        throw new ServiceUnavailableError(
          `Docker registry ${host}: the Link header of ${pathOf(
            url,
          )} points back at a page already read`,
        );
      }
      seen.add(url);
      const answer = await this.send('GET', url, { allowed });
      if (answer.status !== 200) return answer.status;
      onPage(this.json<T>(answer));
      const next = nextLink(answer.headers.get('link'), answer.url);
      // Credentials go with every page, so only follow pages of the same registry.
      if (next && new URL(next).origin !== origin) {
        throw new ServiceUnavailableError(
          `Docker registry ${host}: the Link header of ${pathOf(
            url,
          )} points at another host; not following it with the registry's credentials`,
        );
      }
      url = next;
    }
    return 200;
  }

  json<T>(answer: Pick<Answer, 'status' | 'body' | 'url'>): T {
    try {
      return JSON.parse(answer.body) as T;
    } catch {
      throw new ServiceUnavailableError(
        `Docker registry ${this.connection.host}: ${pathOf(
          answer.url,
        )} answered ${answer.status} with a body that is not JSON`,
      );
    }
  }

  /** One request with auth: Basic, or a Bearer token for the path's scope once the registry asked for one. */
  async send(
    method: 'GET' | 'HEAD',
    url: string,
    options: { accept?: string; allowed: number[] },
  ): Promise<Answer> {
    const path = pathOf(url);
    const scope = scopeOfPath(path);
    let answer = await this.#attempt(
      method,
      url,
      options.accept,
      await this.#authorization(scope),
    );
    if (answer.status === 401) {
      const challenge = parseChallenge(answer.headers.get('www-authenticate'));
      if (challenge?.scheme === 'bearer') {
        const token = await this.#token(
          challenge,
          challenge.params.scope ?? scope,
          true,
        );
        answer = await this.#attempt(
          method,
          url,
          options.accept,
          `Bearer ${token}`,
        );
      }
    }
    if (options.allowed.includes(answer.status)) return answer;
    throw this.#failure(method, path, answer);
  }

  async #authorization(scope: string | undefined): Promise<string | undefined> {
    const { bearer, authorization } = this.connection;
    if (!bearer) return authorization;
    const token = await this.#token(
      { scheme: 'bearer', params: { ...bearer } },
      scope,
      false,
    );
    return `Bearer ${token}`;
  }

  async #token(
    challenge: AuthChallenge,
    scope: string | undefined,
    renew: boolean,
  ): Promise<string> {
    const connection = this.connection;
    const realm = realmOf(challenge, connection);
    const { service } = challenge.params;
    connection.bearer = { realm: realm.toString(), service };
    const token = await tokenFor(
      {
        ...connection,
        get: url =>
          this.#attempt(
            'GET',
            url,
            'application/json',
            connection.authorization,
          ),
        json: answer => this.json(answer),
      },
      realm,
      service,
      scope,
      renew,
    );
    connection.logger?.debug(
      `Docker registry ${connection.host}: got a token for scope ${
        scope ?? '(none)'
      }`,
    );
    return token;
  }

  /** Sends through the shared request loop (cap, timeout, retries) and reads the whole body. */
  async #attempt(
    method: 'GET' | 'HEAD',
    url: string,
    accept: string | undefined,
    authorization: string | undefined,
  ): Promise<Answer> {
    const connection = this.connection;
    const headers: Record<string, string> = {};
    if (accept) headers.accept = accept;
    if (authorization) headers.authorization = authorization;
    const where = `Docker registry ${new URL(url).host}: ${method} ${pathOf(
      url,
    )}`;
    try {
      return await sendWithRetries({
        retryable: true,
        retry: connection.retry,
        timeoutMs: connection.timeoutMs,
        limiter: connection.limiter,
        signal: this.signal,
        send: async signal => {
          connection.requests++;
          // A redirect would carry the Authorization header wherever it points.
          const response = await connection.fetch(url, {
            method,
            headers,
            signal,
            redirect: 'manual',
          });
          return {
            status: response.status,
            headers: response.headers,
            body: method === 'HEAD' ? '' : await response.text(),
            url,
          };
        },
        onRetry: (what, delay) =>
          connection.logger?.debug(
            `Docker registry ${connection.host}: ${method} ${pathOf(
              url,
            )} ${what}; retrying in ${delay} ms`,
          ),
      });
    } catch (error) {
      if (this.signal?.aborted) throw error;
      if (error instanceof AttemptTimeoutError) {
        throw new ServiceUnavailableError(
          `${where} got no answer within ${connection.timeoutMs} ms`,
        );
      }
      const code = networkErrorCode(error);
      throw new ServiceUnavailableError(
        `${where} failed${code ? ` with ${code}` : ''}: ${this.#redact(
          describeNetworkError(error),
        )}`,
      );
    }
  }

  #failure(method: string, path: string, answer: Answer): Error {
    let code = '';
    let message = '';
    try {
      const first = JSON.parse(answer.body)?.errors?.[0];
      code = typeof first?.code === 'string' ? first.code : '';
      message = typeof first?.message === 'string' ? first.message : '';
    } catch {
      // not a registry error body
    }
    const what = `Docker registry ${
      this.connection.host
    }: ${method} ${path} answered ${answer.status}${code ? ` ${code}` : ''}${
      message ? ` (${this.#redact(message)})` : ''
    }`;
    switch (answer.status) {
      case 401:
        return new AuthenticationError(
          `${what}; ${
            this.connection.authenticated
              ? 'the registry refused the configured credentials'
              : 'the registry needs credentials and none are configured'
          }`,
        );
      case 403:
        return new NotAllowedError(
          `${what}; the configured account may not read this`,
        );
      case 404:
        return new NotFoundError(what);
      default:
        if (answer.status >= 300 && answer.status < 400) {
          return new ServiceUnavailableError(
            `${what}; redirects are not followed (they would carry the credentials)`,
          );
        }
        if (answer.status === 400) return new InputError(what);
        return new ServiceUnavailableError(what);
    }
  }

  #redact(text: string): string {
    const tokens = [...this.connection.tokens.values()].map(t => t.token);
    return redact(text, [...this.connection.secrets, ...tokens]);
  }
}
