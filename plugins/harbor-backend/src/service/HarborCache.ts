import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isHarborUnavailable } from './harborErrors';

/** A value read from Harbor, when, and whether it is the last good copy served while Harbor is down. */
export interface Cached<T> {
  value: T;
  /** ISO time the value was read from Harbor. */
  fetchedAt: string;
  stale: boolean;
}

interface Entry<T> {
  value: T;
  fetchedAt: string;
}

/**
 * Harbor answers in Backstage's cache service (memory, Redis, ...), shared by the backend's replicas when the
 * store is.
 *
 * - Keys are built by the services from configured instance names and annotation-parsed project and repository
 *   names, never from a caller's string, so a caller cannot fill or probe the cache at will.
 * - Concurrent misses for one key in this process share one Harbor fetch.
 * - Beside each fresh entry a "last good" copy lives for `staleTtlMs`; when Harbor cannot be reached it is served
 *   with `stale: true` instead of an error.
 * - A failing cache store never fails a request: it is logged and Harbor is asked.
 */
export class HarborCache {
  static create(options: {
    cache: CacheService;
    logger: LoggerService;
    staleTtlMs: number;
  }): HarborCache {
    return new HarborCache(options.cache, options.logger, options.staleTtlMs);
  }

  readonly #inFlight = new Map<string, Promise<Cached<unknown>>>();

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly staleTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value of `key`, or `load()`ed from Harbor and cached for `ttlMs`. */
  async get<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
  ): Promise<Cached<T>> {
    const fresh = await this.#read<T>(`fresh:${key}`);
    if (fresh) return { ...fresh, stale: false };

    const pending = this.#inFlight.get(key);
    if (pending) return pending as Promise<Cached<T>>;

    const promise = this.#load(key, ttlMs, load);
    this.#inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #load<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
  ): Promise<Cached<T>> {
    let value: T;
    try {
      value = await load();
    } catch (error) {
      if (isHarborUnavailable(error)) {
        const lastGood = await this.#read<T>(`good:${key}`);
        if (lastGood) {
          this.logger.warn(
            `Serving stale Harbor data for ${key} from ${lastGood.fetchedAt}: ${
              (error as Error).message
            }`,
          );
          return { ...lastGood, stale: true };
        }
      }
      throw error;
    }
    const entry: Entry<T> = {
      value,
      fetchedAt: new Date(this.now()).toISOString(),
    };
    await Promise.all([
      this.#write(`fresh:${key}`, entry, ttlMs),
      this.#write(`good:${key}`, entry, Math.max(ttlMs, this.staleTtlMs)),
    ]);
    return { ...entry, stale: false };
  }

  async #read<T>(key: string): Promise<Entry<T> | undefined> {
    try {
      return (await this.cache.get(key)) as Entry<T> | undefined;
    } catch (error) {
      this.logger.warn(`Cache read of ${key} failed: ${error}`);
      return undefined;
    }
  }

  async #write<T>(key: string, entry: Entry<T>, ttl: number) {
    try {
      await this.cache.set(key, entry as any, { ttl });
    } catch (error) {
      this.logger.warn(`Cache write of ${key} failed: ${error}`);
    }
  }
}
