import { EmptyState } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import {
  harborFleetReadPermission,
  type FleetSearchQuery,
} from '@backstage-harbor/plugin-harbor-common';
import { useHarborRequest } from '../../hooks/useHarborRequest';
import { HarborErrorPanel, LoadingSkeleton } from '../states';
import { FleetResults } from './FleetResults';
import { FleetSearchForm } from './FleetSearchForm';
import { FleetSummaryPanel } from './FleetSummaryPanel';
import { downloadText, fleetResultCsv } from './fleetCsv';
import { toFleetQuery, useFleetParams, type FleetParams } from './fleetParams';

function queryKey(query: FleetSearchQuery | undefined) {
  return query ? JSON.stringify(query) : undefined;
}

function Search(props: { params: FleetParams; query?: FleetSearchQuery }) {
  const { params, query } = props;
  const search = useHarborRequest(queryKey(query), (api, signal) =>
    api.searchFleetVulnerabilities(query!, { signal }),
  );
  if (!query) {
    return (
      <Typography variant="body1">
        Search for a CVE id (e.g. CVE-2021-44228) or a package (e.g. openssl),
        or pick severities or a CVSS range, to see which images have it, who
        owns them and whether they run.
      </Typography>
    );
  }
  if (search.error) {
    return <HarborErrorPanel error={search.error} what="fleet search" />;
  }
  if (!search.value) return <LoadingSkeleton rows={6} />;
  const result = search.value;
  return (
    <Box>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        <Button
          variant="outlined"
          size="small"
          disabled={search.loading}
          onClick={() =>
            downloadText(
              `harbor-fleet-${params.term || 'search'}.csv`,
              fleetResultCsv(result),
              'text/csv',
            )
          }
        >
          Export CSV
        </Button>
      </Box>
      <FleetResults result={result} />
    </Box>
  );
}

function Summary(props: {
  instance?: string;
  onSearchCve: (cveId: string) => void;
}) {
  const summary = useHarborRequest(
    `summary:${props.instance ?? ''}`,
    (api, signal) =>
      api.getFleetSummary({ instance: props.instance }, { signal }),
  );
  if (summary.error) {
    return <HarborErrorPanel error={summary.error} what="fleet summary" />;
  }
  if (!summary.value) return <LoadingSkeleton rows={3} />;
  return (
    <Grid container spacing={2}>
      {summary.value.instances.map(instance => (
        <Grid item xs={12} key={instance.instance}>
          <FleetSummaryPanel
            summary={instance}
            onSearchCve={props.onSearchCve}
          />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * The fleet security view: which images of every Harbor instance have a CVE or package, which catalog entities and
 * teams own them, whether they run, and whether there is a fix. For users with `harbor.fleet.read`.
 */
export function HarborSecurityContent() {
  const [params, update] = useFleetParams();
  const permission = usePermission({ permission: harborFleetReadPermission });
  if (permission.loading) return <LoadingSkeleton rows={2} />;
  if (!permission.allowed) {
    return (
      <EmptyState
        missing="info"
        title="You don't have access"
        description="The fleet security view needs the harbor.fleet.read permission; ask the platform team for it."
      />
    );
  }
  const query = toFleetQuery(params);
  return (
    <Box>
      <Box mb={3}>
        <FleetSearchForm params={params} onSearch={update} />
      </Box>
      <Box mb={3}>
        <Search params={params} query={query} />
      </Box>
      <Typography variant="h6" component="h2" gutterBottom>
        Every Harbor instance
      </Typography>
      <Summary
        instance={params.instance}
        onSearchCve={cveId => update({ term: cveId })}
      />
    </Box>
  );
}
