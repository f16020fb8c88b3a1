import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type { HarborInstanceConnection } from '@backstage-harbor/plugin-harbor-common';
import { HarborInstances } from '../config';
import { HarborClient } from './HarborClient';
import {
  DEFAULT_HARBOR_CREDENTIAL_CHECK_INTERVAL_MS,
  readHarborResilienceConfig,
} from './resilience/config';
import {
  HarborConnectionListener,
  HarborResilienceOptions,
} from './resilience/guard';
import { HarborRetryOptions } from './retry';
import { HarborFetch } from './transport';

/** Runs a listener; its failure must not fail the Harbor call that triggered it. */
function safely(listener: () => void): void {
  try {
    listener();
  } catch {
    // ignored, see above
  }
}

/**
 * How {@link HarborClients} creates its clients.
 * @public
 */
export interface HarborClientsOptions {
  logger?: LoggerService;
  fetch?: HarborFetch;
  retry?: HarborRetryOptions;
  /** The breaker settings and the clock; `checkCredentials` is always on for these clients. */
  resilience?: HarborResilienceOptions;
  /** Interval of {@link HarborClients.startCredentialChecks}. Default 5 minutes. */
  credentialCheckIntervalMs?: number;
}

/**
 * One {@link HarborClient} per configured instance, resolved by instance name or registry host. Its clients check
 * the instance's credentials before their first call (and after a 401 or 403), and each instance has one circuit
 * breaker and one connection state in the process.
 * @public
 */
export class HarborClients {
  /** Reads `harbor` (instances, `circuitBreaker`, `credentialCheck`) from the app config. */
  static fromConfig(
    config: Config,
    options: HarborClientsOptions = {},
  ): HarborClients {
    const settled = readHarborResilienceConfig(config);
    return new HarborClients(HarborInstances.fromConfig(config), {
      credentialCheckIntervalMs: settled.credentialCheckIntervalMs,
      ...options,
      resilience: {
        ...options.resilience,
        circuitBreaker: {
          ...settled.circuitBreaker,
          ...options.resilience?.circuitBreaker,
        },
      },
    });
  }

  readonly #clients = new Map<string, HarborClient>();
  readonly #changeListeners = new Set<HarborConnectionListener>();
  readonly #reachableListeners = new Set<
    (instance: string, at: Date) => void
  >();

  constructor(
    readonly instances: HarborInstances,
    private readonly options: HarborClientsOptions = {},
  ) {}

  /**
   * The client of the instance with this name or registry host; of the default instance when absent.
   * Throws a `NotFoundError` naming the known instances for an unknown one.
   */
  forInstance(nameOrHost?: string): HarborClient {
    const instance = this.instances.get(nameOrHost);
    let client = this.#clients.get(instance.name);
    if (!client) {
      client = HarborClient.create({
        instance,
        logger: this.options.logger?.child({ harborInstance: instance.name }),
        fetch: this.options.fetch,
        retry: this.options.retry,
        resilience: { ...this.options.resilience, checkCredentials: true },
      });
      client.onConnectionChange((connection, previous) =>
        this.#changeListeners.forEach(l =>
          safely(() => l(connection, previous)),
        ),
      );
      client.onReachable((name, at) =>
        this.#reachableListeners.forEach(l => safely(() => l(name, at))),
      );
      this.#clients.set(instance.name, client);
    }
    return client;
  }

  /** The connection state of one instance in this process. */
  connection(nameOrHost?: string): HarborInstanceConnection {
    return this.forInstance(nameOrHost).connection();
  }

  /** The connection state of every configured instance, in configuration order. */
  connections(): HarborInstanceConnection[] {
    return this.instances.list().map(i => this.connection(i.name));
  }

  /**
   * Calls `listener` once per change of any instance's connection state (breaker opened, recovering, closed;
   * credentials rejected or accepted again); returns the unsubscribe function.
   */
  onConnectionChange(listener: HarborConnectionListener): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Calls `listener` when an instance answers, at most once per 10 s per instance. */
  onReachable(listener: (instance: string, at: Date) => void): () => void {
    this.#reachableListeners.add(listener);
    return () => this.#reachableListeners.delete(listener);
  }

  /** Checks one instance's credentials now; never rejects. */
  checkCredentials(nameOrHost?: string): Promise<HarborInstanceConnection> {
    return this.forInstance(nameOrHost).checkCredentials();
  }

  /** Checks every instance's credentials now; never rejects. */
  checkAllCredentials(): Promise<HarborInstanceConnection[]> {
    return Promise.all(
      this.instances.list().map(i => this.checkCredentials(i.name)),
    );
  }

  /**
   * Resolves once the instance's credentials are accepted (checking them if not yet done); rejects with a
   * `HarborCredentialsRejectedError`, or with why Harbor could not be asked. For writers such as the scaffolder
   * actions, before their first write.
   */
  ensureCredentials(nameOrHost?: string): Promise<void> {
    return this.forInstance(nameOrHost).ensureCredentials();
  }

  /**
   * Checks every instance's credentials now and then every `harbor.credentialCheck.interval`, until `stop`.
   * The backend plugin starts it at start-up; the timer does not keep the process alive.
   */
  startCredentialChecks(): { stop(): void } {
    void this.checkAllCredentials();
    const timer = setInterval(
      () => void this.checkAllCredentials(),
      this.options.credentialCheckIntervalMs ??
        DEFAULT_HARBOR_CREDENTIAL_CHECK_INTERVAL_MS,
    );
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
}
