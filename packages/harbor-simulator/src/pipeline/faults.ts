import type http from 'node:http';
import { HarborError } from '../errors';
import { errorCodeForStatus, HarborFaults } from '../faults';
import { Exchange, Step, UNANSWERED } from './exchange';

/**
 * Applies the faults injected for the operation: a delay, then a reset, a hang (kept in `hung` until the
 * simulator stops), or an answer with the injected status.
 */
export function injectFaults(
  faults: HarborFaults,
  hung: Set<http.ServerResponse>,
): Step {
  return async (x: Exchange) => {
    const fault = faults.decide(x.op!.operationId);
    if (!fault) return undefined;
    if (fault.latencyMs > 0) {
      x.entry.fault = 'latency';
      await new Promise(resolve => setTimeout(resolve, fault.latencyMs));
    }
    if (fault.reset) {
      x.entry.fault = 'reset';
      x.req.socket.destroy();
      return UNANSWERED;
    }
    if (fault.hang) {
      x.entry.fault = 'hang';
      hung.add(x.res);
      x.res.on('close', () => hung.delete(x.res));
      return UNANSWERED;
    }
    if (fault.status === undefined) return undefined;
    x.entry.fault = 'status';
    const status = fault.status;
    if (fault.body !== undefined || status < 400) {
      return { status, body: fault.body };
    }
    return new HarborError(
      status,
      fault.code ?? errorCodeForStatus(status),
      status >= 500 ? 'internal server error' : 'injected fault',
    ).toResult();
  };
}
