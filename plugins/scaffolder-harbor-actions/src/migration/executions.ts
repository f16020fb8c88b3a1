import type {
  HarborClient,
  HarborReplicationExecution,
  MigrationVerification,
} from '@backstage-harbor/plugin-harbor-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { ExecutionStatus, PolicyResult } from './replicationReconciler';

export interface TrackOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  signal?: AbortSignal;
  onProgress?: (execution: HarborReplicationExecution) => void;
}

/** Polls executions until each one leaves InProgress, or the timeout passes (then they stay InProgress). */
export async function trackExecutions(
  client: HarborClient,
  executionIds: number[],
  options: TrackOptions,
): Promise<Map<number, HarborReplicationExecution>> {
  const deadline = options.now() + options.timeoutMs;
  const results = new Map<number, HarborReplicationExecution>();
  let pending = [...executionIds];
  for (;;) {
    for (const id of pending) {
      const execution = await client.replication.getExecution(id);
      results.set(id, execution);
      options.onProgress?.(execution);
    }
    pending = pending.filter(id => results.get(id)?.status === 'InProgress');
    if (pending.length === 0 || options.now() >= deadline) return results;
    if (options.signal?.aborted) return results;
    await options.sleep(options.pollIntervalMs);
  }
}

/** A progress log line per poll of an execution. */
export const logProgress =
  (logger: LoggerService) => (e: HarborReplicationExecution) =>
    logger.info(
      `replication execution ${e.id}: ${e.status} (${e.succeed ?? 0}/${
        e.total ?? 0
      } tasks succeeded, ${e.failed ?? 0} failed)`,
    );

/** Tracks the started or running executions of `policies` and sets their final (or last seen) status. */
export async function trackPolicies(
  client: HarborClient,
  policies: PolicyResult[],
  options: TrackOptions,
): Promise<PolicyResult[]> {
  const tracked = policies.filter(r => r.executionId !== undefined);
  const executions = await trackExecutions(
    client,
    tracked.map(r => r.executionId!),
    options,
  );
  for (const r of tracked) {
    r.status =
      (executions.get(r.executionId!)?.status as ExecutionStatus) ?? r.status;
  }
  return tracked;
}

/**
 * How a tracked replication ends: an error for executions still running at the timeout (a rerun tracks them),
 * for executions that did not succeed, or for tags that still differ after they did; else a closing log line.
 */
export function checkReplication(
  logger: LoggerService,
  tracked: PolicyResult[],
  after: MigrationVerification,
  timeoutMinutes: number,
): void {
  const unfinished = tracked.filter(r => r.status === 'InProgress');
  if (unfinished.length) {
    throw new ServiceUnavailableError(
      `Replication still in progress after ${timeoutMinutes} minutes: ${unfinished
        .map(r => `${r.policy} (execution ${r.executionId})`)
        .join(
          ', ',
        )}; it goes on in Harbor, run the action again later to track and verify it`,
    );
  }
  const failed = tracked.filter(r => r.status !== 'Succeed');
  if (failed.length) {
    throw new ServiceUnavailableError(
      `Replication ${failed
        .map(r => `${r.policy} (execution ${r.executionId}) ${r.status}`)
        .join(
          ', ',
        )}; see the execution's tasks and logs in Harbor, then run the action again`,
    );
  }
  if (!after.complete) {
    logger.warn(
      `Verification: ${after.missingTags} tag(s) missing and ${after.mismatchedTags} with another digest in Harbor`,
    );
    throw new ServiceUnavailableError(
      `Replication succeeded but ${after.missingTags} tag(s) are missing in Harbor and ${after.mismatchedTags} have another digest (see the verification output); run the action again or check the policies' filters`,
    );
  }
  logger.info(
    `Verification: all ${after.matchingTags} tags are in Harbor with the same digests`,
  );
}
