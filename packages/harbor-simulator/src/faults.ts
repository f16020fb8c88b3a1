/**
 * A fault to inject into the calls of one spec operation.
 *
 * Which calls: by default only the next call. `onCall: n` starts at the n-th call counted from injection
 * (1-based); `times: k` covers k calls from there; `always: true` every call until cleared.
 *
 * What happens: `latencyMs` delays the call (then it proceeds, or the other fault applies); `status` answers
 * with that status and a Harbor Errors body (or `body` when given, which is validated like any response);
 * `hang` never answers until the simulator stops; `reset` destroys the connection.
 *
 * @public
 */
export interface HarborFault {
  operationId: string;
  onCall?: number;
  times?: number;
  always?: boolean;
  status?: number;
  /** Body sent with `status`; by default `{"errors":[{"code":..., "message":"injected fault"}]}`. */
  body?: unknown;
  /** Error code of the default body; by default derived from the status. */
  code?: string;
  latencyMs?: number;
  hang?: boolean;
  reset?: boolean;
}

/** @public */
export interface InjectedFault {
  readonly fault: HarborFault;
  /** How many calls this fault has hit so far. */
  readonly hits: number;
  remove(): void;
}

interface ActiveFault extends InjectedFault {
  seen: number;
  hits: number;
}

/** @public */
export interface FaultDecision {
  latencyMs: number;
  status?: number;
  body?: unknown;
  code?: string;
  hang: boolean;
  reset: boolean;
}

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUEST',
  500: 'UNKNOWN',
};

export function errorCodeForStatus(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'UNKNOWN' : 'BAD_REQUEST');
}

/**
 * Fault injection by spec operationId, e.g.
 * `sim.faults.inject({ operationId: 'listArtifacts', onCall: 2, status: 503 })`.
 *
 * @public
 */
export class HarborFaults {
  private active: ActiveFault[] = [];

  inject(fault: HarborFault): InjectedFault {
    const entry: ActiveFault = {
      fault,
      seen: 0,
      hits: 0,
      remove: () => {
        this.active = this.active.filter(f => f !== entry);
      },
    };
    this.active.push(entry);
    return entry;
  }

  clear(): void {
    this.active = [];
  }

  get pending(): readonly InjectedFault[] {
    return this.active;
  }

  /** Counts the call against every fault of the operation and merges those that fire. */
  decide(operationId: string): FaultDecision | undefined {
    let decision: FaultDecision | undefined;
    for (const entry of [...this.active]) {
      if (entry.fault.operationId !== operationId) continue;
      entry.seen++;
      const { onCall = 1, times = 1, always } = entry.fault;
      const fires = always
        ? entry.seen >= onCall
        : entry.seen >= onCall && entry.seen < onCall + times;
      if (!fires) continue;
      entry.hits++;
      decision ??= { latencyMs: 0, hang: false, reset: false };
      decision.latencyMs += entry.fault.latencyMs ?? 0;
      if (entry.fault.status !== undefined && decision.status === undefined) {
        decision.status = entry.fault.status;
        decision.body = entry.fault.body;
        decision.code = entry.fault.code;
      }
      decision.hang ||= Boolean(entry.fault.hang);
      decision.reset ||= Boolean(entry.fault.reset);
      if (!always && entry.seen >= onCall + times - 1) entry.remove();
    }
    return decision;
  }
}
