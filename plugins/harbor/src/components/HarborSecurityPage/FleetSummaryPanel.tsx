import { InfoCard, Link } from '@backstage/core-components';
import { Box, Grid, TableCell, TableRow, Typography } from '@material-ui/core';
import type { FleetInstanceSummary } from '@backstage-harbor/plugin-harbor-common';
import { SeverityChip, SeverityCountChips } from '../SeverityChips';
import { SimpleTable } from '../SimpleTable';
import { formatCvss, shortDigest } from '../format';

function coverage(summary: FleetInstanceSummary): string {
  if (summary.totalArtifacts === 0) return 'no artifacts';
  const percent = Math.round(
    (100 * summary.scannedArtifacts) / summary.totalArtifacts,
  );
  return `${summary.scannedArtifacts} of ${summary.totalArtifacts} artifacts scanned (${percent} %)`;
}

function DangerousCves(props: {
  summary: FleetInstanceSummary;
  onSearchCve: (cveId: string) => void;
}) {
  return (
    <SimpleTable
      label="Most dangerous CVEs"
      columns={['CVE', 'Severity', 'CVSS', 'Package']}
    >
      {props.summary.dangerousCves.map(cve => (
        <TableRow key={cve.cveId}>
          <TableCell>
            <Link
              to={`?q=${encodeURIComponent(cve.cveId)}`}
              onClick={event => {
                event.preventDefault();
                props.onSearchCve(cve.cveId);
              }}
            >
              {cve.cveId}
            </Link>
          </TableCell>
          <TableCell>
            <SeverityChip severity={cve.severity} />
          </TableCell>
          <TableCell>{formatCvss(cve.cvssScoreV3)}</TableCell>
          <TableCell>{cve.package ?? '—'}</TableCell>
        </TableRow>
      ))}
    </SimpleTable>
  );
}

function DangerousArtifacts(props: { summary: FleetInstanceSummary }) {
  return (
    <SimpleTable
      label="Most dangerous artifacts"
      columns={['Artifact', 'Critical / High', 'Owners']}
    >
      {props.summary.dangerousArtifacts.map(artifact => (
        <TableRow key={artifact.digest}>
          <TableCell>
            <Link to={artifact.harborUrl}>
              {artifact.project}/{artifact.repository}
            </Link>
            <Typography variant="caption" display="block">
              {shortDigest(artifact.digest)}
            </Typography>
          </TableCell>
          <TableCell>
            {artifact.critical} / {artifact.high}
          </TableCell>
          <TableCell>
            {artifact.owners.map(o => o.title ?? o.entityRef).join(', ') ||
              (artifact.hiddenEntities ? 'not visible to you' : '—')}
          </TableCell>
        </TableRow>
      ))}
    </SimpleTable>
  );
}

/** One instance's counts, coverage and the CVEs and artifacts Harbor ranks most dangerous. */
export function FleetSummaryPanel(props: {
  summary: FleetInstanceSummary;
  onSearchCve: (cveId: string) => void;
}) {
  const { summary, onSearchCve } = props;
  const title = `Harbor instance "${summary.instance}"`;
  if (summary.status) {
    return (
      <InfoCard title={title}>
        <Typography variant="body2">
          {summary.status.message ?? `Harbor is ${summary.status.state}`}
        </Typography>
      </InfoCard>
    );
  }
  const partial = summary.truncated
    ? ' · partial: the listing stopped at its bounds'
    : '';
  return (
    <InfoCard
      title={title}
      subheader={`${coverage(summary)} · ${summary.fixableVulnerabilities} of ${
        summary.totalVulnerabilities
      } findings fixable${partial}`}
    >
      <Box mb={2}>
        <SeverityCountChips counts={summary.counts} />
      </Box>
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <DangerousCves summary={summary} onSearchCve={onSearchCve} />
        </Grid>
        <Grid item xs={12} md={6}>
          <DangerousArtifacts summary={summary} />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
