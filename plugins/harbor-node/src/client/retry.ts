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
