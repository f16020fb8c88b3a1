import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import pLimit from 'p-limit';
import { secretsOf } from '../client/redaction';
import { HarborRetryOptions, createRetryPolicy } from '../client/retry';
import type { HarborFetch } from '../client/transport';
import { RegistryConnection, RegistryHttp } from './http';
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
    const { username, password } = options;
    const credentials =
      username !== undefined && password !== undefined
        ? Buffer.from(`${username}:${password}`).toString('base64')
        : undefined;
    return new DockerRegistryClient({
      baseUrl,
      origin: url.origin,
      host: url.host,
      authorization: credentials && `Basic ${credentials}`,
      authenticated: username !== undefined,
      secrets: secretsOf(username, password),
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

  readonly #shared: RegistryConnection;
  readonly #http: RegistryHttp;

  private constructor(shared: RegistryConnection, signal?: AbortSignal) {
    this.#shared = shared;
    this.#http = new RegistryHttp(shared, signal);
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
    await this.#http.send('GET', `${this.#shared.baseUrl}/v2/`, {
      allowed: [200],
    });
  }

  /** Every repository name of `/v2/_catalog`, page by page. */
  async listRepositories(): Promise<string[]> {
    const names: string[] = [];
    await this.#http.pages(
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
    const status = await this.#http.pages(
      `/v2/${repositoryPath(repository)}/tags/list?n=${this.#shared.pageSize}`,
      (body: { tags?: string[] | null }) => {
        tags.push(...(body.tags ?? []));
      },
      // A repository in the catalog whose tags were all deleted answers 404 NAME_UNKNOWN.
      [200, 404],
    );
    if (status === 404) return [];
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
    const answer = await this.#http.send(
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
