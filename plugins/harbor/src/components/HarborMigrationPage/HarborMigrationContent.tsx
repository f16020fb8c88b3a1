import {
  CodeSnippet,
  EmptyState,
  InfoCard,
  Table,
  WarningPanel,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type {
  MigrationNotConfigured,
  MigrationStatus,
} from '@backstage-harbor/plugin-harbor-common';
import { useMigrationStatus } from '../../hooks';
import { HarborErrorPanel, LoadingSkeleton, statusOf } from '../states';
import { formatDateTime } from '../format';
import { migrationColumns, migrationRows } from './migrationColumns';
import { migrationSummary } from './migrationStates';
import { TagComparison } from './TagComparison';

const CONFIG_EXAMPLE = `harbor:
  migration:
    sourceRegistry:
      url: https://registry.old.example.com
      username: migration-reader
      password: \${OLD_REGISTRY_PASSWORD}
    rules: # the first matching prefix wins
      - prefix: team-a/
        project: team-a
      - prefix: ''
        project: legacy`;

function NotConfigured(props: { status: MigrationNotConfigured }) {
  return (
    <EmptyState
      missing="field"
      title="No old registry configured"
      description={`${props.status.message}. The migration page then compares each repository of the old registry with Harbor.`}
      action={<CodeSnippet language="yaml" text={CONFIG_EXAMPLE} />}
    />
  );
}

function Summary(props: { status: MigrationStatus }) {
  const { status } = props;
  return (
    <Box mb={2}>
      <Alert
        severity={status.summary.canRetire ? 'success' : 'info'}
        data-testid="migration-summary"
      >
        <Typography variant="body1">{migrationSummary(status)}</Typography>
        <Typography variant="caption" display="block">
          Old registry {status.registry} → Harbor instance “{status.instance}”
          (registry endpoint {status.registryName}), read{' '}
          {formatDateTime(status.fetchedAt)}
          {status.summary.canRetire
            ? '. Everything is migrated and nothing pulls from it: the old registry can go.'
            : ''}
        </Typography>
      </Alert>
    </Box>
  );
}

function Warnings(props: { status: MigrationStatus }) {
  const { status } = props;
  return (
    <>
      {!status.rulesConfigured && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="No mapping rules configured"
            message="Set harbor.migration.rules (prefix → project) so that each repository of the old registry is compared with its Harbor repository."
          />
        </Box>
      )}
      {status.unmapped.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={`${status.unmapped.length} repositories no rule maps`}
            message={`They are not migrated: ${status.unmapped.join(', ')}`}
          />
        </Box>
      )}
      {status.workloads.state !== 'checked' && (
        <Box mb={2}>
          <WarningPanel
            severity="info"
            title="Workloads not checked"
            message={status.workloads.message}
          />
        </Box>
      )}
      {status.workloads.unmatched.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={`${status.workloads.unmatched.length} workloads pull old-registry images no rule maps`}
            message={status.workloads.unmatched
              .map(w => `${w.namespace}/${w.pod}: ${w.image}`)
              .join('; ')}
          />
        </Box>
      )}
      {status.stale && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={`Harbor is unreachable: showing data from ${formatDateTime(
              status.fetchedAt,
            )}`}
          />
        </Box>
      )}
    </>
  );
}

/** The migration status off the old registry, without a page header (the new frontend system adds one). */
export function HarborMigrationContent(props: { project?: string }) {
  const { value, loading, error, retry } = useMigrationStatus(props.project);
  if (error) {
    if (statusOf(error) === 403) {
      return (
        <EmptyState
          missing="info"
          title="You don't have access"
          description="The migration status needs the permission harbor.migration.read; ask the platform team."
        />
      );
    }
    return (
      <HarborErrorPanel error={error} what="migration status" onRetry={retry} />
    );
  }
  if (loading && !value) return <LoadingSkeleton rows={5} />;
  if (!value) return null;
  if (!value.configured) return <NotConfigured status={value} />;
  return (
    <>
      <Summary status={value} />
      <Warnings status={value} />
      {value.repositories.length === 0 ? (
        <InfoCard title="Repositories">
          <Typography>No repository of the old registry is mapped.</Typography>
        </InfoCard>
      ) : (
        <Table
          title="Repositories of the old registry"
          options={{ paging: value.repositories.length > 20, pageSize: 20 }}
          columns={migrationColumns}
          data={migrationRows(value.repositories)}
          detailPanel={({ rowData }) => (
            <TagComparison source={rowData.source} tags={rowData.tags} />
          )}
        />
      )}
    </>
  );
}
