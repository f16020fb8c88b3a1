import type {
  HarborConnectionState,
  HarborInstanceConnection,
} from '@backstage-harbor/plugin-harbor-common';
import { isError } from '@backstage/errors';
import { getHarborApiError } from '../errors';
import {
  BreakerTicket,
  CircuitBreaker,
  HarborCircuitBreakerOptions,
} from './breaker';
import {
  CredentialCheck,
  DEFAULT_RECHECK_MIN_INTERVAL_MS,
} from './credentials';
import { harborDeadlineRemainingMs } from './deadline';
import { HarborUnavailableError } from './errors';
import { PrincipalVerdict } from './principal';

/**
 * How a client of one instance guards Harbor and its callers: the circuit breaker, the credential check, and the
 * clock and randomness they use (injectable, like the retry policy's).
 * @public
 */
export interface HarborResilienceOptions {
  circuitBreaker?: HarborCircuitBreakerOptions;
  /**
   * Whether every call waits until the instance's credentials are known to authenticate as the configured user or
   * robot account (checked on first use, and again after a 401 or 403), and fails at once while they are
   * rejected. `HarborClients` turns it on; a lone `HarborClient` leaves it off unless asked.
   */
  checkCredentials?: boolean;
  /** After a 401 or 403, the credentials are checked again, but not more often than this. Default 10 s. */
  recheckMinIntervalMs?: number;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** A number in [0, 1) for the breaker's jitter. Default `Math.random`. */
  random?: () => number;
}

/**
 * Called once each time an instance's connection state changes in this process.
 * @public
 */
export type HarborConnectionListener = (
  connection: HarborInstanceConnection,
  previous: HarborConnectionState,
) => void;

/** What one call tells about Harbor, for the breaker. */
export type CallOutcome = 'success' | 'failure' | 'neutral';

// "Last reachable" listeners write to a shared cache: once per this interval is enough.
const REACHABLE_NOTIFY_INTERVAL_MS = 10_000;

function notifyAll<A extends unknown[]>(
  listeners: Set<(...args: A) => void>,
  ...args: A
): void {
  for (const listener of listeners) {
    try {
      listener(...args);
    } catch {
      // A listener's failure must not fail the Harbor call that triggered it.
    }
  }
}

/**
 * The circuit breaker, credential check and connection state of one instance, shared by every client of it
 * (`withContext` copies) in this process.
 */
export class HarborInstanceGuard {
  readonly #instance: string;
  readonly #now: () => number;
  readonly #breaker: CircuitBreaker;
  readonly #credentials?: CredentialCheck;
  readonly #gated: boolean;
  readonly #recheckMinIntervalMs: number;
  readonly #changeListeners = new Set<HarborConnectionListener>();
  readonly #reachableListeners = new Set<
    (instance: string, at: Date) => void
  >();
  #published: { state: HarborConnectionState; message?: string; since: number };
  #answered = false;
  #lastReachable?: number;
  #reachableNotified?: number;
  #lastFailure?: Error;

