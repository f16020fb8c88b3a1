import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
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
import { useTheme } from '@material-ui/core/styles';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import type { Entity } from '@backstage/catalog-model';
import {
  isSeverity,
  SEVERITIES,
  type EntityImages,
  type Severity,
  type SeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import { useArtifactVulnerabilities } from '../../hooks';
import { shortDigest } from '../format';
import { severityColor } from '../severityColors';
import { SeverityCountChips } from '../SeverityChips';
import { ScanStatusLabel } from '../ScanStatusLabel';
import { HarborErrorPanel, LoadingSkeleton } from '../states';
import { vulnerabilityColumns } from './vulnerabilityColumns';

const PAGE_SIZES = [25, 50, 100];
const FILTER_SEVERITIES = SEVERITIES.filter(s => s !== 'None');
const SEARCH_DELAY_MS = 300;

interface VulnerabilityParams {
  repository: string;
  digest: string;
  severities: Severity[];
  fixable: boolean;
  q: string;
  page: number;
  pageSize: number;
}

function readParams(params: URLSearchParams): VulnerabilityParams {
  const pageSize = Number(params.get('pageSize'));
  return {
    repository: params.get('repository') ?? '',
    digest: params.get('digest') ?? '',
    severities: (params.get('severity') ?? '').split(',').filter(isSeverity),
    fixable: params.get('fixable') === 'true',
    q: params.get('q') ?? '',
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
  };
}

function writeParams(state: VulnerabilityParams): URLSearchParams {
  const params = new URLSearchParams({
    repository: state.repository,
    digest: state.digest,
  });
  if (state.severities.length) {
    params.set('severity', state.severities.join(','));
  }
  if (state.fixable) params.set('fixable', 'true');
  if (state.q) params.set('q', state.q);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== PAGE_SIZES[0]) {
    params.set('pageSize', String(state.pageSize));
  }
  return params;
}

/** The drill-down's state lives in the URL, so a CVE list can be shared and reloaded. */
function useVulnerabilityParams() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readParams(params), [params]);
  const update = useCallback(
    (changes: Partial<VulnerabilityParams>) =>
      // A filter goes back to page 1, and replaces the history entry so "back" leaves the CVE list.
      setParams(
        previous =>
          writeParams({ ...readParams(previous), page: 1, ...changes }),
        { replace: true },
      ),
    [setParams],
  );
  return [state, update] as const;
}

function SeverityFilter(props: {
  selected: Severity[];
  counts?: SeverityCounts;
  onChange: (selected: Severity[]) => void;
}) {
  const { selected, counts, onChange } = props;
  const theme = useTheme();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 8 }}
      role="group"
      aria-label="Severity filter"
    >
      {FILTER_SEVERITIES.map(severity => {
        const on = selected.includes(severity);
        const colors = severityColor(theme, severity);
        return (
          <Chip
            key={severity}
            clickable
            aria-pressed={on}
            variant={on ? 'default' : 'outlined'}
            style={
              on
                ? { backgroundColor: colors.background, color: colors.color }
                : { borderColor: colors.background }
            }
            label={counts ? `${severity} (${counts[severity]})` : severity}
            onClick={() =>
              onChange(
                on
                  ? selected.filter(s => s !== severity)
                  : [...selected, severity],
              )
            }
          />
        );
      })}
    </Box>
  );
}

/** One artifact's vulnerabilities, filtered, searched and paged on the server. */
export function ArtifactVulnerabilities(props: {
  entity: Entity;
  images?: EntityImages;
}) {
  const { entity, images } = props;
  const [query, update] = useVulnerabilityParams();
  const [search, setSearch] = useState(query.q);
  const columns = useMemo(() => vulnerabilityColumns(), []);

  // Typing waits for a pause before it asks the server; the hook aborts any request still running.
  useEffect(() => {
    if (search === query.q) return undefined;
    const timer = setTimeout(() => update({ q: search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query.q, update]);

  const valid = Boolean(query.repository && query.digest);
  const { value, loading, error, retry } = useArtifactVulnerabilities(
    valid ? entity : undefined,
    query,
  );

  const repository = images?.repositories.find(
    r => `${r.project}/${r.repository}` === query.repository,
  );
  const artifact = repository?.artifacts.find(a => a.digest === query.digest);

  const back = (
    <Link to=".." relative="path">
      <Box display="inline-flex" alignItems="center" style={{ gap: 4 }}>
        <ArrowBackIcon fontSize="small" /> All artifacts
      </Box>
    </Link>
  );

  if (!valid) {
    return (
      <>
        {back}
        <WarningPanel
          severity="warning"
          title="No artifact chosen"
          message="This link does not name a repository and a digest. Go back to the artifacts and choose one."
        />
      </>
    );
  }

  return (
    <Box>
      <Box mb={2}>{back}</Box>
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
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 12 }}
            mt={1}
          >
            {artifact.tags.map(tag => (
              <Chip key={tag} size="small" label={tag} />
            ))}
            <ScanStatusLabel scan={artifact.scan} />
            <SeverityCountChips counts={artifact.scan.counts} />
            <Typography variant="body2">
              {artifact.scan.fixable} fixable
            </Typography>
            <Link to={artifact.harborUrl}>Open in Harbor</Link>
          </Box>
        )}
      </Box>

      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
        mb={2}
      >
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
          counts={value?.counts}
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
      </Box>

      {error && (
        <HarborErrorPanel
          error={error}
          what="vulnerabilities"
          onRetry={retry}
        />
      )}
      {!error && !value && <LoadingSkeleton rows={8} title={false} />}
      {!error && value && (
        <>
          <Table
            title={`${value.total} vulnerabilit${
              value.total === 1 ? 'y' : 'ies'
            }`}
            columns={columns}
            data={value.items}
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
                  {query.severities.length || query.fixable || query.q
                    ? 'No vulnerability matches these filters.'
                    : 'The scanner found no vulnerabilities in this artifact.'}
                </Typography>
              </Box>
            }
          />
          <TablePagination
            component="div"
            count={value.total}
            page={Math.min(
              query.page - 1,
              Math.max(0, Math.ceil(value.total / query.pageSize) - 1),
            )}
            rowsPerPage={query.pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_, page) => update({ page: page + 1 })}
            onRowsPerPageChange={e =>
              update({ pageSize: Number(e.target.value) })
            }
          />
        </>
      )}
    </Box>
  );
}
