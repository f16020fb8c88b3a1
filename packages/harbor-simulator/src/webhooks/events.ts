import type { HarborClock } from '../clock';
import type {
  ArtifactRecord,
  HarborState,
  ProjectRecord,
  ScanRecord,
} from '../state';
import {
  nativeReportSummary,
  ScanDurations,
  scanStateAt,
} from '../vulnerabilities';
import {
  HARBOR_WEBHOOK_RETRY_POLICY,
  HarborWebhookDelivery,
  HarborWebhookRetryPolicy,
  WebhookDeliveryQueue,
} from './delivery';
import {
  artifactPayload,
  byteCountToDisplaySize,
  HarborWebhookPayload,
  quotaPayload,
  scannedTag,
  scanPayload,
} from './payloads';

/** Webhook delivery settings: Harbor's retry policy by default. @public */
export interface HarborWebhookOptions
  extends Partial<HarborWebhookRetryPolicy> {
  /** Default true; false sends nothing (policies are still stored). */
  enabled?: boolean;
}

/** What the notifier reads of the simulator. */
export interface WebhookCore {
  state: HarborState;
  clock: HarborClock;
  scanDurations: ScanDurations;
  externalUrl: () => string;
}

interface WatchedScan {
  artifact: ArtifactRecord;
  scan: ScanRecord;
  tag: string;
  operator: string;
}

/** src/server/middleware/quota/quota.go: `ResourcesWarningPercent` defaults to 85. */
const QUOTA_WARNING_PERCENT = 85;

/**
 * Harbor's notifier for the simulator: turns artifact, scan and quota events into payloads and queues one
 * delivery per http target of every enabled policy of the project that lists the event type
 * (src/pkg/notification/policy/manager.go `GetRelatedPolices`, src/controller/event/handler/util/util.go
 * `SendHookWithPolicies`), unless `notification_enable` is off. Slack targets are not delivered.
 *
 * @public
 */
export class HarborWebhooks {
  private readonly queue: WebhookDeliveryQueue;
  private readonly retry: HarborWebhookRetryPolicy;
  private readonly enabled: boolean;
  private readonly scans: WatchedScan[] = [];
  private nextEventId = 1;
  private timer?: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(
    private readonly core: WebhookCore,
    options: HarborWebhookOptions = {},
  ) {
    const { enabled, ...retry } = options;
    this.retry = { ...HARBOR_WEBHOOK_RETRY_POLICY, ...retry };
    this.enabled = enabled ?? true;
    this.queue = new WebhookDeliveryQueue(core.clock, this.retry);
  }

  /** Every delivery so far, oldest first. */
  get deliveries(): readonly HarborWebhookDelivery[] {
    return this.queue.list;
  }

  /** Forgets the delivery records (and drops pending retries). */
  clear(): void {
    this.queue.clear();
  }

  /**
   * Fires the events of scans that ended by the simulator's clock, then waits until no attempt runs and none
   * is due now. Retries due later stay pending: advance the clock and call it again.
   */
  async settled(): Promise<void> {
    this.checkScans();
    await this.queue.settled();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue.stop();
  }

  artifactPushed(artifact: ArtifactRecord, operator: string): void {
    this.artifactEvent('PUSH_ARTIFACT', artifact, operator);
    this.quotaWarning(artifact, operator);
  }

  /** Its repository must still be in the state. */
  artifactDeleted(artifact: ArtifactRecord, operator: string): void {
    this.artifactEvent('DELETE_ARTIFACT', artifact, operator);
  }

  /**
   * A repository delete: Harbor deletes each artifact (DELETE_ARTIFACT for each, src/controller/repository/
   * controller.go), and the repository is gone by the time the handler looks it up, so `date_created` is left
   * out. Call before the repository leaves the state.
   */
  repositoryDeleted(artifacts: ArtifactRecord[], operator: string): void {
    for (const a of artifacts)
      this.artifactEvent('DELETE_ARTIFACT', a, operator, false);
  }

  /** Watches a requested scan; its end (by the clock) fires SCANNING_COMPLETED or SCANNING_FAILED. */
  scanRequested(
    artifact: ArtifactRecord,
    scan: ScanRecord,
    operator: string,
    tag: string,
  ): void {
    if (!this.enabled) return;
    this.scans.push({ artifact, scan, operator, tag });
    this.schedule();
  }

  /** A stopped scan: SCANNING_STOPPED, naming who requested it (or who stopped an unwatched one). */
  scanStopped(
    artifact: ArtifactRecord,
    scan: ScanRecord,
    stoppedBy: string,
  ): void {
    const watched = this.scans.find(w => w.scan === scan);
    if (watched) this.scans.splice(this.scans.indexOf(watched), 1);
    this.scanEvent(
      'SCANNING_STOPPED',
      watched ?? {
        artifact,
        scan,
        operator: stoppedBy,
        tag: scannedTag(artifact, artifact.digest),
      },
    );
  }

