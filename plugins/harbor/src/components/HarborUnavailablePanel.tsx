import type { ReactNode } from 'react';
import { WarningPanel } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import {
  HARBOR_ERROR_NAMES,
  REGISTRY_HEALTH_RUNBOOK,
} from '@backstage-harbor/plugin-harbor-common';
import {
  backendErrorName,
  backendLastReachableAt,
  backendMessage,
} from './errors';
import { formatDateTime, formatRelativeTime } from './format';
import { RunbookLink } from './RunbookLink';

/**
 * A 503 from the backend about a Harbor instance: its credentials were rejected, or it is unreachable with nothing
 * cached. Says which, in the backend's words, and links the runbook section; never a stack trace or raw JSON.
 */
export function HarborUnavailablePanel(props: {
  error: Error;
  retry?: ReactNode;
  /** `warning` for a part of a page whose other parts still show (the audit trail under the tables). */
  severity?: 'error' | 'warning';
}) {
  const { error, retry, severity = 'error' } = props;
  const rejected =
    backendErrorName(error) === HARBOR_ERROR_NAMES.credentialsRejected;
  const lastReachableAt = backendLastReachableAt(error);
  return (
    <WarningPanel
      severity={severity}
      defaultExpanded
      title={
        rejected
          ? 'Harbor rejected the configured credentials'
          : 'Harbor is unreachable'
      }
      message={
        <>
          <Typography variant="body2" paragraph>
            {backendMessage(error)}
          </Typography>
          {!rejected && lastReachableAt && (
            <Typography variant="body2" paragraph>
              Harbor was last reachable {formatRelativeTime(lastReachableAt)} (
              {formatDateTime(lastReachableAt)}).
            </Typography>
          )}
          <Typography variant="body2" paragraph>
            {rejected
              ? 'Nothing of this instance is shown until the platform team fixes the credentials the backend uses for it.'
              : 'No cached data is available yet. Try again in a few minutes; if it lasts, tell the platform team that owns the registry.'}
            <RunbookLink
              section={
                rejected
                  ? REGISTRY_HEALTH_RUNBOOK.credentialsRejected
                  : REGISTRY_HEALTH_RUNBOOK.unavailable
              }
              what={rejected ? 'credentials rejected' : 'Harbor unavailable'}
            />
          </Typography>
          {retry}
        </>
      }
    />
  );
}
