import type { LoggerService } from '@backstage/backend-plugin-api';
import pLimit from 'p-limit';
import { HarborInstanceConfig } from '../config';
import {
  RetryPolicy,
  isConnectionReset,
  isIdempotent,
  isRetryableStatus,
} from './retry';

/**
 * The fetch the client sends requests with; `globalThis.fetch` by default. Tests wrap it to observe requests.
 * @public
 */
export type HarborFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Runs a task once a slot of the instance's concurrency cap is free. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

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

/** Marks a timeout of one attempt, as opposed to the caller aborting. */
export class HarborTimeoutError extends Error {
  name = 'HarborTimeoutError';
}

// Statuses whose Response must not have a body (fetch spec "null body status").
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The `fetch` handed to openapi-fetch: adds Basic auth, drops cookies, applies the per-attempt timeout, the
 * instance's concurrency cap and the retry policy. It reads the whole answer inside the concurrency slot and the
 * timeout, so that a slow body counts as in flight and times out too.
 */
export function createTransport(options: {
  instance: HarborInstanceConfig;
  fetch: HarborFetch;
  limiter: Limiter;
  timeoutMs: number;
  retry: RetryPolicy;
  logger?: LoggerService;
}): (request: Request) => Promise<Response> {
  const { instance, limiter, timeoutMs, retry, logger } = options;
  const baseFetch = options.fetch;
  const authorization =
    instance.username !== undefined && instance.password !== undefined
      ? `Basic ${Buffer.from(
          `${instance.username}:${instance.password}`,
        ).toString('base64')}`
      : undefined;

  return async function harborTransport(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    // Harbor enforces CSRF only on requests that carry a session cookie; with Basic auth and no cookie the check
    // is skipped (harbor-api.md §0, harbor#12455). Never send one, and never keep the ones Harbor sets.
    headers.delete('cookie');
    if (authorization) headers.set('authorization', authorization);
    const method = request.method.toUpperCase();
    const body = request.body ? await request.text() : undefined;
    const url = request.url;

    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([request.signal, timeout]);
      const mayRetry = isIdempotent(method) && attempt < retry.maxAttempts;
      let response: Response;
      try {
        response = await limiter(async () => {
          const answer = await baseFetch(url, {
            method,
            headers,
            body,
            signal,
            // A redirect would carry the Authorization header to wherever it points; report it instead.
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
        });
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason ?? error;
        if (timeout.aborted) {
          throw new HarborTimeoutError(`no answer within ${timeoutMs} ms`);
        }
        if (mayRetry && isConnectionReset(error)) {
          const delay = retry.delayMs(attempt);
          logger?.debug(
            `Harbor instance '${instance.name}': ${method} ${pathOf(
              url,
            )} lost its connection; retrying in ${delay} ms`,
            { attempt, requestId: headers.get('x-request-id') ?? undefined },
          );
          await retry.sleep(delay);
          continue;
        }
        throw error;
      }
      if (mayRetry && isRetryableStatus(response.status)) {
        const delay = retry.delayMs(attempt);
        logger?.debug(
          `Harbor instance '${instance.name}': ${method} ${pathOf(
            url,
          )} answered ${response.status}; retrying in ${delay} ms`,
          {
            attempt,
            requestId: response.headers.get('x-request-id') ?? undefined,
          },
        );
        await retry.sleep(delay);
        continue;
      }
      return response;
    }
  };
}

function withoutSetCookie(source: Headers): Headers {
  const headers = new Headers(source);
  headers.delete('set-cookie');
  return headers;
}

/** The path of a URL without the query, for log lines. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
