/**
 * A fault to inject into the simulated Harbor's API calls.
 *
 * Which calls: those of `operationId`, or of every operation when it is omitted (the whole instance failing,
 * as in a real outage). By default only the next call. `onCall: n` starts at the n-th call counted from
 * injection (1-based); `times: k` covers k calls from there; `always: true` every call until cleared;
 * `forMs: t` every call (or `times` of them) during t ms from injection on the simulator's clock, after which
 * the fault removes itself and calls are answered normally again.
 *
 * What happens: `latencyMs` delays the call (then it proceeds, or the other fault applies); `status` answers
 * with that status and a Harbor Errors body (or `body` when given, which is validated like any response);
 * `hang` leaves the call unanswered: until the simulator stops, or, with `forMs`, until the fault's time is
 * over or it is removed (then it is answered normally, as a Harbor that recovers finishes what it was doing);
 * `reset` destroys the connection.
 *
 * @public
 */
export interface HarborFault {
  /** The spec operation; omitted: every operation. */
  operationId?: string;
  onCall?: number;
  times?: number;
  always?: boolean;
  /** How long the fault lasts from injection, in ms of the simulator's clock. */
  forMs?: number;
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
  /** Unique within the simulator; names the fault in the admin API (`DELETE /_simulator/faults/{id}`). */
  readonly id: number;
  readonly fault: HarborFault;
  /** How many calls this fault has hit so far. */
  readonly hits: number;
  /** With `forMs`: when the fault ends, in ms of the simulator's clock. */
  readonly endsAt?: number;
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
  /** For a hang of a fault with `forMs`: when the call is answered after all (simulator's clock). */
  hangUntil?: number;
  /** For such a hang: the faults holding it; removing them (or `clear()`) ends it too. */
  hangingFaultIds?: number[];
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

const KNOWN_KEYS = new Set([
  'operationId',
  'onCall',
  'times',
  'always',
  'forMs',
  'status',
  'body',
  'code',
  'latencyMs',
  'hang',
  'reset',
]);

/** Refuses a fault that could not do what it says (also for faults sent to the admin API as JSON). */
export function checkFault(fault: HarborFault): void {
  const unknown = Object.keys(fault).filter(k => !KNOWN_KEYS.has(k));
  if (unknown.length) {
    throw new TypeError(`unknown fault field(s): ${unknown.join(', ')}`);
  }
  for (const key of ['onCall', 'times', 'forMs', 'latencyMs'] as const) {
    const v = fault[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      throw new TypeError(`fault ${key} must be a non-negative integer`);
    }
  }
  if (fault.onCall === 0 || fault.times === 0) {
    throw new TypeError('fault onCall and times count from 1');
  }
  const { status } = fault;
  if (status !== undefined && !(Number.isInteger(status) && status >= 100)) {
    throw new TypeError('fault status must be an HTTP status');
  }
  if (fault.always && fault.forMs !== undefined) {
    throw new TypeError('a fault is either always or for a time (forMs)');
  }
}

function fires(entry: ActiveFault): boolean {
  const { onCall = 1, times, always, forMs } = entry.fault;
  if (entry.seen < onCall) return false;
  if (always || (forMs !== undefined && times === undefined)) return true;
  return entry.seen < onCall + (times ?? 1);
}

/** Whether the fault has done all it was asked to (and is removed). */
function spent(entry: ActiveFault): boolean {
  const { onCall = 1, times, always, forMs } = entry.fault;
  if (always || (forMs !== undefined && times === undefined)) return false;
  return entry.seen >= onCall + (times ?? 1) - 1;
}

/**
 * Fault injection, e.g. `sim.faults.inject({ operationId: 'listArtifacts', onCall: 2, status: 503 })`, or
 * an outage of every operation for 30 s: `sim.faults.inject({ status: 500, forMs: 30_000 })`.
 *
 * @public
 */
export class HarborFaults {
  private active: ActiveFault[] = [];
  private nextId = 1;

  /** `now`: the simulator's clock, which `forMs` is measured on. */
  constructor(private readonly now: () => number = Date.now) {}

  inject(fault: HarborFault): InjectedFault {
    checkFault(fault);
    const endsAt =
      fault.forMs === undefined ? undefined : this.now() + fault.forMs;
    const entry: ActiveFault = {
      id: this.nextId++,
      fault,
      seen: 0,
      hits: 0,
      endsAt,
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

  /** The faults still to fire (a fault whose time is over is gone). */
  get pending(): readonly InjectedFault[] {
    this.expire();
    return this.active;
  }

  /** Whether any of the faults `ids` is still pending (not over, spent or removed). */
  anyPending(ids: readonly number[]): boolean {
    return this.pending.some(f => ids.includes(f.id));
  }

  remove(id: number): boolean {
    const entry = this.active.find(f => f.id === id);
    entry?.remove();
    return Boolean(entry);
  }

  /** Counts the call against every fault of the operation and merges those that fire. */
  decide(operationId: string): FaultDecision | undefined {
    this.expire();
    let decision: FaultDecision | undefined;
    for (const entry of [...this.active]) {
      const target = entry.fault.operationId;
      if (target !== undefined && target !== operationId) continue;
      entry.seen++;
      if (!fires(entry)) continue;
      entry.hits++;
      decision ??= { latencyMs: 0, hang: false, reset: false };
      merge(decision, entry);
      if (spent(entry)) entry.remove();
    }
    return decision;
  }

  private expire() {
    const now = this.now();
    this.active = this.active.filter(
      f => f.endsAt === undefined || now < f.endsAt,
    );
  }
}

function merge(decision: FaultDecision, entry: ActiveFault) {
  const { fault } = entry;
  decision.latencyMs += fault.latencyMs ?? 0;
  if (fault.status !== undefined && decision.status === undefined) {
    decision.status = fault.status;
    decision.body = fault.body;
    decision.code = fault.code;
  }
  if (fault.hang) {
    // A hang without an end outlasts any that has one.
    const until = decision.hang ? decision.hangUntil : entry.endsAt;
    decision.hangUntil =
      until === undefined || entry.endsAt === undefined
        ? undefined
        : Math.max(until, entry.endsAt);
    decision.hang = true;
    decision.hangingFaultIds =
      decision.hangUntil === undefined
        ? undefined
        : [...(decision.hangingFaultIds ?? []), entry.id];
  }
  decision.reset ||= Boolean(fault.reset);
}
