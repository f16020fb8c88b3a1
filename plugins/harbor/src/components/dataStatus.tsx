import { Alert, AlertTitle } from '@material-ui/lab';
import { Typography } from '@material-ui/core';
import {
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
  REGISTRY_HEALTH_RUNBOOK,
  type HarborDataStatus,
  type RunbookSection,
} from '@backstage-harbor/plugin-harbor-common';
import { formatDateTime, formatRelativeTime } from './format';
import { RunbookLink } from './RunbookLink';

/*
 * The state of one repository's data in an answer, as the entity tab's tables and the cards show it: a stale
 * repository with its age, a failed one with why and what to do. The other repositories render as usual.
 */

/** The repository a status belongs to. */
export interface RepositoryRef {
  instance: string;
  project: string;
  repository: string;
}

/** What a repository's status says to the user. */
export interface StatusDescription {
  severity: 'warning' | 'error';
  title: string;
  detail: string;
  runbook?: RunbookSection;
}

/** `12 minutes ago (2024-05-03 11:48 UTC)`, or undefined without a time. */
function when(iso: string | undefined, now: Date): string | undefined {
  return iso
    ? `${formatRelativeTime(iso, now)} (${formatDateTime(iso)})`
    : undefined;
}

/** Whether the status leaves the repository without data to show (its table or card item shows why instead). */
export function isFailedStatus(status: HarborDataStatus | undefined): boolean {
  return (
    status !== undefined && status.state !== 'fresh' && status.state !== 'stale'
  );
}

/**
 * What a repository's data status means, or undefined for fresh data. Pure: the components render what this
 * returns, and the tests read it.
 */
export function describeRepositoryStatus(
  ref: RepositoryRef,
  status: HarborDataStatus | undefined,
  now: Date = new Date(),
): StatusDescription | undefined {
  const instance = `Harbor instance "${ref.instance}"`;
  const name = `${ref.project}/${ref.repository}`;
  switch (status?.state) {
    case 'stale':
      return {
        severity: 'warning',
        title: `Last read from Harbor ${
          status.fetchedAt ? formatRelativeTime(status.fetchedAt, now) : ''
        }`.trim(),
        detail: `${instance} is unavailable: this is the last copy the backend read${
          status.fetchedAt ? `, at ${formatDateTime(status.fetchedAt)}` : ''
        }. Artifacts pushed and scans finished since then are missing.`,
        runbook: REGISTRY_HEALTH_RUNBOOK.unavailable,
      };
    case 'not-found':
      return {
        severity: 'warning',
        title: `${name} does not exist on ${instance}`,
        detail: `Check that the ${HARBOR_REPOSITORY_SLUG_ANNOTATION} annotation names the right project and repository (project/repository). A repository exists in Harbor once an image has been pushed to it.`,
      };
    case 'unreachable': {
      const last = when(status.lastReachableAt, now);
      return {
        severity: 'error',
        title: `${instance} is unreachable`,
        detail: `${
          last ? `Harbor was last reachable ${last}. ` : ''
        }No copy of ${name} is cached yet; it shows again when Harbor answers.`,
        runbook: REGISTRY_HEALTH_RUNBOOK.unavailable,
      };
    }
    case 'credentials-rejected':
      return {
        severity: 'error',
        title: `${instance} rejected the configured credentials`,
        detail: `Nothing of ${name} is shown: without valid credentials Harbor answers as anonymous, with public data only. The platform team must fix the credentials the backend uses for this instance.`,
        runbook: REGISTRY_HEALTH_RUNBOOK.credentialsRejected,
      };
    default:
      return undefined;
  }
}

/** A repository's data status as an alert: what happened, what to do, and the runbook section. */
export function RepositoryStatusAlert(props: {
  repository: RepositoryRef;
  status?: HarborDataStatus;
}) {
  const { repository, status } = props;
  const description = describeRepositoryStatus(repository, status);
  if (!description || !status) return null;
  const name = `${repository.project}/${repository.repository}`;
  return (
    <Alert
      severity={description.severity}
      variant="outlined"
      aria-label={`${name}: ${description.title}`}
    >
      <AlertTitle>{description.title}</AlertTitle>
      <Typography variant="body2">
        {description.detail}
        {description.runbook && (
          <RunbookLink
            section={description.runbook}
            what={`${name} ${status.state}`}
          />
        )}
      </Typography>
      {status.message && status.message !== description.title && (
        <Typography variant="caption" color="textSecondary" component="p">
          {status.message}
        </Typography>
      )}
    </Alert>
  );
}
