import {
  Link,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { TableCell, TableRow, Tooltip, Typography } from '@material-ui/core';
import {
  KUBERNETES_ID_ANNOTATION,
  harborEntityImagesReadPermission,
  isHarborWorkloadsAvailable,
  type RunningImage,
} from '@backstage-harbor/plugin-harbor-common';
import { useEntityWorkloads } from '../../hooks';
import { shortDigest } from '../format';
import { ScanStatusLabel } from '../ScanStatusLabel';
import { SimpleTable } from '../SimpleTable';
import { HarborErrorPanel, LoadingSkeleton } from '../states';
import { HarborEntityCard } from './HarborEntityCard';

function Origin(props: { image: RunningImage }) {
  const { image } = props;
  if (image.origin === 'legacy-registry') {
    return <StatusWarning>Old registry: migrate to Harbor</StatusWarning>;
  }
  if (image.origin === 'harbor') {
    return image.problem ? (
      <StatusError>{image.problem}</StatusError>
    ) : (
      <StatusOK>Harbor {image.artifact?.instance}</StatusOK>
    );
  }
  return <Typography variant="body2">{image.registry || '—'}</Typography>;
}

function Workloads(props: { entity: Entity }) {
  const { value, error, retry } = useEntityWorkloads(props.entity);
  if (error) {
    return <HarborErrorPanel error={error} what="workloads" onRetry={retry} />;
  }
  if (!value) return <LoadingSkeleton rows={4} title={false} />;
  const legacy = value.images.filter(i => i.origin === 'legacy-registry');
  return (
    <>
      <Typography variant="body2" paragraph>
        {value.pods.length} pods ({value.pods.filter(p => p.ready).length}{' '}
        ready) selected by <code>{value.labelSelector}</code> on {value.cluster}
        .
        {legacy.length > 0 &&
          ` ${legacy.length} image${
            legacy.length === 1 ? ' is' : 's are'
          } still pulled from the old registry.`}
      </Typography>
      <SimpleTable
        label="Running images"
        columns={['Image', 'Running digest', 'Source', 'Scan', 'Pods']}
      >
        {value.images.map(image => (
          <TableRow key={`${image.image}|${image.digest ?? ''}`}>
            <TableCell>
              {image.artifact?.digest ? (
                <Link to={image.artifact.harborUrl}>{image.image}</Link>
              ) : (
                image.image
              )}
            </TableCell>
            <TableCell>
              <Tooltip title={image.digest ?? 'unknown'}>
                <code>{image.digest ? shortDigest(image.digest) : '—'}</code>
              </Tooltip>
            </TableCell>
            <TableCell>
              <Origin image={image} />
            </TableCell>
            <TableCell>
              {image.artifact?.scan ? (
                <ScanStatusLabel scan={image.artifact.scan} />
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell>
              {[...new Set(image.containers.map(c => c.pod))].length}
            </TableCell>
          </TableRow>
        ))}
      </SimpleTable>
    </>
  );
}

/**
 * The images the entity's pods run (selected by `backstage.io/kubernetes-id`), each with the scan of the exact
 * artifact that runs; images still pulled from the old registry first.
 * @public
 */
export function EntityHarborWorkloadsCard() {
  return (
    <HarborEntityCard
      title="Running images"
      permission={harborEntityImagesReadPermission}
      what="running images"
      annotation={{
        name: KUBERNETES_ID_ANNOTATION,
        isAvailable: isHarborWorkloadsAvailable,
      }}
    >
      {entity => <Workloads entity={entity} />}
    </HarborEntityCard>
  );
}
