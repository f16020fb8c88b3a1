import { Link, type TableColumn } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { MigrationRepositoryStatus } from '@backstage-harbor/plugin-harbor-common';
import { formatDateTime } from '../format';
import { MigrationStateChip } from './MigrationStateChip';
import { REPOSITORY_STATES, replicationLabel } from './migrationStates';

/** One row per old-registry repository; `id` keeps the table's detail panels stable across reloads. */
export type MigrationRow = MigrationRepositoryStatus & {
  id: string;
  stateLabel: string;
};

export function migrationRows(
  repositories: MigrationRepositoryStatus[],
): MigrationRow[] {
  return repositories.map(r => ({
    ...r,
    id: r.source,
    stateLabel: REPOSITORY_STATES[r.state].label,
  }));
}

export const migrationColumns: TableColumn<MigrationRow>[] = [
  {
    title: 'Old repository',
    field: 'source',
    highlight: true,
  },
  { title: 'Harbor repository', field: 'target' },
  {
    title: 'State',
    field: 'stateLabel',
    render: row => <MigrationStateChip state={row.state} />,
  },
  {
    title: 'Tags in Harbor',
    field: 'matchingTags',
    type: 'numeric',
    render: row => `${row.matchingTags} of ${row.tags.length}`,
  },
  {
    title: 'Replication',
    field: 'replication.state',
    render: row => {
      const { replication } = row;
      const label = replicationLabel(replication);
      const when = replication.lastExecution?.startTime;
      return (
        <Box>
          {replication.harborUrl ? (
            <Link to={replication.harborUrl}>{label}</Link>
          ) : (
            label
          )}
          <Typography variant="caption" display="block" color="textSecondary">
            {replication.policyName}
            {when ? ` · ${formatDateTime(when)}` : ''}
          </Typography>
        </Box>
      );
    },
  },
  {
    title: 'Workloads on the old registry',
    field: 'workloads.length',
    render: row =>
      row.workloads.length === 0
        ? 'None'
        : row.workloads.map(w => (
            <Typography
              key={`${w.namespace}/${w.pod}/${w.container}`}
              variant="body2"
            >
              {w.namespace}/{w.owner ?? w.pod}
            </Typography>
          )),
  },
];
