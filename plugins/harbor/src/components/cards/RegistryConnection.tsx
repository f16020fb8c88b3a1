import type { ReactNode } from 'react';
import { TableCell, TableRow, Typography } from '@material-ui/core';
import {
  REGISTRY_HEALTH_RUNBOOK,
  type HarborConnectionState,
  type RegistryHealth,
} from '@backstage-harbor/plugin-harbor-common';
import { formatDateTime, formatRelativeTime } from '../format';
import { RunbookLink } from '../RunbookLink';
import { StatusIndicator, type StatusKind } from '../StatusIndicator';

/** One labelled row of the registry health table. */
export function Row(props: { label: string; children: ReactNode }) {
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

const CONNECTION_STATES: Record<
  HarborConnectionState,
  { kind: StatusKind; label: string }
> = {
  available: { kind: 'ok', label: 'Available' },
  unavailable: {
    kind: 'error',
    label: 'Unavailable: answered from the cache',
  },
  recovering: {
    kind: 'warning',
    label: 'Recovering: testing whether Harbor is back',
  },
  'credentials-rejected': { kind: 'error', label: 'Credentials rejected' },
  unknown: { kind: 'pending', label: 'Not checked yet' },
};

/** Whether the backend's credentials for the instance were rejected: then nothing else of it is shown. */
export function credentialsRejected(health: RegistryHealth): boolean {
  return (
    health.status === 'credentials-rejected' ||
    health.connection?.state === 'credentials-rejected'
  );
}

/** The backend's connection to the instance (circuit breaker and credential check) and when it last answered. */
export function ConnectionRow(props: {
  connection: NonNullable<RegistryHealth['connection']>;
}) {
  const { connection } = props;
  const { kind, label } =
    CONNECTION_STATES[connection.state] ?? CONNECTION_STATES.unknown;
  const troubled =
    connection.state === 'unavailable' || connection.state === 'recovering';
  return (
    <Row label="Connection">
      <StatusIndicator kind={kind}>{label}</StatusIndicator>
      {troubled && (
        <RunbookLink
          section={REGISTRY_HEALTH_RUNBOOK.unavailable}
          what="Harbor unavailable"
        />
      )}
      <Typography variant="body2" color="textSecondary">
        {connection.lastReachableAt
          ? `Last reachable ${formatRelativeTime(
              connection.lastReachableAt,
            )} (${formatDateTime(connection.lastReachableAt)})`
          : 'Not reachable since the backend started'}
      </Typography>
    </Row>
  );
}

/** The status row of an instance that rejected the configured credentials, in place of its component health. */
export function CredentialsRejectedRow(props: { health: RegistryHealth }) {
  const { health } = props;
  return (
    <Row label="Status">
      <StatusIndicator kind="error">
        Harbor instance "{health.instance}" rejected the configured credentials
      </StatusIndicator>
      <RunbookLink
        section={REGISTRY_HEALTH_RUNBOOK.credentialsRejected}
        what="credentials rejected"
      />
      <Typography variant="body2" color="textSecondary">
        {health.connection?.message ??
          'Harbor answers them as anonymous, with public data only: its health, quotas and jobs are not shown.'}
      </Typography>
    </Row>
  );
}
