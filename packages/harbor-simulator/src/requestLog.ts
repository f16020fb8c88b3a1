/**
 * One call the simulator received.
 *
 * @public
 */
export interface HarborRequestLogEntry {
  method: string;
  /** The path as sent (still encoded), including /api/v2.0. */
  path: string;
  query: Record<string, string | string[] | undefined>;
  /** Spec operationId, or undefined for a path outside the spec. */
  operationId?: string;
  /** User name, full robot name (`robot$team-a+ci`) or `anonymous`. */
  principal: string;
  requestId: string;
  /** When the call arrived (epoch ms, wall clock). */
  startedAt: number;
  /** Undefined while pending, for a hang, or for a reset connection. */
  status?: number;
  fault?: 'status' | 'latency' | 'hang' | 'reset';
  durationMs?: number;
}

/**
 * Calls counted by spec operation (`outside-api` for paths outside the spec), by status (`none` while pending,
 * hung or reset) and by injected fault.
 *
 * @public
 */
export interface HarborCallCounts {
  total: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
  byFault: Record<string, number>;
}

function increment(counts: Record<string, number>, key: string) {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** @public */
export class HarborRequestLog {
  private readonly list: HarborRequestLogEntry[] = [];

  get entries(): readonly HarborRequestLogEntry[] {
    return this.list;
  }

  add(entry: HarborRequestLogEntry): void {
    this.list.push(entry);
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Calls that change something: every method but GET and HEAD. */
  writes(): HarborRequestLogEntry[] {
    return this.list.filter(e => e.method !== 'GET' && e.method !== 'HEAD');
  }

  byOperation(operationId: string): HarborRequestLogEntry[] {
    return this.list.filter(e => e.operationId === operationId);
  }

  count(operationId?: string): number {
    return operationId
      ? this.byOperation(operationId).length
      : this.list.length;
  }

  /** Counts of the calls that arrived at or after `since` and before `until` (epoch ms), or of all. */
  counts(since?: number, until?: number): HarborCallCounts {
    const counts: HarborCallCounts = {
      total: 0,
      byOperation: {},
      byStatus: {},
      byFault: {},
    };
    for (const e of this.list) {
      if (since !== undefined && e.startedAt < since) continue;
      if (until !== undefined && e.startedAt >= until) continue;
      counts.total++;
      increment(counts.byOperation, e.operationId ?? 'outside-api');
      increment(counts.byStatus, String(e.status ?? 'none'));
      if (e.fault) increment(counts.byFault, e.fault);
    }
    return counts;
  }
}
