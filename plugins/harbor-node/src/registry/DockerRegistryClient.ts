import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import pLimit from 'p-limit';
import {
  HarborRetryOptions,
  createRetryPolicy,
  isConnectionReset,
  isRetryableStatus,
  networkErrorCode,
} from '../client/retry';
import type { HarborFetch } from '../client/transport';
import { AuthChallenge, parseChallenge, scopeOfPath } from './challenge';
import { nextLink } from './link';
import { MANIFEST_ACCEPT } from './mediaTypes';

/** Default timeout of one request to the registry. @public */
export const DEFAULT_DOCKER_REGISTRY_TIMEOUT_MS = 10_000;
/** Default cap of requests in flight to one registry. @public */
export const DEFAULT_DOCKER_REGISTRY_MAX_CONCURRENCY = 8;
/** Default `n` of `_catalog` and `tags/list` pages. @public */
export const DEFAULT_DOCKER_REGISTRY_PAGE_SIZE = 100;

/**
 * How to create a {@link DockerRegistryClient}.
 * @public
 */
export interface DockerRegistryClientOptions {
  /** The registry's base URL, e.g. `https://registry.old.example.com` (the API is below `/v2/`). */
  url: string;
  /** Basic credentials, sent to the registry (basic auth) or to its token service (token auth). */
  username?: string;
  password?: string;
  /** Timeout of one request, the body included. Default 10 s. */
  requestTimeoutMs?: number;
  /** Requests in flight at once, token requests included. Default 8. */
  maxConcurrency?: number;
  /** `n` of each `_catalog` and `tags/list` page. Default 100. */
  pageSize?: number;
  /** The fetch to send requests with; `globalThis.fetch` by default. */
  fetch?: HarborFetch;
  /** Retries of GET and HEAD on 502/503/504 and dropped connections. */
  retry?: HarborRetryOptions;
  /** Receives debug lines (retries, token renewals); never a credential. */
  logger?: LoggerService;
}

/**
 * One repository of an inventory.
 * @public
 */
export interface DockerRegistryRepository {
  /** The full repository name, e.g. `team-a/api`. */
  name: string;
  /** Its tags, as `tags/list` returns them. */
  tags: string[];
  /** Tag → manifest digest (`sha256:…`), when the inventory was asked for digests. */
  digests?: Record<string, string>;
}

/**
 * What a registry holds.
 * @public
 */
export interface DockerRegistryInventory {
  repositories: DockerRegistryRepository[];
  repositoryCount: number;
  tagCount: number;
  /** HTTP requests this inventory sent, token requests included. */
  requests: number;
}

/**
 * Options of {@link DockerRegistryClient.inventory}.
 * @public
 */
export interface DockerRegistryInventoryOptions {
  /** Repositories read at once. Default: the client's `maxConcurrency`. */
  concurrency?: number;
  /** Also read the manifest digest of every tag (one HEAD per tag). Default false. */
  digests?: boolean;
  /** Only these repositories of the catalog. */
  filter?: (repository: string) => boolean;
}

// Distribution's repository name grammar, one path component (distribution/reference/regexp.go).
const NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

interface Shared {
  baseUrl: string;
  origin: string;
  host: string;
  username?: string;
  password?: string;
  secrets: string[];
  timeoutMs: number;
  maxConcurrency: number;
  pageSize: number;
  fetch: HarborFetch;
  limiter: <T>(task: () => Promise<T>) => Promise<T>;
  retry: ReturnType<typeof createRetryPolicy>;
  logger?: LoggerService;
  /** The registry's Bearer challenge, once it sent one. */
  bearer?: { realm: string; service?: string };
  tokens: Map<string, { token: string; expiresAt: number }>;
  requests: number;
}

interface Answer {
  status: number;
  headers: Headers;
  body: string;
  url: string;
}

