import express from 'express';
import { authenticate } from './auth';
import type { HarborClock } from './clock';
import { badRequest, forbidden, HarborError, notFound } from './errors';
import { HarborFault, HarborFaults, InjectedFault } from './faults';
import { sendResult } from './pipeline/send';
import { isSysAdmin } from './rbac';
import type { HarborRequestLog } from './requestLog';
import type { HarborState } from './state';

interface AdminContext {
  state: HarborState;
  clock: HarborClock;
  faults: HarborFaults;
  log: HarborRequestLog;
}

function faultView(f: InjectedFault) {
  return { id: f.id, fault: f.fault, hits: f.hits, endsAt: f.endsAt };
}

function parseFault(req: express.Request): HarborFault {
  let fault: unknown;
  try {
    fault = JSON.parse(
      Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
    );
  } catch {
    throw badRequest('the fault must be a JSON object');
  }
  if (!fault || typeof fault !== 'object' || Array.isArray(fault)) {
    throw badRequest('the fault must be a JSON object');
  }
  return fault as HarborFault;
}

function epochMs(req: express.Request, name: string): number | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  if (!Number.isFinite(ms))
    throw badRequest(`${name} must be epoch milliseconds`);
  return ms;
}

/**
 * The simulator's admin API, outside Harbor's: faults and call counts for a test or benchmark that drives the
 * simulator from another process. Only the simulator's system administrators may use it (basic auth).
 *
 * - `GET /_simulator/faults`: the pending faults, `{ faults: [{ id, fault, hits, endsAt? }] }`.
 * - `POST /_simulator/faults` with a {@link HarborFault} as JSON: injects it; 201 with its `id`.
 * - `DELETE /_simulator/faults` clears every fault; `DELETE /_simulator/faults/{id}` one (404 when gone).
 * - `GET /_simulator/calls[?since=<epoch ms>][&until=<epoch ms>]`: the API calls received (at or after `since`,
 *   before `until`), counted (`HarborCallCounts`).
 * - `DELETE /_simulator/calls` empties the request log.
 */
export function adminRouter(ctx: AdminContext): express.Router {
  const router = express.Router();
  const handle =
    (status: number, run: (req: express.Request) => unknown) =>
    (req: express.Request, res: express.Response) => {
      try {
        const principal = authenticate(ctx.state, req.headers, ctx.clock.now());
        if (principal.kind === 'anonymous') {
          throw new HarborError(401, 'UNAUTHORIZED', 'unauthorized');
        }
        if (!isSysAdmin(principal)) throw forbidden();
        sendResult(res, req.method, { status, body: run(req) ?? undefined });
      } catch (e) {
        const error =
          e instanceof HarborError ? e : badRequest((e as Error).message);
        sendResult(res, req.method, error.toResult());
      }
    };
  router.get(
    '/_simulator/faults',
    handle(200, () => ({ faults: ctx.faults.pending.map(faultView) })),
  );
  router.post(
    '/_simulator/faults',
    handle(201, req => faultView(ctx.faults.inject(parseFault(req)))),
  );
  router.delete(
    '/_simulator/faults',
    handle(204, () => ctx.faults.clear()),
  );
  router.delete(
    '/_simulator/faults/:id',
    handle(204, req => {
      if (!ctx.faults.remove(Number(req.params.id))) {
        throw notFound(`fault ${req.params.id} not found`);
      }
    }),
  );
  router.get(
    '/_simulator/calls',
    handle(200, req =>
      ctx.log.counts(epochMs(req, 'since'), epochMs(req, 'until')),
    ),
  );
  router.delete(
    '/_simulator/calls',
    handle(204, () => ctx.log.clear()),
  );
  return router;
}
