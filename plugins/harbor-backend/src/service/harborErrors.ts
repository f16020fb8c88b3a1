import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  getHarborApiError,
  isHarborCircuitOpen,
  isHarborCredentialsRejected,
} from '@backstage-harbor/plugin-harbor-node';
import { CustomErrorBase, isError } from '@backstage/errors';
import {
  HARBOR_ERROR_NAMES,
  type HarborDataStatus,
} from '@backstage-harbor/plugin-harbor-common';
import type { ErrorRequestHandler } from 'express';

/**
 * A 503 about one Harbor instance. Its `name` (one of {@link HARBOR_ERROR_NAMES}) tells the frontend what to say
 * and which runbook section to link; `instance` and `lastReachableAt` go into the error body with it.
 */
export class HarborInstanceError extends CustomErrorBase {
  /** Read by Backstage's error handler: a 503, whatever the name. */
  readonly statusCode = 503;

  constructor(
    readonly name:
      | typeof HARBOR_ERROR_NAMES.unavailable
      | typeof HARBOR_ERROR_NAMES.credentialsRejected,
    message: string,
    readonly instance: string,
    readonly lastReachableAt?: string,
    cause?: Error,
  ) {
    super(message, cause);
  }
}

/**
 * Whether the instance's credential check found the configured credentials rejected, or Harbor answered 401: the
 * credentials were refused (or taken as anonymous).
 */
export function isCredentialsRejected(error: unknown): boolean {
  if (isHarborCredentialsRejected(error)) return true;
  const cause = getHarborApiError(error);
  return cause?.kind === 'response' && cause.status === 401;
}

/** The message of a 503 about credentials: the same words on every route and in the health card. */
export function credentialsRejectedMessage(instance: string): string {
  return `Harbor instance '${instance}' rejected the configured credentials`;
}

/** ` (last reachable 2026-…)` or ` (not reachable since this backend started)`. */
function lastReachable(lastReachableAt: string | undefined): string {
  return lastReachableAt
    ? ` (last reachable ${lastReachableAt})`
    : ' (not reachable since the backend started)';
}

/**
 * The status of a repository (or other part of an answer) that could not be read: credentials rejected, or
 * unreachable with when the instance last answered.
 */
export function failedStatus(
  instance: string,
  error: unknown,
  lastReachableAt?: string,
): HarborDataStatus {
  const failure = harborUnavailable(instance, error, lastReachableAt);
  return {
    state:
      failure.name === HARBOR_ERROR_NAMES.credentialsRejected
        ? 'credentials-rejected'
        : 'unreachable',
    // Without the `; caused by ...` Backstage's errors append: a status is read by people, in a card.
    message: failure.message.split('; caused by ')[0],
    lastReachableAt,
  };
}

/**
 * Whether a failed Harbor call means that Harbor cannot serve us right now (down, timing out, rejecting the
 * configured account, rate limiting), as opposed to an answer about the thing asked for (404).
 */
export function isHarborUnavailable(error: unknown): boolean {
  // The client refused to call: the instance's breaker is open, or its credentials were found rejected.
  if (isHarborCircuitOpen(error) || isHarborCredentialsRejected(error)) {
    return true;
  }
  const cause = getHarborApiError(error);
  if (!cause) return false;
  if (cause.kind !== 'response') return true;
  const status = cause.status ?? 0;
  return status >= 500 || status === 401 || status === 403 || status === 429;
}

/**
 * A 503 naming the instance, for any Harbor failure that is not about the caller's request: a Harbor 401 (the
 * configured account) must not reach the caller as their own 401. The client's messages name the instance, never
 * its host, the API path or a credential. An error that already is one is passed on.
 */
export function harborUnavailable(
  instance: string,
  error: unknown,
  lastReachableAt?: string,
): Error {
  if (error instanceof HarborInstanceError) return error;
  if (isCredentialsRejected(error)) {
    const message = isError(error) ? error.message : '';
    const cause =
      getHarborApiError(error) ?? (isError(error) ? error : undefined);
    return new HarborInstanceError(
      HARBOR_ERROR_NAMES.credentialsRejected,
      message.includes(credentialsRejectedMessage(instance))
        ? message
        : `${credentialsRejectedMessage(instance)}: ${cause?.message}`,
      instance,
      lastReachableAt,
      cause,
    );
  }
  if (isHarborCircuitOpen(error) && isError(error)) {
    // The breaker's own message says when it probes next.
    return new HarborInstanceError(
      HARBOR_ERROR_NAMES.unavailable,
      `${error.message}${lastReachable(lastReachableAt)}`,
      instance,
      lastReachableAt,
      error,
    );
  }
  const cause = getHarborApiError(error);
  if (cause) {
    const message = isError(error) ? error.message : cause.message;
    return new HarborInstanceError(
      HARBOR_ERROR_NAMES.unavailable,
      `${
        message.includes(`'${instance}'`)
          ? message
          : `Harbor instance '${instance}': ${message}`
      }${lastReachable(lastReachableAt)}`,
      instance,
      lastReachableAt,
      cause,
    );
  }
  return isError(error)
    ? error
    : new HarborInstanceError(
        HARBOR_ERROR_NAMES.unavailable,
        `Harbor instance '${instance}' failed`,
        instance,
        lastReachableAt,
      );
}

/**
 * Maps what the client refused to send (breaker open, credentials rejected) to the plugin's named 503, on any
 * route whose service let it through: those errors carry no status, and Backstage's handler would answer 500.
 */
export function mapHarborRefusals(): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (
      !(error instanceof HarborInstanceError) &&
      (isHarborCircuitOpen(error) || isHarborCredentialsRejected(error))
    ) {
      const instance = refusingInstance(error);
      if (instance) {
        next(harborUnavailable(instance, error));
        return;
      }
    }
    next(error);
  };
}

/** The `instance` of the client's refusal error, looking through `cause`s. */
function refusingInstance(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const instance = (current as { instance?: unknown }).instance;
    if (typeof instance === 'string') return instance;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The last error handler of the plugin's routes: logs a failed Harbor call with what the answer to the browser
 * leaves out (Harbor's address and API path, and the request id to find the call in Harbor's core log), then hands
 * the error on to Backstage's handler.
 */
export function logHarborFailures(logger: LoggerService): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const cause = getHarborApiError(error);
    // A call the client refused (breaker open, credentials rejected) was not sent: its state change was logged.
    const refusal = error instanceof HarborInstanceError ? error.cause : error;
    const sent =
      !isHarborCircuitOpen(refusal) && !isHarborCredentialsRejected(refusal);
    if (cause) {
      (sent ? logger.warn : logger.debug).call(
        logger,
        `Harbor call failed: ${cause.message}`,
        cause.logFields(),
      );
    }
    next(error);
  };
}
