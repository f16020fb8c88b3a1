import type { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { HarborInstanceConfig } from '../config';
import type { paths } from '../generated/harbor';
import { HarborApiError, parseHarborErrors, toBackstageError } from './errors';
import { idFromLocation } from './location';
import { HarborPage, ListAllOptions, listAll } from './pagination';
import { describeNetworkError, pathOf, redact, secretsOf } from './redaction';
import {
  AttemptTimeoutError,
  HarborRetryOptions,
  createRetryPolicy,
  networkErrorCode,
} from './retry';
import {
  CallOutcome,
  HarborInstanceGuard,
  HarborResilienceOptions,
} from './resilience/guard';
import { verifyPrincipal } from './resilience/principal';
import { HarborFetch, createTransport, instanceLimiter } from './transport';

/**
 * Per-call context: the `X-Request-Id` to send (the Backstage request's, for correlation in Harbor's log; a new
 * UUID per call otherwise) and a signal to cancel with.
 * @public
 */
export interface HarborRequestContext {
  requestId?: string;
  signal?: AbortSignal;
}

/**
 * What each call hands to openapi-fetch besides its parameters: the request id header, the signal, and a
 * middleware that records what was called for the error of a failed call.
 * @public
 */
export type HarborCallInit = {
  headers: Record<string, string>;
  signal?: AbortSignal;
  middleware: Middleware[];
};

/**
 * What an openapi-fetch call resolves to, as `request` and its helpers receive it.
 * @public
 */
export type HarborCallResult<D> = Promise<{
  data?: D;
  error?: unknown;
  response: Response;
}>;

/**
 * One call of the typed openapi-fetch client, given the client and the per-call init.
 * @public
 */
export type HarborSend<D> = (
  api: Client<paths>,
  init: HarborCallInit,
) => HarborCallResult<D>;

/** What every context of one instance's core shares. */
interface CoreShared {
  api: Client<paths>;
  guard: HarborInstanceGuard;
  secrets: string[];
  /** The request timeout of one attempt, in milliseconds. */
  timeoutMs: number;
}

/**
 * What an answer tells the breaker: 5xx (but 501, "not supported") is a failure; 429 (rate limited) tells
 * nothing; any other answer shows Harbor at work.
 */
function answerOutcome(status: number): CallOutcome {
  if (status >= 500 && status !== 501) return 'failure';
  return status === 429 ? 'neutral' : 'success';
}

/** What the recorder saw of a call: its request line and path parameters. */
interface CallLine {
  method: string;
  url: string;
  pathParams?: Record<string, unknown>;
}

/**
 * The part every Harbor call goes through, whatever its API area: the typed openapi-fetch client over the
 * transport (Basic auth, no cookies, timeout, the instance's concurrency cap, retries), the `X-Request-Id`, the
 * mapping of failures to `@backstage/errors` with a {@link HarborApiError} cause, the redaction of credentials,
 * and paging.
 */
export class HarborCore {
  static create(options: {
    instance: HarborInstanceConfig;
    logger?: LoggerService;
    fetch?: HarborFetch;
    retry?: HarborRetryOptions;
    requestTimeoutMs?: number;
    resilience?: HarborResilienceOptions;
  }): HarborCore {
    const { instance } = options;
    const transport = createTransport({
      instance,
      fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
      limiter: instanceLimiter(instance),
      timeoutMs: options.requestTimeoutMs ?? instance.requestTimeoutMs,
      retry: createRetryPolicy(options.retry),
      logger: options.logger,
    });
    const api = createClient<paths>({
      baseUrl: `${instance.baseUrl}/api/v2.0`,
      fetch: transport,
    });
    let core: HarborCore | undefined = undefined;
    const guard = new HarborInstanceGuard({
      instance: instance.name,
      hasCredentials: instance.username !== undefined,
      // The check's own calls pass the credential gate (they are the check), not the breaker.
      verify: () =>
        verifyPrincipal(
          (operation, send) => core!.#guarded(operation, send, false),
          instance.username ?? '',
        ),
      resilience: options.resilience,
    });
    core = new HarborCore(
      instance,
      {},
      {
        api,
        guard,
        secrets: secretsOf(instance.username, instance.password),
        timeoutMs: options.requestTimeoutMs ?? instance.requestTimeoutMs,
      },
    );
    return core;
  }

  readonly #context: HarborRequestContext;
  readonly #shared: CoreShared;
  readonly #apiPrefix: string;

  private constructor(
    readonly instance: HarborInstanceConfig,
    context: HarborRequestContext,
    shared: CoreShared,
  ) {
    this.#context = context;
    this.#shared = shared;
    this.#apiPrefix = new URL(`${instance.baseUrl}/api/v2.0`).pathname;
  }

  /** The breaker, credential check and connection state of the instance, shared by every context. */
  get guard(): HarborInstanceGuard {
    return this.#shared.guard;
  }

  /** The same instance, connection settings, concurrency cap and guard, with this context. */
  withContext(context: HarborRequestContext): HarborCore {
    return new HarborCore(
      this.instance,
      { ...this.#context, ...context },
      this.#shared,
    );
  }

  /**
   * Sends one call and returns its data and answer; throws the `@backstage/errors` class of a failure, a
   * `HarborCredentialsRejectedError` or a `HarborUnavailableError`. `operation` is the spec's operationId, used in
   * error messages.
   */
  async request<D>(
    operation: string,
    send: HarborSend<D>,
  ): Promise<{ data: D; response: Response }> {
    return this.#guarded(operation, send, true);
  }

  #guarded<D>(
    operation: string,
    send: HarborSend<D>,
    gated: boolean,
  ): Promise<{ data: D; response: Response }> {
    return this.#shared.guard.run(
      report => this.#send(operation, send, report),
      gated,
    );
  }

  async #send<D>(
    operation: string,
    send: HarborSend<D>,
    report: (outcome: CallOutcome) => void,
  ): Promise<{ data: D; response: Response }> {
    const requestId = this.#context.requestId ?? randomUUID();
    const line: CallLine = { method: '', url: '' };
    const recorder: Middleware = {
      onRequest: ({ request, params }) => {
        line.method = request.method;
        line.url = request.url;
        line.pathParams = params.path;
        return undefined;
      },
    };
    const init: HarborCallInit = {
      headers: { 'X-Request-Id': requestId },
      signal: this.#context.signal,
      middleware: [recorder],
    };
    let result: Awaited<HarborCallResult<D>>;
    try {
      result = await send(this.#shared.api, init);
    } catch (error) {
      if (this.#context.signal?.aborted) throw error;
      const timeout = error instanceof AttemptTimeoutError;
      report(timeout ? this.#timeoutOutcome(error) : 'failure');
      throw toBackstageError(
        this.#apiError(operation, line, {
          kind: timeout ? 'timeout' : 'network',
          requestId,
          networkCode: timeout ? undefined : networkErrorCode(error),
          detail: redact(
            timeout ? error.message : describeNetworkError(error),
            this.#shared.secrets,
          ),
        }),
      );
    }
    const { response } = result;
    report(answerOutcome(response.status));
    if (!response.ok) {
      const errors = parseHarborErrors(result.error).map(e => ({
        code: e.code,
        message:
          e.message === undefined
            ? undefined
            : redact(e.message, this.#shared.secrets),
      }));
      throw toBackstageError(
        this.#apiError(operation, line, {
          kind:
            response.status >= 300 && response.status < 400
              ? 'redirect'
              : 'response',
          status: response.status,
          errors,
          requestId: response.headers.get('x-request-id') ?? requestId,
        }),
      );
    }
    return { data: result.data as D, response };
  }

  /** The data of one call. */
  async data<D>(operation: string, send: HarborSend<D>): Promise<D> {
    return (await this.request(operation, send)).data;
  }

  /** The id of what a create made, from the `Location` header of Harbor's 201. */
  async created(operation: string, send: HarborSend<unknown>): Promise<number> {
    const { response } = await this.request(operation, send);
    const id = idFromLocation(response.headers.get('location'));
    if (id === undefined) {
      throw new Error(
        `Harbor instance '${this.instance.name}' answered ${operation} without a numeric id in its Location header`,
      );
    }
    return id;
  }

  /** Every item of a paged list (or the pages `options` allow), see {@link listAll}. */
  async all<T>(
    operation: string,
    send: (
      api: Client<paths>,
      init: HarborCallInit,
      page: { page: number; page_size: number },
    ) => HarborCallResult<T[]>,
    options?: ListAllOptions,
  ): Promise<T[]> {
    return listAll<T>(async (page, pageSize): Promise<HarborPage<T>> => {
      const { data, response } = await this.request<T[]>(
        operation,
        (api, init) => send(api, init, { page, page_size: pageSize }),
      );
      return { items: data ?? [], response };
    }, options);
  }

  /**
   * A timeout counts against the breaker only when the attempt had at least half the request timeout: one cut
   * short by an almost spent request deadline says little about Harbor.
   */
  #timeoutOutcome(error: AttemptTimeoutError): CallOutcome {
    return error.allowedMs * 2 >= this.#shared.timeoutMs
      ? 'failure'
      : 'neutral';
  }

  #apiError(
    operation: string,
    line: CallLine,
    details: Pick<
      ConstructorParameters<typeof HarborApiError>[0],
      'kind' | 'status' | 'errors' | 'requestId' | 'networkCode' | 'detail'
    >,
  ): HarborApiError {
    const path = line.url ? pathOf(line.url) : '?';
    return new HarborApiError({
      instance: this.instance.name,
      host: new URL(this.instance.baseUrl).host,
      operation,
      subject: subjectOf(line.pathParams),
      method: line.method || '?',
      path: path.startsWith(this.#apiPrefix)
        ? path.slice(this.#apiPrefix.length)
        : path,
      url: line.url ? `${new URL(line.url).origin}${path}` : '?',
      authenticated: this.instance.username !== undefined,
      ...details,
    });
  }
}

/** What a call was about, from its path parameters: `project p`, `repository p/r` or `artifact p/r:tag`. */
function subjectOf(
  params: Record<string, unknown> | undefined,
): string | undefined {
  const project = params?.project_name ?? params?.project_name_or_id;
  if (project === undefined) return undefined;
  const repository = params?.repository_name;
  if (typeof repository !== 'string') return `project ${project}`;
  // The parameter is encoded once by repositoryPathParam (openapi-fetch adds the second encoding).
  const name = `${project}/${decodeURIComponent(repository)}`;
  const reference = params?.reference;
  if (typeof reference !== 'string') return `repository ${name}`;
  return `artifact ${name}${reference.includes(':') ? '@' : ':'}${reference}`;
}