  /** A push refused by the project's quota (`QUOTA_EXCEED`, with the 403's message as `Details`). */
  quotaExceeded(
    project: ProjectRecord,
    push: { repository: string; tag?: string; digest?: string },
    operator: string,
    message: string,
  ): void {
    this.fire(
      project,
      quotaPayload({
        type: 'QUOTA_EXCEED',
        occurAt: this.core.clock.now(),
        operator,
        project,
        repoFullName: `${project.name}/${push.repository}`,
        tag: push.tag,
        digest: push.digest,
        message,
      }),
    );
  }

  /** Looks for watched scans that have ended and fires their events. */
  checkScans(): void {
    const now = this.core.clock.now();
    for (const watched of [...this.scans]) {
      const { artifact, scan } = watched;
      const gone =
        !artifact.scans.includes(scan) ||
        !this.core.state.artifacts.includes(artifact);
      const status = scanStateAt(
        scan,
        artifact,
        now,
        this.core.scanDurations,
      ).status;
      if (!gone && status !== 'Success' && status !== 'Error') continue;
      this.scans.splice(this.scans.indexOf(watched), 1);
      if (gone) continue;
      this.scanEvent(
        status === 'Success' ? 'SCANNING_COMPLETED' : 'SCANNING_FAILED',
        watched,
      );
    }
  }

  private artifactEvent(
    type: 'PUSH_ARTIFACT' | 'DELETE_ARTIFACT',
    artifact: ArtifactRecord,
    operator: string,
    repositoryKnown = true,
  ) {
    const { state, clock, externalUrl } = this.core;
    const project = state.projectById(artifact.project_id);
    const repository = state.repositories.find(
      r => r.id === artifact.repository_id,
    );
    if (!project || !repository) return;
    this.fire(
      project,
      artifactPayload({
        type,
        occurAt: clock.now(),
        operator,
        project,
        repository,
        digest: artifact.digest,
        tags: artifact.tags.map(t => t.name),
        externalUrl: externalUrl(),
        repositoryKnown,
      }),
    );
  }

  private scanEvent(
    type: 'SCANNING_COMPLETED' | 'SCANNING_FAILED' | 'SCANNING_STOPPED',
    { artifact, scan, operator, tag }: WatchedScan,
  ) {
    const { state, clock, scanDurations, externalUrl } = this.core;
    const project = state.projectById(artifact.project_id);
    const repository = state.repositories.find(
      r => r.id === artifact.repository_id,
    );
    if (!project || !repository) return;
    const now = clock.now();
    const summary = nativeReportSummary(scan, artifact, now, scanDurations);
    const ended = scan.end_time ?? summary.end_time;
    this.fire(
      project,
      scanPayload({
        type,
        occurAt: ended && !ended.startsWith('0001') ? Date.parse(ended) : now,
        operator,
        project,
        repository,
        digest: artifact.digest,
        tag,
        mimeType: scan.mimeType,
        summary,
        externalUrl: externalUrl(),
      }),
    );
  }

  /** src/server/middleware/quota/quota.go `tryWarningNotification`, after every accepted push. */
  private quotaWarning(artifact: ArtifactRecord, operator: string) {
    const { state, clock } = this.core;
    const quota = state.quotaOfProject(artifact.project_id);
    const project = state.projectById(artifact.project_id);
    const repository = state.repositories.find(
      r => r.id === artifact.repository_id,
    );
    if (!quota || quota.hard < 0 || !project || !repository) return;
    const used = state.projectStorageUsed(project.project_id);
    if (used * 100 < quota.hard * QUOTA_WARNING_PERCENT) return;
    this.fire(
      project,
      quotaPayload({
        type: 'QUOTA_WARNING',
        occurAt: clock.now(),
        operator,
        project,
        repoFullName: repository.name,
        tag: artifact.tags[0]?.name,
        digest: artifact.digest,
        message: `quota usage reach ${QUOTA_WARNING_PERCENT}%: resource storage used ${byteCountToDisplaySize(
          used,
        )} of ${byteCountToDisplaySize(quota.hard)}`,
      }),
    );
  }

  private fire(project: ProjectRecord, payload: HarborWebhookPayload) {
    const { state } = this.core;
    if (!this.enabled || !state.configuration.notification_enable) return;
    const eventId = this.nextEventId++;
    for (const policy of state.webhookPolicies) {
      if (policy.project_id !== project.project_id || !policy.enabled) continue;
      if (!(policy.event_types ?? []).includes(payload.type)) continue;
      for (const target of policy.targets ?? []) {
        if (target.type !== 'http' || !target.address) continue;
        this.queue.enqueue(eventId, payload, {
          projectId: project.project_id,
          policyId: policy.id,
          policyName: policy.name ?? '',
          address: target.address,
          payloadFormat: target.payload_format,
          authHeader: target.auth_header,
          skipCertVerify: Boolean(target.skip_cert_verify),
        });
      }
    }
    this.queue.pump();
    this.schedule();
  }

  /** Runs the real-time poll while anything waits: due attempts and scans that may have ended. */
  private schedule() {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      this.checkScans();
      this.queue.pump();
      if (!this.queue.busy && this.scans.length === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, this.retry.pollMs);
    this.timer.unref?.();
  }
}
