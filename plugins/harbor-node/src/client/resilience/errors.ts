import { CustomErrorBase } from '@backstage/errors';
import { HARBOR_ERROR_NAMES } from '@backstage-harbor/plugin-harbor-common';

/**
 * Thrown, without a request to Harbor, by every call of an instance whose configured credentials do not
 * authenticate as the configured user or robot account (Harbor answers unknown credentials as anonymous,
 * harbor#12730). Its message names the instance and why, never a credential.
 * @public
 */
export class HarborCredentialsRejectedError extends CustomErrorBase {
  name = HARBOR_ERROR_NAMES.credentialsRejected;

  /** The configured instance name. */
  readonly instance: string;

  constructor(instance: string, reason: string) {
    super(
      `Harbor instance '${instance}' rejected the configured credentials: ${reason}`,
    );
    this.instance = instance;
  }
}

/**
 * Thrown, without a request to Harbor, while an instance's circuit breaker is open (or half-open with its one
 * probe in flight): recent calls failed or timed out one after another. Its `cause` is the last failure's
 * `HarborApiError`.
 * @public
 */
export class HarborUnavailableError extends CustomErrorBase {
  name = HARBOR_ERROR_NAMES.unavailable;

  /** The configured instance name. */
  readonly instance: string;
  /** ISO time from which the next probe may test whether the instance is back. */
  readonly retryAt?: string;
  /** ISO time this process last had an answer from the instance, if it had one. */
  readonly lastReachableAt?: string;

  constructor(details: {
    instance: string;
    reason: string;
    retryAt?: string;
    lastReachableAt?: string;
    cause?: Error;
  }) {
    super(
      `Harbor instance '${details.instance}' is unavailable: ${details.reason}`,
      details.cause,
    );
    this.instance = details.instance;
    this.retryAt = details.retryAt;
    this.lastReachableAt = details.lastReachableAt;
  }
}

function findByName(error: unknown, name: string): Error | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error && current.name === name) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether a Harbor client error (or one of its `cause`s) is a {@link HarborCredentialsRejectedError}.
 * @public
 */
export function isHarborCredentialsRejected(error: unknown): boolean {
  return (
    findByName(error, HARBOR_ERROR_NAMES.credentialsRejected) !== undefined
  );
}

/**
 * Whether a Harbor client error (or one of its `cause`s) is a {@link HarborUnavailableError}: the instance's
 * circuit breaker is open, and the call was not sent.
 * @public
 */
export function isHarborCircuitOpen(error: unknown): boolean {
  return findByName(error, HARBOR_ERROR_NAMES.unavailable) !== undefined;
}
