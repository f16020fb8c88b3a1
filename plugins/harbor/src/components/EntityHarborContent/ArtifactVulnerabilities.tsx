import { useEffect, useMemo, useState } from 'react';
import { Link, Table, WarningPanel } from '@backstage/core-components';
import {
  Box,
  Chip,
  FormControlLabel,
  Switch,
  TablePagination,
  TextField,
  Typography,
} from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityImages,
  HarborArtifact,
  VulnerabilityPage,
} from '@backstage-harbor/plugin-harbor-common';
import { useArtifactVulnerabilities } from '../../hooks';
import { shortDigest } from '../format';
import { InlineRow } from '../InlineRow';
import { SeverityCountChips } from '../SeverityChips';
import { ScanStatusLabel } from '../ScanStatusLabel';
import { HarborErrorPanel, LoadingSkeleton } from '../states';
import { SeverityFilter } from './SeverityFilter';
import { vulnerabilityColumns } from './vulnerabilityColumns';
import {
  PAGE_SIZES,
  useVulnerabilityParams,
  type VulnerabilityParams,
} from './vulnerabilityParams';

const SEARCH_DELAY_MS = 300;

type UpdateParams = (changes: Partial<VulnerabilityParams>) => void;

function BackToArtifacts() {
  return (
    <Link to=".." relative="path">
      <Box display="inline-flex" alignItems="center" style={{ gap: 4 }}>
        <ArrowBackIcon fontSize="small" /> All artifacts
      </Box>
    </Link>
  );
}

/** The repository and digest, and what the images view knows of the artifact. */
function ArtifactHeading(props: {
  query: VulnerabilityParams;
  artifact?: HarborArtifact;
}) {
  const { query, artifact } = props;
  return (
    <Box mb={2}>
      <Typography variant="h5" component="h2">
        {query.repository}
        <Typography
          component="span"
          variant="h6"
          style={{ fontFamily: 'monospace' }}
        >
          @{shortDigest(query.digest)}
        </Typography>
      </Typography>
      {artifact && (
        <InlineRow gap={12} mt={1}>
          {artifact.tags.map(tag => (
            <Chip key={tag} size="small" label={tag} />
          ))}
          <ScanStatusLabel scan={artifact.scan} />
          <SeverityCountChips counts={artifact.scan.counts} />
          <Typography variant="body2">
            {artifact.scan.fixable} fixable
          </Typography>
          <Link to={artifact.harborUrl}>Open in Harbor</Link>
        </InlineRow>
      )}
    </Box>
  );
}

/** Search, severity and fixable filters; typing waits for a pause before it asks the server. */
function VulnerabilityFilters(props: {
  query: VulnerabilityParams;
  update: UpdateParams;
  counts?: VulnerabilityPage['counts'];
}) {
  const { query, update, counts } = props;
  const [search, setSearch] = useState(query.q);
  // The hook aborts any request still running when the search changes again.
  useEffect(() => {
    if (search === query.q) return undefined;
    const timer = setTimeout(() => update({ q: search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query.q, update]);
  return (
    <InlineRow gap={16} mb={2}>
      <TextField
        label="Search CVE, package or description"
        variant="outlined"
        size="small"
        value={search}
        onChange={e => setSearch(e.target.value)}
        inputProps={{ 'aria-label': 'Search vulnerabilities' }}
        style={{ minWidth: 320 }}
      />
      <SeverityFilter
        selected={query.severities}
        counts={counts}
        onChange={severities => update({ severities })}
      />
      <FormControlLabel
        control={
          <Switch
            checked={query.fixable}
            onChange={(_, fixable) => update({ fixable })}
            color="primary"
          />
        }
        label="Fixable only"
      />
    </InlineRow>
  );
}

/** One page of findings and the pager. */
function VulnerabilityResults(props: {
  page: VulnerabilityPage;
  loading: boolean;
  query: VulnerabilityParams;
  update: UpdateParams;
}) {
  const { page, loading, query, update } = props;
  const columns = useMemo(() => vulnerabilityColumns(), []);
  const filtered = query.severities.length || query.fixable || query.q;
  return (
    <>
      <Table
        title={`${page.total} vulnerabilit${page.total === 1 ? 'y' : 'ies'}`}
        columns={columns}
        data={page.items}
        isLoading={loading}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
          draggable: false,
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              {filtered
                ? 'No vulnerability matches these filters.'
                : 'The scanner found no vulnerabilities in this artifact.'}
            </Typography>
          </Box>
        }
      />
      <TablePagination
        component="div"
        count={page.total}
        page={Math.min(
          query.page - 1,
          Math.max(0, Math.ceil(page.total / query.pageSize) - 1),
        )}
        rowsPerPage={query.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_, next) => update({ page: next + 1 })}
        onRowsPerPageChange={e => update({ pageSize: Number(e.target.value) })}
      />
    </>
  );
}

/** One artifact's vulnerabilities, filtered, searched and paged on the server. */
export function ArtifactVulnerabilities(props: {
  entity: Entity;
  images?: EntityImages;
}) {
  const { entity, images } = props;
  const [query, update] = useVulnerabilityParams();
  const valid = Boolean(query.repository && query.digest);
  const { value, loading, error, retry } = useArtifactVulnerabilities(
    valid ? entity : undefined,
    query,
  );

  if (!valid) {
    return (
      <>
        <BackToArtifacts />
        <WarningPanel
          severity="warning"
          title="No artifact chosen"
          message="This link does not name a repository and a digest. Go back to the artifacts and choose one."
        />
      </>
    );
  }

  const artifact = images?.repositories
    .find(r => `${r.project}/${r.repository}` === query.repository)
    ?.artifacts.find(a => a.digest === query.digest);
  return (
    <Box>
      <Box mb={2}>
        <BackToArtifacts />
      </Box>
      <ArtifactHeading query={query} artifact={artifact} />
      <VulnerabilityFilters
        query={query}
        update={update}
        counts={value?.counts}
      />
      {error && (
        <HarborErrorPanel
          error={error}
          what="vulnerabilities"
          onRetry={retry}
        />
      )}
      {!error && !value && <LoadingSkeleton rows={8} title={false} />}
      {!error && value && (
        <VulnerabilityResults
          page={value}
          loading={loading}
          query={query}
          update={update}
        />
      )}
    </Box>
  );
}
