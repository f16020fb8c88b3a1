import type { LoggerService } from '@backstage/backend-plugin-api';
import pLimit from 'p-limit';
import { HarborInstanceConfig } from '../config';
import { pathOf } from './redaction';
import { Limiter, RetryPolicy, isIdempotent, sendWithRetries } from './retry';

/**
 * The fetch the client sends requests with; `globalThis.fetch` by default. Tests wrap it to observe requests.
 * @public
 */
export type HarborFetch = (url: string, init: RequestInit) => Promise<Response>;

// One cap per instance, shared by every client of that instance in the process, so that the entity page, the
// scaffolder and background tasks together never exceed harbor.maxConcurrency (Harbor has no rate limiting of
// its own and large fan-outs time out at the gateway, harbor-api.md §0).
const limiters = new Map<string, Limiter>();

/** The shared concurrency cap of an instance. */
export function instanceLimiter(instance: HarborInstanceConfig): Limiter {
  const key = `${instance.name}\u0000${instance.baseUrl}\u0000${instance.maxConcurrency}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = pLimit(instance.maxConcurrency);
    limiters.set(key, limiter);
  }
  return limiter;
}

// Statuses whose Response must not have a body (fetch spec "null body status").
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The Basic `Authorization` value of an instance's credentials, if it has any. */
function basicAuthorization(instance: HarborInstanceConfig) {
  if (instance.username === undefined || instance.password === undefined) {
    return undefined;
  }
  const pair = `${instance.username}:${instance.password}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

/**
 * The `fetch` handed to openapi-fetch: adds Basic auth, drops cookies, and sends through
 * {@link sendWithRetries} (per-attempt timeout, the instance's concurrency cap, the retry policy). It reads the
 * whole answer inside the concurrency slot and the timeout, so that a slow body counts as in flight and times
 * out too.
 */
export function createTransport(options: {
  instance: HarborInstanceConfig;
  fetch: HarborFetch;
  limiter: Limiter;
  timeoutMs: number;
  retry: RetryPolicy;
  logger?: LoggerService;
}): (request: Request) => Promise<Response> {
  const { instance, logger } = options;
  const authorization = basicAuthorization(instance);

  return async function harborTransport(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    // Harbor enforces CSRF only on requests that carry a session cookie; with Basic auth and no cookie the check
    // is skipped (harbor-api.md §0, harbor#12455). Never send one, and never keep the ones Harbor sets.
    headers.delete('cookie');
    if (authorization) headers.set('authorization', authorization);
    const method = request.method.toUpperCase();
    const body = request.body ? await request.text() : undefined;
    const url = request.url;

    return sendWithRetries({
      retryable: isIdempotent(method),
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      limiter: options.limiter,
      signal: request.signal,
      send: async signal => {
        // A redirect would carry the Authorization header to wherever it points; report it instead.
        const answer = await options.fetch(url, {
          method,
          headers,
          body,
          signal,
          redirect: 'manual',
        });
        const buffer = NULL_BODY_STATUSES.has(answer.status)
          ? null
          : await answer.arrayBuffer();
        return new Response(buffer, {
          status: answer.status,
          statusText: answer.statusText,
          headers: withoutSetCookie(answer.headers),
        });
      },
      onRetry: (what, delay, attempt, answer) =>
        logger?.debug(
          `Harbor instance '${instance.name}': ${method} ${pathOf(
            url,
          )} ${what}; retrying in ${delay} ms`,
          {
            attempt,
            requestId:
              (answer ?? { headers }).headers.get('x-request-id') ?? undefined,
          },
        ),
    });
  };
}

function withoutSetCookie(source: Headers): Headers {
  const headers = new Headers(source);
  headers.delete('set-cookie');
  return headers;
}
