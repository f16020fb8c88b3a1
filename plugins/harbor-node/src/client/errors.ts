import {
  AuthenticationError,
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * What went wrong in one Harbor call: an error answer, a timeout, a failed connection, or a redirect.
 * @public
 */
export type HarborFailureKind = 'response' | 'timeout' | 'network' | 'redirect';

/**
 * The details of a failed Harbor call: the `cause` of every error the client throws. It carries Harbor's own
 * `Errors` body (`{"errors":[{"code","message"}]}`, spec `Errors`) and the `X-Request-Id` to look up in Harbor's
 * core log, and never a credential, a header or the request itself.
 * @public
 */
export class HarborApiError extends CustomErrorBase {
  name = 'HarborApiError' as const;

  /** The configured instance name. */
  readonly instance: string;
  /** The host (and port) of the instance's base URL. */
  readonly host: string;
  /** The spec's operationId of the call, e.g. `getProject`. */
  readonly operation: string;
  /** The HTTP method. */
  readonly method: string;
  /** The path that was called, below `/api/v2.0` and without the query. */
  readonly path: string;
  readonly kind: HarborFailureKind;
  /** The HTTP status, for `kind: 'response'` and `'redirect'`. */
  readonly status?: number;
  /** Harbor's first error code, e.g. `NOT_FOUND`, `CONFLICT`, `PRECONDITION`. */
  readonly code?: string;
  /** Harbor's first error message. 5xx messages are always the generic "internal server error". */
  readonly harborMessage?: string;
  /** Every entry of Harbor's `Errors` body. */
  readonly errors: Array<{ code?: string; message?: string }>;
  /** The `X-Request-Id` Harbor answered with (or the one that was sent, if no answer came). */
  readonly requestId?: string;
  /** The network error code for `kind: 'network'`, e.g. `ECONNRESET`, `ECONNREFUSED`. */
  readonly networkCode?: string;
  /** Whether the instance is configured with credentials (never the credentials themselves). */
  readonly authenticated: boolean;

  constructor(details: {
    instance: string;
    host: string;
    operation: string;
    method: string;
    path: string;
    kind: HarborFailureKind;
    status?: number;
    errors?: Array<{ code?: string; message?: string }>;
    requestId?: string;
    networkCode?: string;
    detail?: string;
    authenticated?: boolean;
  }) {
    const errors = details.errors ?? [];
    const first = errors[0];
    const parts = [`${details.operation} (${details.method} ${details.path})`];
    if (details.kind === 'response' || details.kind === 'redirect') {
      parts.push(
        `answered ${details.status}${first?.code ? ` ${first.code}` : ''}`,
      );
    } else if (details.kind === 'timeout') {
      parts.push('timed out');
    } else {
      parts.push(
        `failed${details.networkCode ? ` with ${details.networkCode}` : ''}`,
      );
    }
    if (details.detail) parts.push(`(${details.detail})`);
    if (details.requestId) parts.push(`[X-Request-Id ${details.requestId}]`);
    super(parts.join(' '));
    this.instance = details.instance;
    this.host = details.host;
    this.operation = details.operation;
    this.method = details.method;
    this.path = details.path;
    this.kind = details.kind;
    this.status = details.status;
    this.errors = errors;
    this.code = first?.code;
    this.harborMessage = first?.message;
    this.requestId = details.requestId;
    this.networkCode = details.networkCode;
    this.authenticated = details.authenticated ?? true;
  }
}

/**
 * The {@link HarborApiError} behind an error the Harbor client threw, looking through `cause`s.
 * @public
 */
export function getHarborApiError(error: unknown): HarborApiError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof HarborApiError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps a failed Harbor call to the `@backstage/errors` class the Backstage framework turns into the right HTTP
 * status, with the {@link HarborApiError} as its `cause`. The message names the instance by name and host, says
 * what to do, and never contains a credential.
 * @public
 */
export function toBackstageError(error: HarborApiError): Error {
  const where = `Harbor instance '${error.instance}' (${error.host})`;
  const said = error.harborMessage ? `: ${error.harborMessage}` : '';
  if (error.kind === 'timeout') {
    return new ServiceUnavailableError(
      `${where} did not answer ${error.operation} in time; check that Harbor is up or raise harbor.requestTimeout`,
      error,
    );
  }
  if (error.kind === 'network') {
    return new ServiceUnavailableError(
      `${where} could not be reached for ${error.operation}; check harbor baseUrl and the network`,
      error,
    );
  }
  if (error.kind === 'redirect') {
    return new ServiceUnavailableError(
      `${where} answered ${error.operation} with a redirect; set baseUrl to the address Harbor is served at`,
      error,
    );
  }
  const status = error.status ?? 0;
  switch (status) {
    case 400:
    case 413:
    case 415:
    case 422:
      return new InputError(
        `${where} rejected ${error.operation} as invalid${said}`,
        error,
      );
    case 401:
      if (!error.authenticated) {
        return new AuthenticationError(
          `${where} requires credentials for ${error.operation}; configure a username and password for this instance`,
          error,
        );
      }
      return new AuthenticationError(
        `${where} rejected the configured credentials (Harbor treats them as anonymous); check the username and password of this instance`,
        error,
      );
    case 403:
      return new NotAllowedError(
        `${where} denied ${error.operation}${said}; the configured account lacks the permission, or Harbor is in read-only mode`,
        error,
      );
    case 404:
      return new NotFoundError(
        `${where} found nothing for ${error.operation}${said}`,
        error,
      );
    case 409:
      return new ConflictError(
        `${where} reports a conflict for ${error.operation}${said}`,
        error,
      );
    case 412:
      return new ConflictError(
        `${where} refused ${error.operation} because a precondition failed${said}`,
        error,
      );
    case 405:
    case 501:
      return new NotImplementedError(
        `${where} does not support ${error.operation}; check the Harbor version`,
        error,
      );
    case 429:
      return new ServiceUnavailableError(
        `${where} is rate limiting ${error.operation}; try again later`,
        error,
      );
    default:
      if (status >= 500) {
        return new ServiceUnavailableError(
          `${where} failed ${error.operation} with ${status}; Harbor's core log has the details under the request id`,
          error,
        );
      }
      return new InputError(
        `${where} rejected ${error.operation} with ${status}${said}`,
        error,
      );
  }
}

/** Reads Harbor's `Errors` body, tolerating other shapes (gateways answer with HTML or plain text). */
export function parseHarborErrors(
  body: unknown,
): Array<{ code?: string; message?: string }> {
  if (body && typeof body === 'object' && Array.isArray((body as any).errors)) {
    return ((body as any).errors as unknown[])
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map(e => ({
        code: typeof e.code === 'string' ? e.code : undefined,
        message: typeof e.message === 'string' ? e.message : undefined,
      }));
  }
  if (
    body &&
    typeof body === 'object' &&
    typeof (body as any).message === 'string'
  ) {
    // The registry API (/v2) and some 4xx from Harbor's middlewares answer with {code, message}.
    return [{ code: (body as any).code, message: (body as any).message }];
  }
  return [];
}
