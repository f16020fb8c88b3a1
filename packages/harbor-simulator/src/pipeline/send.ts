import type express from 'express';
import { randomUUID } from 'node:crypto';
import { authenticate } from '../auth';
import { HarborPrincipal, HarborResult } from '../context';
import { HarborError, badRequest } from '../errors';
import type { HarborClock } from '../clock';
import type { HarborState } from '../state';

const JSON_TYPE = 'application/json';
const ERROR_TYPE = 'application/json; charset=utf-8';

/** Writes a result as Harbor does: JSON (errors with a charset), plain text for /ping, no body for HEAD. */
export function sendResult(
  res: express.Response,
  method: string,
  result: HarborResult,
) {
  for (const [k, v] of Object.entries(result.headers ?? {}))
    res.setHeader(k, v);
  res.status(result.status);
  if (result.text !== undefined) {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(method === 'HEAD' ? undefined : result.text);
    return;
  }
  res.setHeader('Content-Type', result.status >= 400 ? ERROR_TYPE : JSON_TYPE);
  if (result.body === undefined || method === 'HEAD') {
    res.end();
    return;
  }
  res.end(result.raw ?? result.json ?? JSON.stringify(result.body));
}

/**
 * Runs a `/_simulator/*` stand-in (push, pull) outside the API: a JSON body, basic auth, Harbor's error shape,
 * and `status` with `run`'s JSON on success.
 */
export function handleOutsideApi(
  req: express.Request,
  res: express.Response,
  context: { state: HarborState; clock: HarborClock },
  status: number,
  run: (principal: HarborPrincipal, body: any) => unknown,
) {
  res.setHeader(
    'X-Request-Id',
    String(req.headers['x-request-id'] ?? randomUUID()),
  );
  let result: HarborResult;
  try {
    const body = JSON.parse(
      Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '{}',
    );
    const principal = authenticate(
      context.state,
      req.headers,
      context.clock.now(),
    );
    result = { status, body: run(principal, body) };
  } catch (e) {
    const err =
      e instanceof HarborError ? e : badRequest(String((e as Error).message));
    result = err.toResult();
  }
  sendResult(res, req.method, result);
}
