import { Link } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { TableCell, TableRow, Typography } from '@material-ui/core';
import {
  HARBOR_PLATFORM_NAMESPACE_ANNOTATION,
  harborEntityHealthReadPermission,
  isHarborPlatformAvailable,
  type PlatformCheckStatus,
} from '@backstage-harbor/plugin-harbor-common';
import type { ReactNode } from 'react';
import { useHarborPlatformStatus } from '../../hooks';
import { formatRelativeTime } from '../format';
import { useRunbook } from '../runbook';
import { SimpleTable } from '../SimpleTable';
import { StatusIndicator, type StatusKind } from '../StatusIndicator';
import { HarborErrorPanel, LoadingSkeleton } from '../states';
import { HarborEntityCard } from './HarborEntityCard';

const CHECK_KIND: Record<PlatformCheckStatus, StatusKind> = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  unknown: 'pending',
};

/** The status indicator of a check; its label is the status word, so it reads without colour. */
export function CheckStatus(props: {
  status: PlatformCheckStatus;
  children?: ReactNode;
}) {
  return (
    <StatusIndicator kind={CHECK_KIND[props.status] ?? 'pending'}>
      {props.children ?? props.status}
    </StatusIndicator>
  );
}

function PlatformStatus(props: { entity: Entity }) {
  const { value, error, retry } = useHarborPlatformStatus(props.entity);
  const { sectionUrl } = useRunbook();
  if (error) {
    return (
      <HarborErrorPanel error={error} what="platform status" onRetry={retry} />
    );
  }
  if (!value) return <LoadingSkeleton rows={8} title={false} />;
  const problems = value.checks.filter(c => c.status !== 'ok').length;
  return (
    <>
      <Typography variant="body2" paragraph>
        <CheckStatus status={value.status}>
          {problems === 0
            ? `All ${value.checks.length} checks pass`
            : `${problems} of ${value.checks.length} checks need attention`}
        </CheckStatus>{' '}
        Namespace <code>{value.namespace}</code> of {value.cluster}
        {value.chartVersion ? `, chart ${value.chartVersion}` : ''}, read{' '}
        {formatRelativeTime(value.fetchedAt)}.
      </Typography>
      <SimpleTable
        label="Harbor platform checks"
        columns={['Status', 'Check', 'Finding', 'Runbook']}
      >
        {value.checks.map(check => (
          <TableRow key={check.id}>
            <TableCell>
              <CheckStatus status={check.status} />
            </TableCell>
            <TableCell>{check.title}</TableCell>
            <TableCell>{check.message}</TableCell>
            <TableCell>
              <Link
                to={sectionUrl(check.runbook)}
                aria-label={`Runbook for ${check.title}`}
              >
                Runbook
              </Link>
            </TableCell>
          </TableRow>
        ))}
      </SimpleTable>
    </>
  );
}

/**
 * The Harbor platform on Kubernetes (workloads, HelmRelease, database and backups, Dragonfly, certificate,
 * ExternalSecrets), what is wrong first, each check linking to its runbook section. For the System with
 * `goharbor.io/platform-namespace`.
 * @public
 */
export function EntityHarborPlatformStatusCard() {
  return (
    <HarborEntityCard
      title="Harbor platform"
      runbookLink
      permission={harborEntityHealthReadPermission}
      what="platform status"
      annotation={{
        name: HARBOR_PLATFORM_NAMESPACE_ANNOTATION,
        isAvailable: isHarborPlatformAvailable,
      }}
    >
      {entity => <PlatformStatus entity={entity} />}
    </HarborEntityCard>
  );
}
