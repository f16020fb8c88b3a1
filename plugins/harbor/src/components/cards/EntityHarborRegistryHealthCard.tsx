import {
  InfoCard,
  Link,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  REGISTRY_HEALTH_RUNBOOK,
  type RunbookSection,
  harborEntityHealthReadPermission,
  type HarborJobRun,
  type RegistryHealth,
} from '@backstage-harbor/plugin-harbor-common';
import type { ReactNode } from 'react';
import { useRegistryHealth } from '../../hooks';
import { useRunbook } from '../runbook';
import {
  formatDateTime,
  formatQuota,
  formatRelativeTime,
  quotaPercent,
} from '../format';
import {
  HarborEntityGuard,
  HarborErrorPanel,
  LoadingSkeleton,
  StaleDataBanner,
} from '../states';

/** A link to the runbook section about a finding of the card. */
function RunbookLink(props: { section: RunbookSection; what: string }) {
  const { sectionUrl } = useRunbook();
  return (
    <>
      {' '}
      <Link
        to={sectionUrl(props.section)}
        aria-label={`Runbook: ${props.what}`}
      >
        Runbook
      </Link>
    </>
  );
}

function OverallStatus(props: { status: RegistryHealth['status'] }) {
  switch (props.status) {
    case 'healthy':
      return <StatusOK>Healthy</StatusOK>;
    case 'unhealthy':
      return <StatusError>Unhealthy</StatusError>;
    default:
      return <StatusError>Unreachable</StatusError>;
  }
}

function JobRun(props: { run?: HarborJobRun }) {
  const { run } = props;
  if (!run) return <StatusAborted>Never run</StatusAborted>;
  const when = formatRelativeTime(run.endTime ?? run.startTime);
  const label = `${run.status}${run.policy ? ` (${run.policy})` : ''}, ${when}`;
  const indicator = {
    succeeded: <StatusOK>{label}</StatusOK>,
    failed: <StatusError>{label}</StatusError>,
    running: <StatusRunning>{label}</StatusRunning>,
    stopped: <StatusAborted>{label}</StatusAborted>,
    unknown: <StatusPending>{label}</StatusPending>,
  }[run.outcome];
  return (
    <Tooltip
      title={`Started ${formatDateTime(run.startTime)}, ended ${formatDateTime(
        run.endTime,
      )}`}
    >
      <span>{indicator}</span>
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

function Row(props: { label: string; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" style={{ width: '35%' }}>
        <Typography variant="body2" style={{ fontWeight: 'bold' }}>
          {props.label}
        </Typography>
      </TableCell>
      <TableCell>{props.children}</TableCell>
    </TableRow>
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
  const unhealthy = value.components.filter(c => c.status !== 'healthy');
  return (
    <>
      {value.stale && (
        <StaleDataBanner
          fetchedAt={value.fetchedAt}
          instance={value.instance}
        />
      )}
      <Table size="small" aria-label="Registry health">
        <TableBody>
          <Row label="Instance">
            <Link to={value.harborUrl}>{value.instance}</Link>
            {value.version && (
              <Typography
                variant="body2"
                component="span"
                color="textSecondary"
              >
                {' '}
                {value.version}
              </Typography>
            )}
          </Row>
          <Row label="Status">
            <OverallStatus status={value.status} />
            {value.status !== 'healthy' && (
              <RunbookLink
                section={
                  value.status === 'unreachable'
                    ? REGISTRY_HEALTH_RUNBOOK.unreachable
                    : REGISTRY_HEALTH_RUNBOOK.componentUnhealthy
                }
                what="Harbor unhealthy"
              />
            )}
          </Row>
          <Row label="Components">
            {value.components.length === 0 && '—'}
            {value.components.length > 0 && unhealthy.length === 0 && (
              <StatusOK>All {value.components.length} healthy</StatusOK>
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
          <Row label="Mode">
            {value.readOnly ? (
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
          <Row label="Scanner">
            <ScannerState scanner={value.scanner} />
            {value.scanner && !value.scanner.healthy && (
              <RunbookLink
                section={REGISTRY_HEALTH_RUNBOOK.scannerUnhealthy}
                what="scanner unhealthy"
              />
            )}
          </Row>
          <Row label="Last replication">
            <JobRun run={value.lastReplication} />
            {value.lastReplication?.outcome === 'failed' && (
              <RunbookLink
                section={REGISTRY_HEALTH_RUNBOOK.replicationFailed}
                what="replication failed"
              />
            )}
          </Row>
          <Row label="Last garbage collection">
            <JobRun run={value.lastGarbageCollection} />
            {value.lastGarbageCollection?.outcome === 'failed' && (
              <RunbookLink
                section={REGISTRY_HEALTH_RUNBOOK.garbageCollectionFailed}
                what="garbage collection failed"
              />
            )}
          </Row>
          {value.auditLogForwarding && (
            <Row label="Audit log forwarding">
              <AuditLogForwardingState forwarding={value.auditLogForwarding} />
            </Row>
          )}
          {value.quotas.map(quota => {
            const percent = quotaPercent(quota.used, quota.limit);
            return (
              <Row key={quota.project} label={`Quota ${quota.project}`}>
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
          })}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * The health of the Harbor instance behind the entity: components, version, read-only mode, quotas of the
 * entity's projects, scanner, last replication and garbage collection; with a link to the runbook.
 * @public
 */
export function EntityHarborRegistryHealthCard() {
  const { entity } = useEntity();
  const { baseUrl: runbookUrl } = useRunbook();
  return (
    <InfoCard
      title="Registry health"
      deepLink={{ title: 'Registry runbook', link: runbookUrl }}
    >
      <HarborEntityGuard
        entity={entity}
        permission={harborEntityHealthReadPermission}
        what="registry health"
        requireAnnotation={false}
      >
        <Health entity={entity} />
      </HarborEntityGuard>
    </InfoCard>
  );
}
