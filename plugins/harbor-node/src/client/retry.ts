import { harborDeadlineRemainingMs } from './resilience/deadline';

/**
 * How the client retries a call that failed for a passing reason.
 * @public
 */
export interface HarborRetryOptions {
  /** Attempts in total, the first included. Default 3; 1 disables retries. */
  maxAttempts?: number;
  /** The delay before the first retry, doubled for each further one. Default 200 ms. */
  baseDelayMs?: number;
  /** The longest delay between two attempts. Default 5 s. */
  maxDelayMs?: number;
  /** Waits between attempts; tests inject one that does not sleep. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

/** The settled form of {@link HarborRetryOptions}. */
export interface RetryPolicy {
  maxAttempts: number;
  /** The delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. */
  delayMs(attempt: number): number;
  sleep(ms: number): Promise<void>;
}

// RFC 9110 §9.2.2: GET, HEAD, OPTIONS and PUT can be repeated with the same effect. DELETE is idempotent too,
// but if a gateway swallowed the answer of a DELETE that Harbor carried out, the retry answers 404 and the caller
// sees a failure for a success, so it is not retried. POST and PATCH (creates, scans, triggers, secret refresh)
// are never retried: a repeat would create twice or rotate a secret the caller never saw.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT']);

/** Statuses a gateway (nginx, an ingress) answers while Harbor core restarts or is overloaded. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** Network error codes for a connection the server or a proxy dropped. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** The network error code of a failed fetch (undici wraps it in `cause`). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && current.code !== 'ABORT_ERR')
      return current.code;
    current = current.cause;
  }
  return undefined;
}

export function isConnectionReset(error: unknown): boolean {
  const code = networkErrorCode(error);
  if (code && RETRYABLE_NETWORK_CODES.has(code)) return true;
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (
      typeof current.message === 'string' &&
      /socket hang up|other side closed/i.test(current.message)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}

export function createRetryPolicy(
  options: HarborRetryOptions = {},
): RetryPolicy {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const random = options.random ?? Math.random;
  return {
    maxAttempts,
    delayMs(attempt) {
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      // "Equal jitter": half fixed, half random, so that clients retrying together spread out.
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    sleep:
      options.sleep ??
      (ms => new Promise<void>(resolve => setTimeout(resolve, ms))),
  };
}

/** Runs a task once a slot of a concurrency cap is free. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Marks a timeout of one attempt, as opposed to the caller aborting. */
export class AttemptTimeoutError extends Error {
  name = 'AttemptTimeoutError';

  /**
   * How long the attempt was allowed: the timeout, or less when the request's deadline cut it short (0 when
   * the deadline was spent before it started), so that the circuit breaker can tell Harbor's slowness apart.
   */
  readonly allowedMs: number;

  constructor(message: string, allowedMs: number) {
    super(message);
    this.allowedMs = allowedMs;
  }
}

// A retry is worth sending only with some time left of the request's deadline after its backoff.
const MIN_RETRY_BUDGET_MS = 100;

/** Whether a retry after `delayMs` still fits in the request's deadline (always, outside of one). */
function retryFitsDeadline(delayMs: number): boolean {
  const left = harborDeadlineRemainingMs();
  return left === undefined || left >= delayMs + MIN_RETRY_BUDGET_MS;
}

/** The time one attempt may take: the timeout, capped to what is left of the request's deadline. */
function attemptBudgetMs(timeoutMs: number): number {
  const left = harborDeadlineRemainingMs();
  return left === undefined ? timeoutMs : Math.min(timeoutMs, left);
}

/**
 * One call to Harbor or to a Docker registry, attempt by attempt: each attempt waits for a slot of the concurrency
 * cap and is bounded by the timeout (the body included, since `send` reads it) and by what is left of the
 * request's deadline ({@link withHarborDeadline}), and a retryable call is repeated after a dropped connection or
 * a 502/503/504, with the policy's backoff, while the deadline leaves time for it. Rejects with the caller's abort
 * reason, an {@link AttemptTimeoutError}, or the network error.
 */
export async function sendWithRetries<T extends { status: number }>(options: {
  /** Whether the call may be repeated, by method (see IDEMPOTENT_METHODS). */
  retryable: boolean;
  retry: RetryPolicy;
  timeoutMs: number;
  limiter: Limiter;
  signal?: AbortSignal;
  /** One attempt; it must read the whole answer before resolving. */
  send: (signal: AbortSignal) => Promise<T>;
  /** Called before each retry, to log `what` happened ("lost its connection", "answered 503"). */
  onRetry: (what: string, delayMs: number, attempt: number, answer?: T) => void;
}): Promise<T> {
  const { retry, timeoutMs, limiter, signal: caller } = options;
  for (let attempt = 1; ; attempt++) {
    const allowedMs = attemptBudgetMs(timeoutMs);
    if (allowedMs <= 0) {
      throw new AttemptTimeoutError(
        "no time was left of the request's deadline",
        0,
      );
    }
    const timeout = AbortSignal.timeout(allowedMs);
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    const mayRetry = options.retryable && attempt < retry.maxAttempts;
    let answer: T;
    try {
      answer = await limiter(() => options.send(signal));
    } catch (error) {
      if (caller?.aborted) throw caller.reason ?? error;
      if (timeout.aborted) {
        throw new AttemptTimeoutError(
          `no answer within ${allowedMs} ms`,
          allowedMs,
        );
      }
      if (!mayRetry || !isConnectionReset(error)) throw error;
      const delay = retry.delayMs(attempt);
      if (!retryFitsDeadline(delay)) throw error;
      options.onRetry('lost its connection', delay, attempt);
      await retry.sleep(delay);
      continue;
    }
    if (!mayRetry || !isRetryableStatus(answer.status)) return answer;
    const delay = retry.delayMs(attempt);
    if (!retryFitsDeadline(delay)) return answer;
    options.onRetry(`answered ${answer.status}`, delay, attempt, answer);
    await retry.sleep(delay);
  }
}
