import type express from 'express';
import { randomUUID } from 'node:crypto';
import { authenticate } from '../auth';
import { HarborPrincipal, HarborResult, principalName } from '../context';
import { HarborRequestLog, HarborRequestLogEntry } from '../requestLog';
import type { SpecOperation } from '../spec';
import type { HarborState } from '../state';

/** One API request on its way through the steps of `HarborSimulatorApp`. */
export interface Exchange {
  req: express.Request;
  res: express.Response;
  method: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  rawQuery: string;
  principal: HarborPrincipal;
  /** This request's entry in the request log, completed when it is answered. */
  entry: HarborRequestLogEntry;
  started: number;
  /** The spec operation, once routed. */
  op?: SpecOperation;
  params: Record<string, string>;
  body?: unknown;
  hasBody: boolean;
  /** Whether the answer is checked against the operation's responses (not for what the simulator lacks). */
  checkResponse: boolean;
}

/** A request left unanswered on purpose: a hang or a reset connection. */
export const UNANSWERED = Symbol('unanswered');

/** What a step decides: continue (undefined), answer with a result, or leave the request unanswered. */
export type StepOutcome = HarborResult | typeof UNANSWERED | undefined;

export type Step = (x: Exchange) => StepOutcome | Promise<StepOutcome>;

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request id Harbor echoes (or makes up), the caller from basic auth, and the request log entry. */
export function openExchange(
  req: express.Request,
  res: express.Response,
  state: HarborState,
  now: number,
  log: HarborRequestLog,
): Exchange {
  const requestId = String(req.headers['x-request-id'] || randomUUID());
  res.setHeader('X-Request-Id', requestId);
  const url = req.originalUrl;
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const method = req.method.toUpperCase();
  const principal = authenticate(state, req.headers, now);
  const entry: HarborRequestLogEntry = {
    method,
    path: rawPath,
    query: req.query as HarborRequestLogEntry['query'],
    principal: principalName(principal),
    requestId,
    startedAt: Date.now(),
  };
  log.add(entry);
  return {
    req,
    res,
    method,
    rawPath,
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    principal,
    entry,
    started: entry.startedAt,
    params: {},
    hasBody: false,
    checkResponse: false,
  };
}
