/**
 * How the circuit breaker of each Harbor instance behaves.
 * @public
 */
export interface HarborCircuitBreakerOptions {
  /** Consecutive failed calls (5xx, network errors, timeouts) that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long the breaker stays open before one probe may test the instance. Default 30 s. */
  coolDownMs?: number;
  /**
   * The cool-down is lengthened by up to this fraction of it, at random, so that replicas whose breakers opened
   * together do not probe together. Default 0.2.
   */
  jitter?: number;
}

/** Defaults of {@link HarborCircuitBreakerOptions}. */
export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_COOL_DOWN_MS = 30_000;
export const DEFAULT_JITTER = 0.2;

export type BreakerState = 'closed' | 'open' | 'half-open';

/** A call the breaker let through; `probe` when it is the one call testing a half-open instance. */
export interface BreakerTicket {
  probe: boolean;
}

/**
 * Closed → open after `failureThreshold` consecutive failures → half-open once the cool-down (with jitter) has
 * passed, letting exactly one probe through → closed when it succeeds, open again (a new cool-down) when it
 * fails. Time is read from `now` at each call rather than kept with timers, so that nothing runs while idle.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #coolDownMs: number;
  readonly #jitter: number;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #onChange: () => void;
  #state: BreakerState = 'closed';
  #failures = 0;
  #retryAt = 0;
  #probing = false;

  constructor(options: {
    breaker?: HarborCircuitBreakerOptions;
    now: () => number;
    random: () => number;
    onChange: () => void;
  }) {
    const breaker = options.breaker ?? {};
    this.#threshold = Math.max(
      1,
      Math.floor(breaker.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD),
    );
    this.#coolDownMs = Math.max(0, breaker.coolDownMs ?? DEFAULT_COOL_DOWN_MS);
    this.#jitter = Math.max(0, breaker.jitter ?? DEFAULT_JITTER);
    this.#now = options.now;
    this.#random = options.random;
    this.#onChange = options.onChange;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Consecutive failures counted so far (the ones that opened it, while open). */
  get failures(): number {
    return this.#failures;
  }

  /** Epoch ms from which a probe may go, while open. */
  get retryAt(): number {
    return this.#retryAt;
  }

  /** Lets a call through, or `undefined` when it must fail at once. */
  admit(): BreakerTicket | undefined {
    if (this.#state === 'closed') return { probe: false };
    if (this.#state === 'open') {
      if (this.#now() < this.#retryAt) return undefined;
      this.#state = 'half-open';
      this.#probing = true;
      this.#onChange();
      return { probe: true };
    }
    if (this.#probing) return undefined;
    this.#probing = true;
    return { probe: true };
  }

  /** The call got an answer from Harbor. */
  succeeded(): void {
    this.#failures = 0;
    this.#probing = false;
    if (this.#state !== 'closed') {
      this.#state = 'closed';
      this.#onChange();
    }
  }

  /** The call failed or timed out. A late failure of a call let through before the breaker opened is not counted. */
  failed(ticket: BreakerTicket): void {
    if (ticket.probe) {
      this.#open();
      return;
    }
    if (this.#state !== 'closed') return;
    this.#failures++;
    if (this.#failures >= this.#threshold) this.#open();
  }

  /** The call ended without telling whether Harbor works (the caller gave up, the deadline cut it short). */
  released(ticket: BreakerTicket): void {
    if (ticket.probe && this.#state === 'half-open') this.#probing = false;
  }

  #open(): void {
    this.#state = 'open';
    this.#probing = false;
    this.#retryAt =
      this.#now() + this.#coolDownMs * (1 + this.#jitter * this.#random());
    this.#onChange();
  }
}
