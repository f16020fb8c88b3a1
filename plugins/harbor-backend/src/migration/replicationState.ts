import {
  HarborReplicationExecution,
  HarborReplicationPolicy,
  doublestarMatch,
} from '@backstage-harbor/plugin-harbor-node';
import type { MigrationReplication } from '@backstage-harbor/plugin-harbor-common';

/**
 * Whether the policy's name filters take the source repository, matched as Harbor matches them (no name filter
 * takes every repository). A pattern Harbor refuses takes nothing: Harbor fails the execution instead.
 */
export function policyTakes(
  policy: HarborReplicationPolicy,
  source: string,
): boolean {
  const names = (policy.filters ?? []).filter(f => f.type === 'name');
  return names.every(f => {
    let matches: boolean;
    try {
      matches = doublestarMatch(String(f.value ?? ''), source);
    } catch {
      return false;
    }
    return f.decoration === 'excludes' ? !matches : matches;
  });
}

/** The view of one repository's replication: its project's policy and that policy's last execution. */
export function replicationView(options: {
  policyName: string;
  policy?: HarborReplicationPolicy;
  last?: HarborReplicationExecution;
  source: string;
  uiUrl: string;
}): MigrationReplication {
  const { policyName, policy, last, source } = options;
  const harborUrl = `${options.uiUrl.replace(/\/+$/, '')}/harbor/replications`;
  if (!policy?.id) return { policyName, state: 'no-policy' };
  const base = {
    policyName,
    policyId: policy.id,
    enabled: policy.enabled !== false,
    harborUrl,
  };
  if (!policyTakes(policy, source)) return { ...base, state: 'not-in-policy' };
  if (!last?.id) return { ...base, state: 'never-run' };
  return {
    ...base,
    state: 'executed',
    lastExecution: {
      id: last.id,
      status: last.status ?? 'unknown',
      startTime: last.start_time,
      endTime: last.end_time,
      total: last.total,
      succeed: last.succeed,
      failed: last.failed,
    },
  };
}
