/**
 * The simulator's notion of "now". Scans and replication executions progress with it, so tests use a
 * {@link ManualClock} and advance it instead of sleeping.
 *
 * @public
 */
export interface HarborClock {
  now(): number;
}

/** @public */
export const systemClock: HarborClock = { now: () => Date.now() };

/**
 * A clock that only moves when told to.
 *
 * @public
 */
export class ManualClock implements HarborClock {
  private current: number;

  constructor(start: number | string | Date = '2025-06-02T09:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(time: number | string | Date): void {
    this.current = new Date(time).getTime();
  }
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