/**
 * A client of a Docker Registry HTTP API v2 (the CNCF distribution registry and compatible ones), read-only:
 * the API check, the catalog, tags and manifest digests. It pages `_catalog` and `tags/list` with `n`/`last`
 * by following their `Link: <…>; rel="next"` headers, speaks basic auth and the token flow, bounds every
 * request by a timeout and all of them by a concurrency cap, and never puts a credential in an error or a log.
 * @public
 */
export class DockerRegistryClient {
  static create(options: DockerRegistryClientOptions): DockerRegistryClient {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new InputError(
        `The Docker registry URL is not a URL; use e.g. https://registry.example.com`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InputError(
        `The Docker registry URL must be http or https, not ${url.protocol}`,
      );
    }
    if (url.username || url.password) {
      throw new InputError(
        'The Docker registry URL must not contain credentials; give username and password separately',
      );
    }
    const maxConcurrency = Math.max(
      1,
      options.maxConcurrency ?? DEFAULT_DOCKER_REGISTRY_MAX_CONCURRENCY,
    );
    const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    return new DockerRegistryClient({
      baseUrl,
      origin: url.origin,
      host: url.host,
      username: options.username,
      password: options.password,
      secrets: secretsOf(options.username, options.password),
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_DOCKER_REGISTRY_TIMEOUT_MS,
      maxConcurrency,
      pageSize: Math.max(
        1,
        options.pageSize ?? DEFAULT_DOCKER_REGISTRY_PAGE_SIZE,
      ),
      fetch: options.fetch ?? ((u, init) => globalThis.fetch(u, init)),
      limiter: pLimit(maxConcurrency),
      retry: createRetryPolicy(options.retry),
      logger: options.logger,
      tokens: new Map(),
      requests: 0,
    });
  }

  readonly #shared: Shared;
  readonly #signal?: AbortSignal;

  private constructor(shared: Shared, signal?: AbortSignal) {
    this.#shared = shared;
    this.#signal = signal;
  }

  /** The registry's base URL, without credentials. */
  get url(): string {
    return this.#shared.baseUrl;
  }

  /** HTTP requests sent so far by this client and every client from `withSignal`, token requests included. */
  get requestCount(): number {
    return this.#shared.requests;
  }

  /** A client of the same registry, sharing its tokens and concurrency cap, whose requests stop on `signal`. */
  withSignal(signal?: AbortSignal): DockerRegistryClient {
    return new DockerRegistryClient(this.#shared, signal);
  }

  /** `GET /v2/`: resolves when the registry speaks the v2 API and accepts the credentials. */
  async check(): Promise<void> {
    await this.#get('/v2/', { allowed: [200] });
  }

  /** Every repository name of `/v2/_catalog`, page by page. */
  async listRepositories(): Promise<string[]> {
    const names: string[] = [];
    await this.#pages(
      `/v2/_catalog?n=${this.#shared.pageSize}`,
      (body: { repositories?: string[] | null }) => {
        names.push(...(body.repositories ?? []));
      },
    );
    return names;
  }

