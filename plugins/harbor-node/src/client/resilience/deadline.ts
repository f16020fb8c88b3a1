import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * One deadline per user request: a route that makes several Harbor calls in a row answers within one timeout,
 * not one timeout per call. The deadline travels with the async context, so that neither the routes' services
 * nor the API areas need to pass it along.
 */

interface HarborDeadline {
  /** `performance.now()` at which the request's time is up. */
  endsAt: number;
}

const storage = new AsyncLocalStorage<HarborDeadline>();

/**
 * Runs `fn` with a deadline `timeoutMs` from now shared by every Harbor call made inside it (and by the retries
 * of each): each attempt gets at most what is left, and a call made once it is spent fails at once with a
 * timeout, without a request. Inside another deadline, the earlier of the two holds.
 * @public
 */
export function withHarborDeadline<T>(
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const endsAt = performance.now() + Math.max(0, timeoutMs);
  const outer = storage.getStore();
  if (outer && outer.endsAt <= endsAt) return fn();
  return storage.run({ endsAt }, fn);
}

/**
 * The milliseconds left of the current request's deadline (0 once spent); `undefined` outside
 * {@link withHarborDeadline}.
 * @public
 */
export function harborDeadlineRemainingMs(): number | undefined {
  const deadline = storage.getStore();
  if (!deadline) return undefined;
  return Math.max(0, Math.floor(deadline.endsAt - performance.now()));
}
