import type http from 'node:http';
import type { HarborClock } from '../clock';
import { HarborError } from '../errors';
import { errorCodeForStatus, HarborFaults } from '../faults';
import { Exchange, Step, UNANSWERED } from './exchange';

/** How often a call hung until a time looks whether it is over (a ManualClock moves without timers). */
const HANG_POLL_MS = 50;

/**
 * Applies the faults injected for the operation: a delay, then a reset, a hang (kept in `hung` until the
 * simulator stops, or until the fault's time is over), or an answer with the injected status.
 */
export function injectFaults(
  faults: HarborFaults,
  hung: Set<http.ServerResponse>,
  clock: HarborClock,
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
      if (fault.hangUntil === undefined) return UNANSWERED;
      const ids = fault.hangingFaultIds ?? [];
      const answered = await waitUntil(
        x.res,
        () => clock.now() >= fault.hangUntil! || !faults.anyPending(ids),
      );
      hung.delete(x.res);
      // Harbor has recovered: the call goes on as any other (unless its caller has given up).
      if (!answered) return UNANSWERED;
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

/** Resolves true once `over()`, false if the connection closes first. */
function waitUntil(
  res: http.ServerResponse,
  over: () => boolean,
): Promise<boolean> {
  return new Promise(resolve => {
    let timer: NodeJS.Timeout | undefined;
    const closed = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const check = () => {
      if (over()) {
        res.off('close', closed);
        resolve(true);
        return;
      }
      timer = setTimeout(check, HANG_POLL_MS);
    };
    res.once('close', closed);
    check();
  });
}
