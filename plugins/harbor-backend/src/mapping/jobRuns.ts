import type {
  HarborGCHistory,
  HarborReplicationExecution,
} from '@backstage-harbor/plugin-harbor-node';
import { HarborJobRun } from '@backstage-harbor/plugin-harbor-common';

/*
 * Harbor's job status words: replication executions go InProgress → Succeed | Failed | Stopped
 * (pkg/replication); GC and other jobservice jobs use Pending, Scheduled, Running, Success, Error, Stopped.
 */
const OUTCOMES: Record<string, HarborJobRun['outcome']> = {
  succeed: 'succeeded',
  success: 'succeeded',
  succeeded: 'succeeded',
  failed: 'failed',
  error: 'failed',
  inprogress: 'running',
  running: 'running',
  pending: 'running',
  scheduled: 'running',
  stopped: 'stopped',
};

export function jobOutcome(
  status: string | undefined,
): HarborJobRun['outcome'] {
  return (
    OUTCOMES[(status ?? '').replace(/[\s_-]/g, '').toLowerCase()] ?? 'unknown'
  );
}

export function replicationRun(
  execution: HarborReplicationExecution,
  policyName?: string,
): HarborJobRun {
  const status = execution.status ?? '';
  return {
    status,
    outcome: jobOutcome(status),
    startTime: execution.start_time || undefined,
    endTime: execution.end_time || undefined,
    policy: policyName,
  };
}

export function garbageCollectionRun(run: HarborGCHistory): HarborJobRun {
  const status = run.job_status ?? '';
  const outcome = jobOutcome(status);
  return {
    status,
    outcome,
    startTime: run.creation_time || undefined,
    // GC history has no end time; `update_time` is when the job last changed state, i.e. ended once it is done.
    endTime: outcome === 'running' ? undefined : run.update_time || undefined,
  };
}
