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
 * core log, and never a credential, a header or the request itself. Its message and its JSON (what an error
 * body sent to the browser holds) leave out Harbor's internal address; `host`, `url` and {@link
 * HarborApiError.logFields} keep it for the backend log.
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
  /** What the call was about, in Harbor's words: `project team-a`, `repository team-a/app`, `artifact team-a/app:1.0`. */
  readonly subject?: string;
  /** The HTTP method. */
  readonly method: string;
  /** The path that was called, below `/api/v2.0` and without the query. */
  readonly path: string;
  /** The URL that was called, without the query. */
  readonly url: string;
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
  /** What the network layer or the timeout said (it may name the host), with credentials redacted. */
  readonly detail?: string;
  /** Whether the instance is configured with credentials (never the credentials themselves). */
  readonly authenticated: boolean;

  constructor(details: {
    instance: string;
    host: string;
    operation: string;
    subject?: string;
    method: string;
    path: string;
    url?: string;
    kind: HarborFailureKind;
    status?: number;
    errors?: Array<{ code?: string; message?: string }>;
    requestId?: string;
    networkCode?: string;
    detail?: string;
    authenticated?: boolean;
  }) {
    const errors = details.errors ?? [];
    super(failureSummary(details, errors[0]?.code));
    this.instance = details.instance;
    this.host = details.host;
    this.operation = details.operation;
    this.subject = details.subject;
    this.method = details.method;
    this.path = details.path;
    this.url = details.url ?? details.path;
    this.kind = details.kind;
    this.status = details.status;
    this.errors = errors;
    this.code = errors[0]?.code;
    this.harborMessage = errors[0]?.message;
    this.requestId = details.requestId;
    this.networkCode = details.networkCode;
    this.detail = details.detail;
    this.authenticated = details.authenticated ?? true;
  }

  /** What an error body sent to the browser may show: everything but Harbor's address and the request line. */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      instance: this.instance,
      operation: this.operation,
      subject: this.subject,
      kind: this.kind,
      status: this.status,
      code: this.code,
      harborMessage: this.harborMessage,
      errors: this.errors,
      requestId: this.requestId,
      networkCode: this.networkCode,
    };
  }

  /** The fields the backend log records for a failed call, to find it in Harbor's logs: address, request id. */
  logFields(): {
    harborInstance: string;
    harborRequest: string;
    harborStatus?: number;
    harborRequestId?: string;
    harborDetail?: string;
  } {
    return {
      harborInstance: this.instance,
      harborRequest: `${this.method} ${this.url}`,
      harborStatus: this.status,
      harborRequestId: this.requestId,
      harborDetail: this.detail,
    };
  }
}

/** `getProject answered 404 NOT_FOUND [X-Request-Id …]`: no host, no path, so that it may reach the browser. */
function failureSummary(
  details: Pick<
    ConstructorParameters<typeof HarborApiError>[0],
    'operation' | 'kind' | 'status' | 'networkCode' | 'requestId'
  >,
  code: string | undefined,
): string {
  const { operation, kind, status, networkCode, requestId } = details;
  let what: string;
  if (kind === 'response' || kind === 'redirect') {
    what = `answered ${status}${code ? ` ${code}` : ''}`;
  } else if (kind === 'timeout') {
    what = 'timed out';
  } else {
    what = `failed${networkCode ? ` with ${networkCode}` : ''}`;
  }
  return `${operation} ${what}${
    requestId ? ` [X-Request-Id ${requestId}]` : ''
  }`;
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
 * Whether an error the Harbor client threw is Harbor answering 404: the project, repository, artifact or other
 * resource asked for does not exist (or the caller may not see it).
 * @public
 */
export function isHarborNotFound(error: unknown): boolean {
  return getHarborApiError(error)?.status === 404;
}

type BackstageErrorClass = new (message: string, cause: Error) => Error;

/** What the Backstage error of a failed call says, from the parts of {@link toBackstageError}. */
interface Phrasing {
  /** `Harbor instance 'prod'` */
  where: string;
  /** `getProject of project team-a` */
  call: string;
  /** `: Harbor's message`, or empty */
  said: string;
  status: number;
}

const BY_KIND: Record<
  Exclude<HarborFailureKind, 'response'>,
  (p: Phrasing) => string
> = {
  timeout: p =>
    `${p.where} did not answer ${p.call} in time; check that Harbor is up or raise harbor.requestTimeout`,
  network: p =>
    `${p.where} could not be reached for ${p.call}; check harbor baseUrl and the network`,
  redirect: p =>
    `${p.where} answered ${p.call} with a redirect; set baseUrl to the address Harbor is served at`,
};

const invalid = (p: Phrasing) =>
  `${p.where} rejected ${p.call} as invalid${p.said}`;

const BY_STATUS: Record<
  number,
  [BackstageErrorClass, (p: Phrasing) => string]
> = {
  400: [InputError, invalid],
  413: [InputError, invalid],
  415: [InputError, invalid],
  422: [InputError, invalid],
  403: [
    NotAllowedError,
    p =>
      `${p.where} denied ${p.call}${p.said}; the configured account lacks the permission, or Harbor is in read-only mode`,
  ],
  404: [NotFoundError, p => `${p.where} found nothing for ${p.call}${p.said}`],
  409: [
    ConflictError,
    p => `${p.where} reports a conflict for ${p.call}${p.said}`,
  ],
  412: [
    ConflictError,
    p => `${p.where} refused ${p.call} because a precondition failed${p.said}`,
  ],
  405: [
    NotImplementedError,
    p => `${p.where} does not support ${p.call}; check the Harbor version`,
  ],
  501: [
    NotImplementedError,
    p => `${p.where} does not support ${p.call}; check the Harbor version`,
  ],
  429: [
    ServiceUnavailableError,
    p => `${p.where} is rate limiting ${p.call}; try again later`,
  ],
};

/**
 * Maps a failed Harbor call to the `@backstage/errors` class the Backstage framework turns into the right HTTP
 * status, with the {@link HarborApiError} as its `cause`. The message says what failed in Harbor's words (the
 * instance by name, the operation and its project, repository or artifact, Harbor's own error text) and what to
 * do; it never contains a credential, nor Harbor's host or API path, since it reaches the browser.
 * @public
 */
export function toBackstageError(error: HarborApiError): Error {
  const p: Phrasing = {
    where: `Harbor instance '${error.instance}'`,
    call: error.subject
      ? `${error.operation} of ${error.subject}`
      : error.operation,
    said: error.harborMessage ? `: ${error.harborMessage}` : '',
    status: error.status ?? 0,
  };
  if (error.kind !== 'response') {
    return new ServiceUnavailableError(BY_KIND[error.kind](p), error);
  }
  if (p.status === 401) {
    return new AuthenticationError(
      error.authenticated
        ? `${p.where} rejected the configured credentials (Harbor treats them as anonymous) for ${p.call}; check the username and password of this instance`
        : `${p.where} requires credentials for ${p.call}; configure a username and password for this instance`,
      error,
    );
  }
  const known = BY_STATUS[p.status];
  if (known) return new known[0](known[1](p), error);
  if (p.status >= 500) {
    return new ServiceUnavailableError(
      `${p.where} failed ${p.call} with ${p.status}; Harbor's core log has the details under the request id`,
      error,
    );
  }
  return new InputError(
    `${p.where} rejected ${p.call} with ${p.status}${p.said}`,
    error,
  );
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