  constructor(options: {
    instance: string;
    hasCredentials: boolean;
    verify: () => Promise<PrincipalVerdict>;
    resilience?: HarborResilienceOptions;
  }) {
    const resilience = options.resilience ?? {};
    this.#instance = options.instance;
    this.#now = resilience.now ?? Date.now;
    this.#gated = resilience.checkCredentials ?? false;
    this.#recheckMinIntervalMs =
      resilience.recheckMinIntervalMs ?? DEFAULT_RECHECK_MIN_INTERVAL_MS;
    const onChange = () => this.#publish();
    this.#breaker = new CircuitBreaker({
      breaker: resilience.circuitBreaker,
      now: this.#now,
      random: resilience.random ?? Math.random,
      onChange,
    });
    if (options.hasCredentials) {
      this.#credentials = new CredentialCheck({
        instance: options.instance,
        verify: options.verify,
        now: this.#now,
        onChange,
      });
    }
    this.#published = { state: 'unknown', since: this.#now() };
  }

  /** The instance's connection as this process sees it. */
  connection(): HarborInstanceConnection {
    const { state, message, since } = this.#published;
    return {
      instance: this.#instance,
      state,
      ...(message ? { message } : {}),
      since: new Date(since).toISOString(),
      ...(this.#lastReachable !== undefined
        ? { lastReachableAt: new Date(this.#lastReachable).toISOString() }
        : {}),
    };
  }

  onConnectionChange(listener: HarborConnectionListener): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  onReachable(listener: (instance: string, at: Date) => void): () => void {
    this.#reachableListeners.add(listener);
    return () => this.#reachableListeners.delete(listener);
  }

  /**
   * Runs one call: past the credential gate (`gated`) and the breaker, and settles the breaker with what `call`
   * reports. After a 401 or 403 the credentials are checked again; if now rejected, that is what it throws.
   */
  async run<T>(
    call: (report: (outcome: CallOutcome) => void) => Promise<T>,
    gated: boolean,
  ): Promise<T> {
    if (gated) await this.#gate();
    const ticket = this.#breaker.admit();
    if (!ticket) throw this.#unavailable();
    let outcome: CallOutcome = 'neutral';
    let result: T;
    try {
      result = await call(reported => {
        outcome = reported;
      });
    } catch (error) {
      this.#settle(ticket, outcome, error);
      if (gated) await this.#afterAuthFailure(error);
      throw error;
    }
    this.#settle(ticket, outcome);
    return result;
  }

  /** Checks the credentials now (joining a check that is running); never rejects. */
  async checkCredentials(): Promise<HarborInstanceConnection> {
    await this.#credentials?.check().catch(() => undefined);
    return this.connection();
  }

  /**
   * Resolves once the credentials are accepted; rejects with why not, or why Harbor could not be asked. Rejected
   * credentials are checked again at most once per `recheckMinIntervalMs`, so that a fix shows without a restart.
   */
  async ensureCredentials(): Promise<void> {
    const check = this.#credentials;
    if (!check) return;
    if (check.verdict() === 'unchecked') await check.check();
    else if (check.verdict() === 'rejected') {
      await check.recheck(this.#recheckMinIntervalMs);
    }
    if (check.verdict() === 'rejected') throw check.rejection();
  }

  async #gate(): Promise<void> {
    const check = this.#credentials;
    if (!check || !this.#gated) return;
    if (check.verdict() === 'rejected') throw check.rejection();
    if (check.verdict() === 'accepted') return;
    // Past the request's deadline the call goes on and fails at once by it, without a request: a check started
    // outside the request (at start-up) may take a whole timeout of its own.
    if (!(await withinDeadline(check.check()))) return;
    if (check.verdict() === 'rejected') throw check.rejection();
  }

  async #afterAuthFailure(error: unknown): Promise<void> {
    const status = getHarborApiError(error)?.status;
    const check = this.#credentials;
    if (!check || !this.#gated || (status !== 401 && status !== 403)) return;
    await check.recheck(this.#recheckMinIntervalMs);
    if (check.verdict() === 'rejected') throw check.rejection();
  }

  #settle(ticket: BreakerTicket, outcome: CallOutcome, error?: unknown) {
    if (outcome === 'success') {
      this.#answered = true;
      this.#reached();
      this.#breaker.succeeded();
      this.#publish();
    } else if (outcome === 'failure') {
      if (isError(error)) this.#lastFailure = getHarborApiError(error) ?? error;
      this.#breaker.failed(ticket);
    } else {
      this.#breaker.released(ticket);
    }
  }

  #reached(): void {
    const now = this.#now();
    this.#lastReachable = now;
    const last = this.#reachableNotified;
    if (last !== undefined && now - last < REACHABLE_NOTIFY_INTERVAL_MS) return;
    this.#reachableNotified = now;
    notifyAll(this.#reachableListeners, this.#instance, new Date(now));
  }

  #unavailable(): HarborUnavailableError {
    const probing = this.#breaker.state === 'half-open';
    const retryAt = new Date(this.#breaker.retryAt).toISOString();
    return new HarborUnavailableError({
      instance: this.#instance,
      reason: probing
        ? 'its circuit breaker is half-open and one call is testing whether it is back'
        : `its circuit breaker is open after calls failed or timed out one after another; the next call from ${retryAt} tests whether it is back`,
      retryAt: probing ? undefined : retryAt,
      lastReachableAt:
        this.#lastReachable === undefined
          ? undefined
          : new Date(this.#lastReachable).toISOString(),
      cause: this.#lastFailure,
    });
  }

  /** What the state is now, and why. */
  #current(): { state: HarborConnectionState; message?: string } {
    if (this.#credentials?.verdict() === 'rejected') {
      return {
        state: 'credentials-rejected',
        message: this.#credentials.rejection().message,
      };
    }
    const last = this.#lastFailure?.message;
    const lastSaid = last ? ` (last: ${last})` : '';
    switch (this.#breaker.state) {
      case 'open':
        return {
          state: 'unavailable',
          message: `calls failed or timed out one after another${lastSaid}; it is tested again from ${new Date(
            this.#breaker.retryAt,
          ).toISOString()}`,
        };
      case 'half-open':
        return {
          state: 'recovering',
          message: 'one call is testing whether it is back',
        };
      default: {
        // With the gate on, the instance is available only once its credentials are known to be accepted.
        const verdict = this.#credentials?.verdict();
        if (this.#gated && verdict === 'unchecked') return { state: 'unknown' };
        return this.#answered || verdict === 'accepted'
          ? { state: 'available' }
          : { state: 'unknown' };
      }
    }
  }

  #publish(): void {
    const next = this.#current();
    const previous = this.#published;
    if (next.state === previous.state) {
      previous.message = next.message;
      return;
    }
    this.#published = { ...next, since: this.#now() };
    notifyAll(this.#changeListeners, this.connection(), previous.state);
  }
}

/** Waits for `promise` within what is left of the request's deadline: true if it settled in time (or rejects). */
async function withinDeadline(promise: Promise<void>): Promise<boolean> {
  const leftMs = harborDeadlineRemainingMs();
  if (leftMs === undefined) {
    await promise;
    return true;
  }
  // Settling after the deadline, nobody awaits it any more.
  promise.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<boolean>(resolve => {
    timer = setTimeout(() => resolve(false), leftMs);
  });
  try {
    return await Promise.race([promise.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}
