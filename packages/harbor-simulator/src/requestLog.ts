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
  /** Undefined while pending, for a hang, or for a reset connection. */
  status?: number;
  fault?: 'status' | 'latency' | 'hang' | 'reset';
  durationMs?: number;
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
}
