import { Route, Routes } from 'react-router-dom';
import { Box } from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  harborEntityImagesReadPermission,
  type EntityImages,
} from '@backstage-harbor/plugin-harbor-common';
import { useEntityImages } from '../../hooks';
import {
  HarborEntityGuard,
  HarborErrorPanel,
  LoadingSkeleton,
} from '../states';
import { ArtifactTable } from './ArtifactTable';
import { AuditTrail } from './AuditTrail';
import { ArtifactVulnerabilities } from './ArtifactVulnerabilities';

function ArtifactList(props: { images: EntityImages; entity: Entity }) {
  const { images, entity } = props;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
      {images.repositories.map(repository => (
        <ArtifactTable
          key={`${repository.instance}|${repository.project}/${repository.repository}`}
          repository={repository}
        />
      ))}
      {images.repositories.length > 0 && <AuditTrail entity={entity} />}
    </Box>
  );
}

function HarborImages(props: { entity: Entity }) {
  const { entity } = props;
  // Read once for the tab: the list and the drill-down share it, so coming back from a CVE list is instant.
  const { value, error, retry } = useEntityImages(entity);
  if (error) {
    return <HarborErrorPanel error={error} what="images" onRetry={retry} />;
  }
  if (!value) return <LoadingSkeleton rows={6} />;
  // Each repository's table says its own state (stale, missing, failed): no banner for the page.
  return (
    <Routes>
      <Route
        path="/"
        element={<ArtifactList images={value} entity={entity} />}
      />
      <Route
        path="/artifact"
        element={<ArtifactVulnerabilities entity={entity} images={value} />}
      />
    </Routes>
  );
}

/**
 * The Harbor tab of an entity page: one table of artifacts per repository, and a drill-down to an artifact's
 * vulnerabilities at `./artifact?repository=project/repo&digest=sha256:...` (query parameters, because
 * repositories nest).
 * @public
 */
export function EntityHarborContent() {
  const { entity } = useEntity();
  return (
    <HarborEntityGuard
      entity={entity}
      permission={harborEntityImagesReadPermission}
      what="container images"
    >
      <HarborImages entity={entity} />
    </HarborEntityGuard>
  );
}
