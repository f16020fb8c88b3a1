import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import { isCredentialsRejected, isHarborUnavailable } from './harborErrors';
import { InstanceReachability } from './InstanceReachability';

/** What a service that reads Harbor through the {@link HarborCache} is built from. */
export interface CachedHarborReads {
  clients: HarborClients;
  cache: HarborCache;
  logger: LoggerService;
  /** How long an answer stays fresh in the cache. */
  ttlMs: number;
}

/** A value read from Harbor, when, and whether it is the last good copy served while Harbor is down. */
export interface Cached<T> {
  value: T;
  /** ISO time the value was read from Harbor. */
  fetchedAt: string;
  stale: boolean;
  /** For a stale value: ISO time its instance last answered any replica, when known. */
  lastReachableAt?: string;
}

/** A {@link Cached} value shared by every caller in this process, with its JSON. */
export interface SharedCached<T> extends Cached<T> {
  /** `JSON.stringify(value)`, computed once per load. */
  json: string;
}

interface Entry<T> {
  value: T;
  fetchedAt: string;
}

/** Values kept in memory by {@link HarborCache.getShared}; each a few kB to a few MB. */
const MEMO_MAX_ENTRIES = 500;

/** Freezes a JSON value and everything in it, so no caller can change what the next caller is given. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
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
 * - A load that names its instance records the instance's success in {@link HarborCache.reachability}; a stale
 *   copy served for it says when the instance was last reachable. Serving stale is logged at debug only: the
 *   instance's state changes are what is worth a warning.
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
  readonly #memo = new Map<string, SharedCached<unknown>>();
  readonly #memoExpiry = new Map<string, number>();
  /** When each instance last answered, shared through the same cache store. */
  readonly reachability: InstanceReachability;

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly staleTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.reachability = new InstanceReachability(cache, logger, now);
  }

  /**
   * The cached value of `key`, or `load()`ed from Harbor and cached for `ttlMs`. `instance` names the Harbor
   * instance `load` reads, to record its successes and say when it was last reachable.
   */
  async get<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    instance?: string,
  ): Promise<Cached<T>> {
    const fresh = await this.#read<T>(`fresh:${key}`);
    if (fresh) return { ...fresh, stale: false };

    const pending = this.#inFlight.get(key);
    if (pending) return pending as Promise<Cached<T>>;

    const promise = this.#load(key, ttlMs, load, instance);
    this.#inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  /**
   * Like {@link HarborCache.get}, for hot keys: the fresh value is also kept in this process, frozen and with its
   * JSON, until the shared entry it came from expires (its `fetchedAt` plus `ttlMs`). A warm read then costs
   * neither a round trip to the cache store nor deserialising and serialising a large value, and it is never
   * fresher or staler than the shared cache would have answered.
   */
  async getShared<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    instance?: string,
  ): Promise<SharedCached<T>> {
    const expiresAt = this.#memoExpiry.get(key);
    if (expiresAt !== undefined) {
      if (expiresAt > this.now()) {
        return this.#memo.get(key) as SharedCached<T>;
      }
      this.#memo.delete(key);
      this.#memoExpiry.delete(key);
    }
    const result = await this.get(key, ttlMs, load, instance);
    const shared: SharedCached<T> = Object.freeze({
      value: deepFreeze(result.value),
      fetchedAt: result.fetchedAt,
      stale: result.stale,
      lastReachableAt: result.lastReachableAt,
      json: JSON.stringify(result.value),
    });
    const expires = Date.parse(result.fetchedAt) + ttlMs;
    if (!result.stale && expires > this.now()) {
      if (this.#memo.size >= MEMO_MAX_ENTRIES && !this.#memo.has(key)) {
        const oldest = this.#memo.keys().next().value!;
        this.#memo.delete(oldest);
        this.#memoExpiry.delete(oldest);
      }
      this.#memo.set(key, shared);
      this.#memoExpiry.set(key, expires);
    }
    return shared;
  }

  async #load<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    instance: string | undefined,
  ): Promise<Cached<T>> {
    let value: T;
    try {
      value = await load();
    } catch (error) {
      // Not while the credentials are rejected: the instance's data must not be shown as if all were well.
      if (isHarborUnavailable(error) && !isCredentialsRejected(error)) {
        const lastGood = await this.#read<T>(`good:${key}`);
        if (lastGood) {
          this.logger.debug(
            `Serving stale Harbor data for ${key} from ${lastGood.fetchedAt}: ${
              (error as Error).message
            }`,
          );
          return {
            ...lastGood,
            stale: true,
            lastReachableAt: instance
              ? await this.reachability.lastReachableAt(instance)
              : undefined,
          };
        }
      }
      throw error;
    }
    if (instance) this.reachability.reached(instance);
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
