import { getHarborApiError } from '@backstage-harbor/plugin-harbor-node';
import { ServiceUnavailableError, isError } from '@backstage/errors';

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
 * configured account) must not reach the caller as their own 401. The client's messages name the instance and
 * host, never a credential.
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
