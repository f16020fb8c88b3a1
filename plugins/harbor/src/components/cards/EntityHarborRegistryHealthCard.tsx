import {
  Link,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import {
  Box,
  LinearProgress,
  Table,
  TableBody,
  Tooltip,
  Typography,
} from '@material-ui/core';
import type { Entity } from '@backstage/catalog-model';
import {
  REGISTRY_HEALTH_RUNBOOK,
  type RunbookSection,
  harborEntityHealthReadPermission,
  type HarborJobRun,
  type HarborProjectQuota,
  type RegistryHealth,
} from '@backstage-harbor/plugin-harbor-common';
import { useRegistryHealth } from '../../hooks';
import { RunbookLink } from '../RunbookLink';
import { StatusIndicator, type StatusKind } from '../StatusIndicator';
import {
  formatDateTime,
  formatQuota,
  formatRelativeTime,
  quotaPercent,
} from '../format';
import { HarborErrorPanel, LoadingSkeleton, StaleDataBanner } from '../states';
import { HarborEntityCard } from './HarborEntityCard';
import {
  ConnectionRow,
  CredentialsRejectedRow,
  credentialsRejected,
  Row,
} from './RegistryConnection';

const JOB_OUTCOME_KIND: Record<HarborJobRun['outcome'], StatusKind> = {
  succeeded: 'ok',
  failed: 'error',
  running: 'running',
  stopped: 'aborted',
  unknown: 'pending',
};

function JobRun(props: { run?: HarborJobRun }) {
  const { run } = props;
  if (!run) return <StatusAborted>Never run</StatusAborted>;
  const when = formatRelativeTime(run.endTime ?? run.startTime);
  const label = `${run.status}${run.policy ? ` (${run.policy})` : ''}, ${when}`;
  return (
    <Tooltip
      title={`Started ${formatDateTime(run.startTime)}, ended ${formatDateTime(
        run.endTime,
      )}`}
    >
      <span>
        <StatusIndicator kind={JOB_OUTCOME_KIND[run.outcome]}>
          {label}
        </StatusIndicator>
      </span>
    </Tooltip>
  );
}

function ScannerState(props: { scanner: RegistryHealth['scanner'] }) {
  const { scanner } = props;
  if (!scanner) return <StatusWarning>No scanner configured</StatusWarning>;
  if (!scanner.healthy) {
    return <StatusError>{scanner.name} is unhealthy</StatusError>;
  }
  return (
    <StatusOK>
      {scanner.name} {scanner.version ?? ''}
    </StatusOK>
  );
}

function AuditLogForwardingState(props: {
  forwarding: NonNullable<RegistryHealth['auditLogForwarding']>;
}) {
  const { forwarding } = props;
  switch (forwarding.status) {
    case 'configured':
      return (
        <Typography variant="body2">
          Forwarded to <code>{forwarding.endpoint}</code>
          {forwarding.skipDatabase ? ' only (not kept in Harbor)' : ''}
        </Typography>
      );
    case 'not-configured':
      return <Typography variant="body2">Not configured</Typography>;
    default:
      return (
        <Typography variant="body2">Unknown: {forwarding.reason}</Typography>
      );
  }
}

function InstanceRow(props: { health: RegistryHealth }) {
  const { health } = props;
  return (
    <Row label="Instance">
      <Link to={health.harborUrl}>{health.instance}</Link>
      {health.version && (
        <Typography variant="body2" component="span" color="textSecondary">
          {' '}
          {health.version}
        </Typography>
      )}
    </Row>
  );
}

const OVERALL_STATUS: Record<RegistryHealth['status'], JSX.Element> = {
  healthy: <StatusOK>Healthy</StatusOK>,
  unhealthy: <StatusError>Unhealthy</StatusError>,
  unreachable: <StatusError>Unreachable</StatusError>,
  'credentials-rejected': <StatusError>Credentials rejected</StatusError>,
};

function StatusRow(props: { status: RegistryHealth['status'] }) {
  const { status } = props;
  return (
    <Row label="Status">
      {OVERALL_STATUS[status] ?? OVERALL_STATUS.unreachable}
      {status !== 'healthy' && (
        <RunbookLink
          section={
            status === 'unreachable'
              ? REGISTRY_HEALTH_RUNBOOK.unreachable
              : REGISTRY_HEALTH_RUNBOOK.componentUnhealthy
          }
          what="Harbor unhealthy"
        />
      )}
    </Row>
  );
}

function ComponentsRow(props: { components: RegistryHealth['components'] }) {
  const { components } = props;
  const unhealthy = components.filter(c => c.status !== 'healthy');
  return (
    <Row label="Components">
      {components.length === 0 && '—'}
      {components.length > 0 && unhealthy.length === 0 && (
        <StatusOK>All {components.length} healthy</StatusOK>
      )}
      {unhealthy.map(component => (
        <Box key={component.name}>
          <StatusError>
            {component.name}
            {component.error ? `: ${component.error}` : ''}
          </StatusError>
          <RunbookLink
            section={REGISTRY_HEALTH_RUNBOOK.componentUnhealthy}
            what={`${component.name} unhealthy`}
          />
        </Box>
      ))}
    </Row>
  );
}

function ModeRow(props: { readOnly?: boolean }) {
  return (
    <Row label="Mode">
      {props.readOnly ? (
        <>
          <StatusWarning>Read-only: pushes are refused</StatusWarning>
          <RunbookLink
            section={REGISTRY_HEALTH_RUNBOOK.readOnly}
            what="read-only mode"
          />
        </>
      ) : (
        <StatusOK>Read-write</StatusOK>
      )}
    </Row>
  );
}

function ScannerRow(props: { scanner: RegistryHealth['scanner'] }) {
  const { scanner } = props;
  return (
    <Row label="Scanner">
      <ScannerState scanner={scanner} />
      {scanner && !scanner.healthy && (
        <RunbookLink
          section={REGISTRY_HEALTH_RUNBOOK.scannerUnhealthy}
          what="scanner unhealthy"
        />
      )}
    </Row>
  );
}

/** The last run of a Harbor job, with the runbook section for when it failed. */
function JobRunRow(props: {
  label: string;
  run?: HarborJobRun;
  runbook: RunbookSection;
  what: string;
}) {
  return (
    <Row label={props.label}>
      <JobRun run={props.run} />
      {props.run?.outcome === 'failed' && (
        <RunbookLink section={props.runbook} what={props.what} />
      )}
    </Row>
  );
}

function QuotaRow(props: { quota: HarborProjectQuota }) {
  const { quota } = props;
  const percent = quotaPercent(quota.used, quota.limit);
  return (
    <Row label={`Quota ${quota.project}`}>
      <Typography variant="body2">
        {formatQuota(quota.used, quota.limit)}
      </Typography>
      {percent !== undefined && (
        <LinearProgress
          variant="determinate"
          value={percent}
          color={percent >= 90 ? 'secondary' : 'primary'}
          aria-label={`Quota used by ${quota.project}`}
        />
      )}
      {percent !== undefined && percent >= 90 && (
        <RunbookLink
          section={REGISTRY_HEALTH_RUNBOOK.quotaNearlyFull}
          what={`quota of ${quota.project} nearly full`}
        />
      )}
    </Row>
  );
}

function HealthTable(props: { health: RegistryHealth }) {
  const { health } = props;
  if (credentialsRejected(health)) {
    // What Harbor answers an anonymous caller is not this instance's health: show why, and the connection only.
    return (
      <Table size="small" aria-label="Registry health">
        <TableBody>
          <InstanceRow health={health} />
          <CredentialsRejectedRow health={health} />
          {health.connection && (
            <ConnectionRow connection={health.connection} />
          )}
        </TableBody>
      </Table>
    );
  }
  return (
    <Table size="small" aria-label="Registry health">
      <TableBody>
        <InstanceRow health={health} />
        <StatusRow status={health.status} />
        {health.connection && <ConnectionRow connection={health.connection} />}
        <ComponentsRow components={health.components} />
        <ModeRow readOnly={health.readOnly} />
        <ScannerRow scanner={health.scanner} />
        <JobRunRow
          label="Last replication"
          run={health.lastReplication}
          runbook={REGISTRY_HEALTH_RUNBOOK.replicationFailed}
          what="replication failed"
        />
        <JobRunRow
          label="Last garbage collection"
          run={health.lastGarbageCollection}
          runbook={REGISTRY_HEALTH_RUNBOOK.garbageCollectionFailed}
          what="garbage collection failed"
        />
        {health.auditLogForwarding && (
          <Row label="Audit log forwarding">
            <AuditLogForwardingState forwarding={health.auditLogForwarding} />
          </Row>
        )}
        {health.quotas.map(quota => (
          <QuotaRow key={quota.project} quota={quota} />
        ))}
      </TableBody>
    </Table>
  );
}

function Health(props: { entity: Entity }) {
  const { value, error, retry } = useRegistryHealth(props.entity);
  if (error) {
    return (
      <HarborErrorPanel error={error} what="registry health" onRetry={retry} />
    );
  }
  if (!value) return <LoadingSkeleton rows={6} title={false} />;
  return (
    <>
      {value.stale && !credentialsRejected(value) && (
        <StaleDataBanner
          fetchedAt={value.fetchedAt}
          instance={value.instance}
        />
      )}
      <HealthTable health={value} />
    </>
  );
}

/**
 * The health of the Harbor instance behind the entity: components, version, read-only mode, quotas of the
 * entity's projects, scanner, last replication and garbage collection; with a link to the runbook.
 * @public
 */
export function EntityHarborRegistryHealthCard() {
  return (
    <HarborEntityCard
      title="Registry health"
      runbookLink
      permission={harborEntityHealthReadPermission}
      what="registry health"
      annotation={false}
    >
      {entity => <Health entity={entity} />}
    </HarborEntityCard>
  );
}
