import type { KubernetesVerb } from './types';

/**
 * A fault to inject into the calls that match `verb`, `resource`, `namespace` and `name` (each optional).
 *
 * Which calls: by default only the next matching call. `onCall: n` starts at the n-th matching call counted
 * from injection (1-based); `times: k` covers k calls from there; `always: true` every call until removed.
 *
 * What happens: `latencyMs` delays the call (which then proceeds, unless another effect applies); `status`
 * answers with that code and a Status body; `hang` never answers until the simulator stops; `reset` destroys
 * the connection.
 *
 * @public
 */
export interface KubernetesFault {
  verb?: KubernetesVerb;
  /** Resource plural, e.g. `secrets`, or `pods/status` for a subresource. */
  resource?: string;
  group?: string;
  namespace?: string;
  name?: string;
  onCall?: number;
  times?: number;
  always?: boolean;
  status?: number;
  /** Message of the Status body sent with `status`. */
  message?: string;
  latencyMs?: number;
  hang?: boolean;
  reset?: boolean;
}

/** @public */
export interface InjectedFault {
  readonly fault: KubernetesFault;
  /** How many calls this fault has hit so far. */
  readonly hits: number;
  remove(): void;
}

/** What the matched faults do to one call. */
export interface FaultDecision {
  latencyMs: number;
  status?: number;
  message?: string;
  hang: boolean;
  reset: boolean;
}

/** The call as faults see it. */
export interface FaultTarget {
  verb?: KubernetesVerb;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

interface ActiveFault extends InjectedFault {
  seen: number;
  hits: number;
}

function matches(fault: KubernetesFault, call: FaultTarget): boolean {
  const resource = call.subresource
    ? `${call.resource}/${call.subresource}`
    : call.resource;
  return (
    (fault.verb === undefined || fault.verb === call.verb) &&
    (fault.group === undefined || fault.group === call.group) &&
    (fault.resource === undefined || fault.resource === resource) &&
    (fault.namespace === undefined || fault.namespace === call.namespace) &&
    (fault.name === undefined || fault.name === call.name)
  );
}

/**
 * Fault injection, e.g. `sim.faults.inject({ verb: 'list', resource: 'pods', onCall: 2, status: 503 })`.
 *
 * @public
 */
export class KubernetesFaults {
  private active: ActiveFault[] = [];

  inject(fault: KubernetesFault): InjectedFault {
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

  /** Counts the call against every matching fault and merges the effects of those that fire. */
  decide(call: FaultTarget): FaultDecision | undefined {
    let decision: FaultDecision | undefined;
    for (const entry of [...this.active]) {
      if (!matches(entry.fault, call)) continue;
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
        decision.message = entry.fault.message;
      }
      decision.hang ||= Boolean(entry.fault.hang);
      decision.reset ||= Boolean(entry.fault.reset);
      if (!always && entry.seen >= onCall + times - 1) entry.remove();
    }
    return decision;
  }
}
