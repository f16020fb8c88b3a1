import type {
  MigrationReplication,
  MigrationRepositoryState,
  MigrationStatus,
} from '@backstage-harbor/plugin-harbor-common';

/** How a repository state reads and which palette colour its chip has. */
export const REPOSITORY_STATES: Record<
  MigrationRepositoryState,
  {
    label: string;
    color: 'success' | 'warning' | 'error' | 'info';
    help: string;
  }
> = {
  migrated: {
    label: 'Migrated',
    color: 'success',
    help: 'Every tag of the old registry is in Harbor on the same digest.',
  },
  'missing-tags': {
    label: 'Missing tags',
    color: 'warning',
    help: 'Some tags of the old registry are not in Harbor yet: run the replication again.',
  },
  'digest-mismatch': {
    label: 'Digest mismatch',
    color: 'error',
    help: 'Harbor has a tag on another image than the old registry: someone pushed to one side after the replication. Decide which image is right before switching.',
  },
  'not-replicated': {
    label: 'Not replicated',
    color: 'info',
    help: 'None of its tags is in Harbor yet.',
  },
};

/** The replication column's text. */
export function replicationLabel(replication: MigrationReplication): string {
  switch (replication.state) {
    case 'no-policy':
      return 'No replication policy';
    case 'not-in-policy':
      return 'Not in the policy’s name filter';
    case 'never-run':
      return 'Policy never run';
    default: {
      const last = replication.lastExecution;
      const status = last?.status === 'Succeed' ? 'Succeeded' : last?.status;
      const counts =
        last?.total !== undefined
          ? ` (${last.succeed ?? 0}/${last.total} copied${
              last.failed ? `, ${last.failed} failed` : ''
            })`
          : '';
      return `${status}${counts}`;
    }
  }
}

/** The header line: how far the migration is and what still holds the old registry. */
export function migrationSummary(status: MigrationStatus): string {
  const { repositories, migrated, workloadsOnOldRegistry } = status.summary;
  const workloads =
    status.workloads.state === 'checked'
      ? `${workloadsOnOldRegistry} workload${
          workloadsOnOldRegistry === 1 ? '' : 's'
        } still on the old registry`
      : 'workloads not checked (no cluster)';
  return `${migrated} of ${repositories} repositories migrated, ${workloads} — the old registry can go when both are zero`;
}
