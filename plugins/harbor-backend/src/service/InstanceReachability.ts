import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** How often one replica writes an instance's last success to the shared cache: not once per request. */
const WRITE_EVERY_MS = 30_000;
/** How long the shared record lives: the "last reachable" of an instance down for longer is unknown. */
const RECORD_TTL_MS = 30 * 24 * 3600_000;

/**
 * When each Harbor instance last answered any replica of the backend. Kept in Backstage's cache service, which the
 * replicas share in production (Redis), so that two backends behind a load balancer say the same; each replica
 * writes at most once per {@link WRITE_EVERY_MS} per instance and remembers its own last success exactly.
 */
export class InstanceReachability {
  readonly #local = new Map<string, number>();
  readonly #written = new Map<string, number>();

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that `instance` answered now. */
  reached(instance: string): void {
    const now = this.now();
    this.#local.set(instance, now);
    const written = this.#written.get(instance);
    if (written !== undefined && now - written < WRITE_EVERY_MS) return;
    this.#written.set(instance, now);
    this.cache
      .set(this.#key(instance), new Date(now).toISOString(), {
        ttl: RECORD_TTL_MS,
      })
      .catch(error => {
        this.#written.delete(instance);
        this.logger.debug(
          `Recording when Harbor instance '${instance}' was reachable failed: ${error}`,
        );
      });
  }

  /** ISO time `instance` last answered any replica, when known. */
  async lastReachableAt(instance: string): Promise<string | undefined> {
    let shared: string | undefined;
    try {
      const value = await this.cache.get(this.#key(instance));
      shared = typeof value === 'string' ? value : undefined;
    } catch (error) {
      this.logger.debug(`Cache read of reachability failed: ${error}`);
    }
    // The shared record when there is one, so that every replica says the same (to within WRITE_EVERY_MS).
    if (shared) return shared;
    const local = this.#local.get(instance);
    return local === undefined ? undefined : new Date(local).toISOString();
  }

  #key(instance: string): string {
    return `reachable:v1:${instance}`;
  }
}
