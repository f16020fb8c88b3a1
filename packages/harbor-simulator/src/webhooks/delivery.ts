import { randomUUID } from 'node:crypto';
import type { HarborClock } from '../clock';
import { isoTime } from '../clock';
import { formatDelivery } from './formats';
import type { HarborWebhookPayload } from './payloads';
import { postDelivery } from './send';

/**
 * How deliveries are retried. The defaults are Harbor's: the webhook job's `MaxFails` is 3 attempts
 * (`JOBSERVICE_WEBHOOK_JOB_MAX_RETRY`, src/jobservice/job/impl/notification/webhook_job.go) with `ShouldRetry`
 * true, a failed attempt is requeued by gocraft/work after `fails⁴ + 15 + rand(30)·(fails+1)` seconds (the
 * simulator takes the minimum, 16 s then 31 s, so runs repeat), and each attempt times out after 3 s
 * (http_helper.go).
 *
 * @public
 */
export interface HarborWebhookRetryPolicy {
  /** Attempts in all before a delivery is given up (`Error`). */
  maxFails: number;
  /** The wait after the n-th failed attempt, on the simulator's clock. */
  backoffMs: (fails: number) => number;
  /** Real-time timeout of one attempt. */
  timeoutMs: number;
  /** Real-time interval at which due attempts (and finished scans) are looked for while any are pending. */
  pollMs: number;
}

/** @public */
export const HARBOR_WEBHOOK_RETRY_POLICY: HarborWebhookRetryPolicy = {
  maxFails: 3,
  backoffMs: fails => (fails ** 4 + 15) * 1000,
  timeoutMs: 3_000,
  pollMs: 100,
};

/** One POST of a delivery. @public */
export interface HarborWebhookAttempt {
  at: string;
  /** The receiver's status code; absent when there was no response. */
  statusCode?: number;
  /** Why the attempt failed (`abnormal response code: 500`, a connection error, a timeout). */
  error?: string;
  durationMs: number;
}

/**
 * A delivery of one event to one target of one policy, like a task of Harbor's webhook executions. The
 * target's auth header is never part of it.
 *
 * @public
 */
export interface HarborWebhookDelivery {
  id: number;
  /** The simulator's number for the event; every target of every policy gets the same event. */
  eventId: number;
  eventType: string;
  projectId: number;
  policyId: number;
  policyName: string;
  address: string;
  payloadFormat: 'Default' | 'CloudEvents';
  /** When the event was queued (the execution's start). */
  createdAt: string;
  /** When the delivery ended, successfully or not. */
  endedAt?: string;
  /** Harbor's job states: `Pending` (waiting for an attempt or a retry), `Running`, `Success`, `Error`. */
  status: 'Pending' | 'Running' | 'Success' | 'Error';
  attempts: HarborWebhookAttempt[];
  /** When the next attempt is due, on the simulator's clock. */
  nextAttemptAt?: string;
  payload: HarborWebhookPayload;
  /** The exact body every attempt sends. */
  body: string;
}

/** A policy target to deliver to, with what the record must not show. */
export interface DeliveryTarget {
  projectId: number;
  policyId: number;
  policyName: string;
  address: string;
  payloadFormat?: string;
  authHeader?: string;
  skipCertVerify: boolean;
}

interface Pending {
  record: HarborWebhookDelivery;
  headers: Record<string, string>;
  skipCertVerify: boolean;
  dueAt: number;
}

/** The webhook job queue: attempts, retries with backoff on the simulator's clock, and the records. */
export class WebhookDeliveryQueue {
  private readonly records: HarborWebhookDelivery[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight = new Set<Promise<void>>();
  private nextId = 1;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly clock: HarborClock,
    private readonly retry: HarborWebhookRetryPolicy,
  ) {}

  get list(): readonly HarborWebhookDelivery[] {
    return this.records;
  }

  /** Queues one event for one target; the first attempt is due now. */
  enqueue(
    eventId: number,
    payload: HarborWebhookPayload,
    target: DeliveryTarget,
  ): HarborWebhookDelivery {
    const formatted = formatDelivery(
      payload,
      { payload_format: target.payloadFormat, auth_header: target.authHeader },
      {
        projectId: target.projectId,
        policyId: target.policyId,
        requestId: randomUUID(),
      },
    );
    const record: HarborWebhookDelivery = {
      id: this.nextId++,
      eventId,
      eventType: payload.type,
      projectId: target.projectId,
      policyId: target.policyId,
      policyName: target.policyName,
      address: target.address,
      payloadFormat:
        target.payloadFormat === 'CloudEvents' ? 'CloudEvents' : 'Default',
      createdAt: isoTime(this.clock.now()),
      status: 'Pending',
      attempts: [],
      nextAttemptAt: isoTime(this.clock.now()),
      payload,
      body: formatted.body,
    };
    this.records.push(record);
    this.pending.set(record.id, {
      record,
      headers: formatted.headers,
      skipCertVerify: target.skipCertVerify,
      dueAt: this.clock.now(),
    });
    return record;
  }

  /** Whether any delivery waits for an attempt or a retry. */
  get busy(): boolean {
    return this.pending.size > 0 || this.inFlight.size > 0;
  }

  /** Starts every attempt that is due at the simulator's current time. */
  pump(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    for (const p of this.pending.values()) {
      if (p.record.status !== 'Pending' || p.dueAt > now) continue;
      const attempt = this.attempt(p).finally(() =>
        this.inFlight.delete(attempt),
      );
      this.inFlight.add(attempt);
    }
  }

  /** Resolves once no attempt runs and none is due now; later retries stay pending. */
  async settled(): Promise<void> {
    for (;;) {
      this.pump();
      if (this.inFlight.size === 0) return;
      await Promise.all([...this.inFlight]);
    }
  }

  clear(): void {
    this.records.length = 0;
    this.pending.clear();
  }

  /** Stops starting attempts and aborts the running ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await Promise.all([...this.inFlight]);
  }

  private async attempt(p: Pending): Promise<void> {
    const { record } = p;
    record.status = 'Running';
    record.nextAttemptAt = undefined;
    const at = this.clock.now();
    const started = Date.now();
    const outcome = await postDelivery(record.address, p.headers, record.body, {
      timeoutMs: this.retry.timeoutMs,
      skipCertVerify: p.skipCertVerify,
      signal: this.abort.signal,
    });
    const ok =
      outcome.statusCode !== undefined &&
      outcome.statusCode >= 200 &&
      outcome.statusCode < 300;
    record.attempts.push({
      at: isoTime(at),
      ...(outcome.statusCode !== undefined
        ? { statusCode: outcome.statusCode }
        : {}),
      ...(ok
        ? {}
        : {
            error:
              outcome.error ?? `abnormal response code: ${outcome.statusCode}`,
          }),
      durationMs: Date.now() - started,
    });
    if (ok || record.attempts.length >= this.retry.maxFails) {
      record.status = ok ? 'Success' : 'Error';
      record.endedAt = isoTime(this.clock.now());
      this.pending.delete(record.id);
      return;
    }
    p.dueAt = this.clock.now() + this.retry.backoffMs(record.attempts.length);
    record.nextAttemptAt = isoTime(p.dueAt);
    record.status = 'Pending';
  }
}
