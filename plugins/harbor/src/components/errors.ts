/* What the frontend reads of an error from the Harbor backend (a ResponseError of @backstage/errors). */

/** The HTTP status of an error from the Harbor API, when it came from the backend. */
export function statusOf(error: Error): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The backend's own message, without the `Request failed with 503 Service Unavailable, ` prefix, and without the
 * `; caused by ...` that Backstage's errors append (the same words again, in a developer's form).
 */
export function backendMessage(error: Error): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  const message =
    typeof cause?.message === 'string' ? cause.message : error.message;
  return message.split('; caused by ')[0];
}

/** The `error.name` of the backend's answer (e.g. one of HARBOR_ERROR_NAMES), when it sent one. */
export function backendErrorName(error: Error): string | undefined {
  const cause = (error as { cause?: { name?: unknown } }).cause;
  return typeof cause?.name === 'string' ? cause.name : undefined;
}

/** When the instance last answered, as the backend's 503 body says (`error.lastReachableAt`), if it does. */
export function backendLastReachableAt(error: Error): string | undefined {
  const body = (error as { body?: { error?: { lastReachableAt?: unknown } } })
    .body;
  const at = body?.error?.lastReachableAt;
  return typeof at === 'string' ? at : undefined;
}