  /**
   * Every tag of a repository (`/v2/<name>/tags/list`, page by page), sorted (distribution 2.x lists them in
   * storage order); `[]` when the registry does not know the repository.
   */
  async listTags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    try {
      await this.#pages(
        `/v2/${repositoryPath(repository)}/tags/list?n=${
          this.#shared.pageSize
        }`,
        (body: { tags?: string[] | null }) => {
          tags.push(...(body.tags ?? []));
        },
      );
    } catch (error) {
      // A repository in the catalog whose tags were all deleted answers NAME_UNKNOWN.
      if ((error as Error).name === 'NotFoundError') return [];
      throw error;
    }
    return tags.sort();
  }

  /**
   * The digest of the manifest a tag points at (`HEAD /v2/<name>/manifests/<tag>`, `Docker-Content-Digest`), with
   * the OCI and Docker v2 media types accepted; `undefined` when the tag does not exist.
   */
  async getManifestDigest(
    repository: string,
    reference: string,
  ): Promise<string | undefined> {
    if (!TAG.test(reference) && !DIGEST.test(reference)) {
      throw new InputError(
        `'${reference}' is neither a tag nor a digest of repository ${repository}`,
      );
    }
    const answer = await this.#send(
      'HEAD',
      `${this.#shared.baseUrl}/v2/${repositoryPath(
        repository,
      )}/manifests/${encodeURIComponent(reference)}`,
      { accept: MANIFEST_ACCEPT, allowed: [200, 404] },
    );
    if (answer.status === 404) return undefined;
    const digest = answer.headers.get('docker-content-digest');
    if (!digest || !DIGEST.test(digest)) {
      throw new ServiceUnavailableError(
        `Docker registry ${
          this.#shared.host
        }: HEAD /v2/${repository}/manifests/${reference} answered without a Docker-Content-Digest header`,
      );
    }
    return digest;
  }

  /**
   * Every repository with its tags (and, when asked, the digest of each tag): the catalog, then the repositories
   * `concurrency` at a time. The client's `maxConcurrency` caps the requests in flight in any case.
   */
  async inventory(
    options: DockerRegistryInventoryOptions = {},
  ): Promise<DockerRegistryInventory> {
    const before = this.#shared.requests;
    const limit = pLimit(
      Math.max(1, options.concurrency ?? this.#shared.maxConcurrency),
    );
    const names = (await this.listRepositories()).filter(
      name => !options.filter || options.filter(name),
    );
    const repositories = await Promise.all(
      names.map(name =>
        limit(() => this.listTags(name)).then(async tags => {
          const repository: DockerRegistryRepository = { name, tags };
          if (options.digests) {
            const digests: Record<string, string> = {};
            await Promise.all(
              tags.map(tag =>
                limit(async () => {
                  const digest = await this.getManifestDigest(name, tag);
                  if (digest) digests[tag] = digest;
                }),
              ),
            );
            repository.digests = Object.fromEntries(
              tags.filter(t => digests[t]).map(t => [t, digests[t]]),
            );
          }
          return repository;
        }),
      ),
    );
    return {
      repositories,
      repositoryCount: repositories.length,
      tagCount: repositories.reduce((sum, r) => sum + r.tags.length, 0),
      requests: this.#shared.requests - before,
    };
  }

  // ---------------------------------------------------------------- HTTP

  async #pages<T>(first: string, onPage: (body: T) => void): Promise<void> {
    let url: string | undefined = `${this.#shared.baseUrl}${first}`;
    const seen = new Set<string>();
    while (url) {
      if (seen.has(url)) {
        throw new ServiceUnavailableError(
          `Docker registry ${this.#shared.host}: the Link header of ${pathOf(
            url,
          )} points back at a page already read`,
        );
      }
      seen.add(url);
      const answer = await this.#send('GET', url, { allowed: [200] });
      onPage(this.#json<T>(answer));
      const next = nextLink(answer.headers.get('link'), answer.url);
      // Credentials go with every page, so only follow pages of the same registry.
      if (next && new URL(next).origin !== this.#shared.origin) {
        throw new ServiceUnavailableError(
          `Docker registry ${this.#shared.host}: the Link header of ${pathOf(
            url,
          )} points at another host; not following it with the registry's credentials`,
        );
      }
      url = next;
    }
  }

  async #get(path: string, options: { allowed: number[] }): Promise<Answer> {
    return this.#send('GET', `${this.#shared.baseUrl}${path}`, options);
  }

  #json<T>(answer: Answer): T {
    try {
      return JSON.parse(answer.body) as T;
    } catch {
      throw new ServiceUnavailableError(
        `Docker registry ${this.#shared.host}: ${pathOf(answer.url)} answered ${
          answer.status
        } with a body that is not JSON`,
      );
    }
  }

  /** One request with auth: Basic, or a Bearer token for the path's scope once the registry asked for one. */
  async #send(
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
    const { bearer, username, password } = this.#shared;
    if (bearer) {
      const token = await this.#token(
        { scheme: 'bearer', params: { ...bearer } },
        scope,
        false,
      );
      return `Bearer ${token}`;
    }
    if (username !== undefined && password !== undefined) {
      return `Basic ${Buffer.from(`${username}:${password}`).toString(
        'base64',
      )}`;
    }
    return undefined;
  }

  /** A token of the registry's token service for a scope, cached until shortly before it expires. */
  async #token(
    challenge: AuthChallenge,
    scope: string | undefined,
    renew: boolean,
  ): Promise<string> {
    const shared = this.#shared;
    const { realm, service } = challenge.params;
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm ?? '');
    } catch {
      throw new ServiceUnavailableError(
        `Docker registry ${shared.host} asked for a token without a valid realm URL`,
      );
    }
    // The basic credentials go to the realm: never over plain http when the registry itself is https.
    if (
      realmUrl.protocol !== 'https:' &&
      !(realmUrl.protocol === 'http:' && shared.origin.startsWith('http:'))
    ) {
      throw new NotAllowedError(
        `Docker registry ${shared.host} sends to a token service at ${realmUrl.protocol}//${realmUrl.host}; not sending the credentials there`,
      );
    }
    shared.bearer = { realm: realmUrl.toString(), service };
    const key = `${realmUrl}\u0000${service ?? ''}\u0000${scope ?? ''}`;
    const cached = shared.tokens.get(key);
    if (cached && !renew && cached.expiresAt > Date.now()) return cached.token;

    const query = new URLSearchParams();
    if (service) query.set('service', service);
    if (scope) query.set('scope', scope);
    realmUrl.search = realmUrl.search
      ? `${realmUrl.search.slice(1)}&${query}`
      : query.toString();
    const authorization =
      shared.username !== undefined && shared.password !== undefined
        ? `Basic ${Buffer.from(
            `${shared.username}:${shared.password}`,
          ).toString('base64')}`
        : undefined;
    const answer = await this.#attempt(
      'GET',
      realmUrl.toString(),
      'application/json',
      authorization,
    );
    if (answer.status === 401 || answer.status === 403) {
      throw new AuthenticationError(
        `Docker registry ${shared.host}: its token service at ${
          realmUrl.host
        } refused the ${
          authorization ? 'configured credentials' : 'anonymous request'
        } (${answer.status}) for scope ${
          scope ?? '(none)'
        }; check the registry username and password`,
      );
    }
    if (answer.status !== 200) {
      throw new ServiceUnavailableError(
        `Docker registry ${shared.host}: its token service at ${realmUrl.host} answered ${answer.status}`,
      );
    }
    const body = this.#json<{
      token?: string;
      access_token?: string;
      expires_in?: number;
    }>(answer);
    const token = body.token ?? body.access_token;
    if (!token) {
      throw new ServiceUnavailableError(
        `Docker registry ${shared.host}: its token service at ${realmUrl.host} answered without a token`,
      );
    }
    // The spec's default lifetime is 60 s; renew 10 s early.
    const lifetime = (body.expires_in ?? 60) * 1000;
    shared.tokens.set(key, {
      token,
      expiresAt: Date.now() + Math.max(0, lifetime - 10_000),
    });
    shared.logger?.debug(
      `Docker registry ${shared.host}: got a token for scope ${
        scope ?? '(none)'
      }`,
    );
    return token;
  }

  /** Sends within the concurrency cap and the timeout, reads the whole body, retries passing failures. */
  async #attempt(
    method: 'GET' | 'HEAD',
    url: string,
    accept: string | undefined,
    authorization: string | undefined,
  ): Promise<Answer> {
    const shared = this.#shared;
    const headers: Record<string, string> = {};
    if (accept) headers.accept = accept;
    if (authorization) headers.authorization = authorization;
    const host = new URL(url).host;
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(shared.timeoutMs);
      const signal = this.#signal
        ? AbortSignal.any([this.#signal, timeout])
        : timeout;
      const mayRetry = attempt < shared.retry.maxAttempts;
      let answer: Answer;
      try {
        answer = await shared.limiter(async () => {
          shared.requests++;
          const response = await shared.fetch(url, {
            method,
            headers,
            signal,
            // A redirect would carry the Authorization header wherever it points.
            redirect: 'manual',
          });
          return {
            status: response.status,
            headers: response.headers,
            body: method === 'HEAD' ? '' : await response.text(),
            url,
          };
        });
      } catch (error) {
        if (this.#signal?.aborted) throw this.#signal.reason ?? error;
        if (timeout.aborted) {
          throw new ServiceUnavailableError(
            `Docker registry ${host}: ${method} ${pathOf(
              url,
            )} got no answer within ${shared.timeoutMs} ms`,
          );
        }
        if (mayRetry && isConnectionReset(error)) {
          await this.#pause(method, url, 'lost its connection', attempt);
          continue;
        }
        const code = networkErrorCode(error);
        throw new ServiceUnavailableError(
          `Docker registry ${host}: ${method} ${pathOf(url)} failed${
            code ? ` with ${code}` : ''
          }: ${this.#redact(describe(error))}`,
        );
      }
      if (mayRetry && isRetryableStatus(answer.status)) {
        await this.#pause(method, url, `answered ${answer.status}`, attempt);
        continue;
      }
      return answer;
    }
  }

  async #pause(method: string, url: string, what: string, attempt: number) {
    const delay = this.#shared.retry.delayMs(attempt);
    this.#shared.logger?.debug(
      `Docker registry ${this.#shared.host}: ${method} ${pathOf(
        url,
      )} ${what}; retrying in ${delay} ms`,
    );
    await this.#shared.retry.sleep(delay);
  }

  #failure(method: string, path: string, answer: Answer): Error {
    const { host } = this.#shared;
    let code = '';
    let message = '';
    try {
      const first = JSON.parse(answer.body)?.errors?.[0];
      code = typeof first?.code === 'string' ? first.code : '';
      message = typeof first?.message === 'string' ? first.message : '';
    } catch {
      // not a registry error body
    }
    const what = `Docker registry ${host}: ${method} ${path} answered ${
      answer.status
    }${code ? ` ${code}` : ''}${message ? ` (${this.#redact(message)})` : ''}`;
    const authenticated = this.#shared.username !== undefined;
    switch (answer.status) {
      case 401:
        return new AuthenticationError(
          `${what}; ${
            authenticated
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
    let result = text;
    for (const secret of this.#shared.secrets) {
      result = result.split(secret).join('[redacted]');
    }
    for (const token of this.#shared.tokens.values()) {
      result = result.split(token.token).join('[redacted]');
    }
    return result;
  }
}

/** A repository name as a URL path, each component checked against the registry's grammar. */
function repositoryPath(repository: string): string {
  const components = repository.split('/');
  if (!components.every(c => NAME_COMPONENT.test(c))) {
    throw new InputError(
      `'${repository}' is not a repository name: path components of lower-case letters and digits, separated by '.', '_', '__' or dashes, joined by '/'`,
    );
  }
  return components.map(encodeURIComponent).join('/');
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function secretsOf(username?: string, password?: string): string[] {
  if (password === undefined) return [];
  const pair = `${username ?? ''}:${password}`;
  return [pair, Buffer.from(pair).toString('base64'), password].filter(
    s => s.length >= 4,
  );
}

function describe(error: unknown): string {
  const messages: string[] = [];
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.message === 'string' && current.message)
      messages.push(current.message);
    current = current.cause;
  }
  return messages.join(': ') || String(error);
}
