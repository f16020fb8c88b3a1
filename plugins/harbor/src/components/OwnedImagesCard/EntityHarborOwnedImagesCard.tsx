import { InfoCard, Link } from '@backstage/core-components';
import { useEntity, EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, TableCell, TableRow, Typography } from '@material-ui/core';
import { ScanStatusLabel } from '../ScanStatusLabel';
import { SeverityCountChips } from '../SeverityChips';
import { SimpleTable } from '../SimpleTable';
import { TrendChart } from '../cards/EntityHarborVulnerabilityTrendCard';
import { HarborErrorPanel, LoadingSkeleton } from '../states';
import { useOwnedImages, type OwnedImagesState } from './useOwnedImages';

function Footnote(props: { state: OwnedImagesState }) {
  const { state } = props;
  const notes = [
    `${state.entities} entit${
      state.entities === 1 ? 'y' : 'ies'
    } with Harbor repositories`,
  ];
  if (state.skipped) {
    notes.push(
      `${state.skipped} not shown (no access, or Harbor failed for them)`,
    );
  }
  if (state.truncated) notes.push('only the first 50 are read');
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      {notes.join(' · ')}
    </Typography>
  );
}

/**
 * "Our images" for a Group (the components it owns) or a System (the components it holds): the worst latest
 * artifacts across them, worst first, with their summed vulnerability trend.
 * @public
 */
export function EntityHarborOwnedImagesCard(props: {
  /** Rows shown; the rest are on each entity's Harbor tab and the fleet page. */
  limit?: number;
  days?: number;
}) {
  const { limit = 10, days = 30 } = props;
  const { entity } = useEntity();
  const state = useOwnedImages(entity, days);
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  let content;
  if (state.error) {
    content = <HarborErrorPanel error={state.error} what="images" />;
  } else if (state.loading) {
    content = <LoadingSkeleton rows={4} title={false} />;
  } else if (state.entities === 0) {
    content = (
      <Typography variant="body2">
        {isSystem ? 'No component of this system' : 'No entity this group owns'}{' '}
        names a Harbor repository (annotation{' '}
        <code>goharbor.io/repository-slug</code>).
      </Typography>
    );
  } else {
    content = (
      <Box>
        {state.trend.length > 0 && (
          <Box mb={2}>
            <TrendChart points={state.trend} />
          </Box>
        )}
        <SimpleTable
          label="Worst latest images"
          columns={['Image', 'Entity', 'Findings']}
        >
          {state.images.slice(0, limit).map(image => (
            <TableRow
              key={`${image.entityRef}|${image.instance}|${image.project}/${image.repository}`}
            >
              <TableCell>
                <Link to={image.artifact.harborUrl}>
                  {image.project}/{image.repository}
                  {image.artifact.tags[0] ? `:${image.artifact.tags[0]}` : ''}
                </Link>
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={image.entityRef} />
              </TableCell>
              <TableCell>
                {image.artifact.scan.status === 'success' ? (
                  <SeverityCountChips counts={image.artifact.scan.counts} />
                ) : (
                  <ScanStatusLabel scan={image.artifact.scan} />
                )}
              </TableCell>
            </TableRow>
          ))}
        </SimpleTable>
        <Footnote state={state} />
      </Box>
    );
  }
  return (
    <InfoCard
      title={isSystem ? 'Images of this system' : 'Our images'}
      subheader={`Latest artifact of each repository, worst first; trend of the last ${days} days`}
    >
      {content}
    </InfoCard>
  );
}
