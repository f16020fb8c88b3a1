import type { LoggerService } from '@backstage/backend-plugin-api';
import { getHarborApiError } from '@backstage-harbor/plugin-harbor-node';
import { ServiceUnavailableError, isError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';

/**
 * Whether a failed Harbor call means that Harbor cannot serve us right now (down, timing out, rejecting the
 * configured account, rate limiting), as opposed to an answer about the thing asked for (404).
 */
export function isHarborUnavailable(error: unknown): boolean {
  const cause = getHarborApiError(error);
  if (!cause) return false;
  if (cause.kind !== 'response') return true;
  const status = cause.status ?? 0;
  return status >= 500 || status === 401 || status === 403 || status === 429;
}

/**
 * A 503 naming the instance, for any Harbor failure that is not about the caller's request: a Harbor 401 (the
 * configured account) must not reach the caller as their own 401. The client's messages name the instance, never
 * its host, the API path or a credential.
 */
export function harborUnavailable(instance: string, error: unknown): Error {
  const cause = getHarborApiError(error);
  if (cause) {
    const message = isError(error) ? error.message : cause.message;
    return new ServiceUnavailableError(
      message.includes(`'${instance}'`)
        ? message
        : `Harbor instance '${instance}': ${message}`,
      cause,
    );
  }
  return isError(error)
    ? error
    : new ServiceUnavailableError(`Harbor instance '${instance}' failed`);
}

/**
 * The last error handler of the plugin's routes: logs a failed Harbor call with what the answer to the browser
 * leaves out (Harbor's address and API path, and the request id to find the call in Harbor's core log), then hands
 * the error on to Backstage's handler.
 */
export function logHarborFailures(logger: LoggerService): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const cause = getHarborApiError(error);
    if (cause) {
      logger.warn(`Harbor call failed: ${cause.message}`, cause.logFields());
    }
    next(error);
  };
}
