import type { ReactNode } from 'react';
import {
  EmptyState,
  MissingAnnotationEmptyState,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { Box, Button, Typography } from '@material-ui/core';
import { Skeleton } from '@material-ui/lab';
import type { Entity } from '@backstage/catalog-model';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  getEntityRepositories,
  HARBOR_REPOSITORY_SLUG_ANNOTATION,
  isHarborAvailable,
} from '@backstage-harbor/plugin-harbor-common';
import { useHarborPermission } from '../hooks';
import { formatDateTime } from './format';
import { backendMessage, statusOf } from './errors';
import { HarborUnavailablePanel } from './HarborUnavailablePanel';

export { statusOf };

/** Placeholder rows while data loads, shaped like the content so the page doesn't jump. */
export function LoadingSkeleton(props: { rows?: number; title?: boolean }) {
  const { rows = 4, title = true } = props;
  return (
    <Box data-testid="harbor-loading" aria-busy="true">
      {title && <Skeleton variant="text" width="40%" height={36} />}
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} variant="rect" height={28} style={{ marginTop: 8 }} />
      ))}
    </Box>
  );
}

/** The user may not read this entity's Harbor data. */
export function PermissionDenied(props: { what: string }) {
  return (
    <EmptyState
      missing="info"
      title="You don't have access"
      description={`You are not allowed to see the ${props.what} of this entity. Ask the entity's owner or the platform team for read access to its Harbor data.`}
    />
  );
}

/** A warning that the data shown is the backend's last cached copy because Harbor could not be reached. */
export function StaleDataBanner(props: {
  fetchedAt: string;
  instance?: string;
}) {
  const { fetchedAt, instance } = props;
  return (
    <Box mb={2}>
      <WarningPanel
        severity="warning"
        title={`Harbor${
          instance ? ` instance "${instance}"` : ''
        } is unreachable: showing data from ${formatDateTime(fetchedAt)}`}
        message="Scans and artifacts pushed since then are missing. The data refreshes by itself when Harbor answers again."
      />
    </Box>
  );
}

/** An error from the Harbor API, saying what it means and what to do. */
export function HarborErrorPanel(props: {
  error: Error;
  what: string;
  onRetry?: () => void;
  /** A 503 about a Harbor instance as a warning: for a part of a page whose other parts still show. */
  partial?: boolean;
}) {
  const { error, what, onRetry, partial } = props;
  const status = statusOf(error);
  const retry = onRetry && (
    <Button variant="outlined" size="small" onClick={onRetry}>
      Try again
    </Button>
  );
  if (status === 403) {
    return <PermissionDenied what={what} />;
  }
  if (status === 404) {
    return (
      <WarningPanel
        severity="warning"
        defaultExpanded
        title={`Harbor has no ${what} for this entity`}
        message={
          <>
            <Typography variant="body2" paragraph>
              {backendMessage(error)}
            </Typography>
            <Typography variant="body2">
              Check that the <code>{HARBOR_REPOSITORY_SLUG_ANNOTATION}</code>{' '}
              annotation names an existing Harbor project and repository, as{' '}
              <code>project/repository</code>.
            </Typography>
          </>
        }
      />
    );
  }
  if (status === 503) {
    return (
      <HarborUnavailablePanel
        error={error}
        retry={retry}
        severity={partial ? 'warning' : 'error'}
      />
    );
  }
  return (
    <>
      <ResponseErrorPanel title={`Could not load the ${what}`} error={error} />
      {retry && <Box mt={1}>{retry}</Box>}
    </>
  );
}

/** An annotation a card needs on its entity, and whether the entity carries it. */
export interface RequiredAnnotation {
  name: string;
  isAvailable: (entity: Entity) => boolean;
}

const REPOSITORY_SLUG: RequiredAnnotation = {
  name: HARBOR_REPOSITORY_SLUG_ANNOTATION,
  isAvailable: isHarborAvailable,
};

/**
 * Renders `children` only for an entity that carries the annotation (by default the repository slug, which must
 * also name valid repositories) and a user allowed to read its Harbor data; each other case gets its own state.
 */
export function HarborEntityGuard(props: {
  entity: Entity;
  permission: ResourcePermission<'catalog-entity'>;
  what: string;
  /** `false` for none: the registry-health card also serves entities that only name an instance. */
  annotation?: RequiredAnnotation | false;
  children: ReactNode;
}) {
  const {
    entity,
    permission,
    what,
    annotation = REPOSITORY_SLUG,
    children,
  } = props;
  const access = useHarborPermission(permission, entity);
  if (annotation && !annotation.isAvailable(entity)) {
    return <MissingAnnotationEmptyState annotation={annotation.name} />;
  }
  if (annotation === REPOSITORY_SLUG) {
    try {
      getEntityRepositories(entity);
    } catch (e) {
      return (
        <WarningPanel
          severity="error"
          defaultExpanded
          title={`The ${HARBOR_REPOSITORY_SLUG_ANNOTATION} annotation is invalid`}
          message={(e as Error).message}
        />
      );
    }
  }
  if (access.loading) return <LoadingSkeleton rows={2} />;
  if (!access.allowed) return <PermissionDenied what={what} />;
  return <>{children}</>;
}
