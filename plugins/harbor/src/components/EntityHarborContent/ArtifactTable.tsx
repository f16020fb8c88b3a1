import { useMemo } from 'react';
import { Link, Table } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type { HarborRepositoryImages } from '@backstage-harbor/plugin-harbor-common';
import { artifactColumns, toArtifactRows } from './artifactColumns';
import { isFailedStatus, RepositoryStatusAlert } from '../dataStatus';

const PAGE_SIZES = [20, 50, 100];

/** Why a table has no rows: the repository's failed state, or that nothing was pushed yet. */
function EmptyRepository(props: { repository: HarborRepositoryImages }) {
  const { repository } = props;
  if (isFailedStatus(repository.status)) {
    return (
      <Box p={2}>
        <RepositoryStatusAlert
          repository={repository}
          status={repository.status}
        />
      </Box>
    );
  }
  const name = `${repository.project}/${repository.repository}`;
  return (
    <Box p={2}>
      <Typography variant="body2">
        This repository has no artifacts yet. Push an image to{' '}
        <code>{name}</code> and it will show here.
      </Typography>
    </Box>
  );
}

/**
 * Every artifact of one repository. Sorting, searching and filtering run in the browser over the full list, paged
 * 20 rows at a time so a repository with thousands of artifacts renders only one page of DOM. A repository whose
 * data is stale says its age above the table; one that could not be read says why in place of its rows.
 */
export function ArtifactTable(props: { repository: HarborRepositoryImages }) {
  const { repository } = props;
  const rows = useMemo(() => toArtifactRows(repository), [repository]);
  const columns = useMemo(() => artifactColumns({}), []);
  const name = `${repository.project}/${repository.repository}`;
  const failed = isFailedStatus(repository.status);
  return (
    <Box>
      {repository.status?.state === 'stale' && (
        <Box mb={1}>
          <RepositoryStatusAlert
            repository={repository}
            status={repository.status}
          />
        </Box>
      )}
      <Table
        title={
          <>
            {name}{' '}
            <Link
              to={repository.harborUrl}
              aria-label={`Open ${name} in Harbor`}
            >
              <OpenInNewIcon
                fontSize="small"
                style={{ verticalAlign: 'middle' }}
              />
            </Link>
          </>
        }
        subtitle={
          failed
            ? 'Not available'
            : `${rows.length} artifact${rows.length === 1 ? '' : 's'}`
        }
        columns={columns}
        data={rows}
        filters={[
          { column: 'Scan', type: 'multiple-select' },
          { column: 'Severity', type: 'multiple-select' },
        ]}
        options={{
          search: true,
          paging: rows.length > PAGE_SIZES[0],
          pageSize: PAGE_SIZES[0],
          pageSizeOptions: PAGE_SIZES,
          padding: 'dense',
          emptyRowsWhenPaging: false,
          thirdSortClick: false,
        }}
        emptyContent={<EmptyRepository repository={repository} />}
      />
    </Box>
  );
}
