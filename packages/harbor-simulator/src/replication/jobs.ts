/**
 * The copy jobs running in the background of a simulated Harbor (Harbor's jobservice). Each can be stopped
 * (`PUT /replication/executions/{id}`), all are aborted when the simulator stops, and tests can wait until none
 * is left instead of sleeping.
 */
export class ReplicationJobs {
  private readonly running = new Map<
    number,
    { controller: AbortController; done: Promise<void> }
  >();
  /** Set while {@link ReplicationJobs.hold} holds the copies; resolved by its release function. */
  private held?: { released: Promise<void>; release: () => void };

  /** Runs `job` for an execution; its errors are the job's own business (it records them). */
  start(executionId: number, job: (signal: AbortSignal) => Promise<void>) {
    const controller = new AbortController();
    const done = job(controller.signal)
      .catch(() => undefined)
      .finally(() => this.running.delete(executionId));
    this.running.set(executionId, { controller, done });
  }

  stop(executionId: number): void {
    this.running.get(executionId)?.controller.abort();
  }

  /**
   * Holds every copy job before it copies a tag, until the returned function is called: a test sees an
   * execution whose copy is really still under way (tasks in progress, tags not in Harbor yet) for as long as it
   * needs, without a slow source registry or sleeps. Stopping the execution or the simulator ends the hold.
   */
  hold(): () => void {
    if (!this.held) {
      let release!: () => void;
      const released = new Promise<void>(resolve => {
        release = resolve;
      });
      this.held = { released, release };
    }
    const { release } = this.held;
    return () => {
      this.held = undefined;
      release();
    };
  }

  /** Waits while the copies are held; resolves at once otherwise, or when `signal` aborts. */
  async whenReleased(signal: AbortSignal): Promise<void> {
    const held = this.held;
    if (!held || signal.aborted) return;
    await new Promise<void>(resolve => {
      const onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
      held.released.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** Resolves once no copy job is running. */
  async settled(): Promise<void> {
    while (this.running.size) {
      await Promise.all([...this.running.values()].map(j => j.done));
    }
  }

  async abortAll(): Promise<void> {
    for (const job of this.running.values()) job.controller.abort();
    await this.settled();
  }
}
