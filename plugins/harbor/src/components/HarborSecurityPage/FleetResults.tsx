import { Link, WarningPanel } from '@backstage/core-components';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  FleetInstanceSearch,
  FleetSearchResult,
  FleetVulnerability,
} from '@backstage-harbor/plugin-harbor-common';
import { SeverityChip } from '../SeverityChips';
import { SimpleTable } from '../SimpleTable';
import { formatCvss } from '../format';
import { FleetArtifactRows } from './FleetArtifactRows';

/** Who owns the affected images and how many run, in one line under the CVE. */
function impact(vulnerability: FleetVulnerability): string {
  const owners = new Set(
    vulnerability.artifacts.flatMap(a => a.owners.map(o => o.entityRef)),
  );
  const running = vulnerability.artifacts.filter(
    a => a.running.state === 'running',
  ).length;
  const artifacts = vulnerability.artifacts.length;
  return [
    `${artifacts} artifact${artifacts === 1 ? '' : 's'}`,
    `${owners.size} owner${owners.size === 1 ? '' : 's'}`,
    `${running} running`,
    vulnerability.fixable ? 'fix available' : 'no fix yet',
  ].join(' · ');
}

function VulnerabilityGroup(props: { vulnerability: FleetVulnerability }) {
  const { vulnerability } = props;
  const id = `${vulnerability.cveId}-${vulnerability.package}`;
  return (
    <Accordion defaultExpanded data-testid={`fleet-cve-${id}`}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${id}-content`}
        id={`${id}-header`}
      >
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <SeverityChip severity={vulnerability.severity} />
          <Typography variant="subtitle1" component="h3">
            {vulnerability.cveId} in {vulnerability.package}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            CVSS {formatCvss(vulnerability.cvssScoreV3)} ·{' '}
            {impact(vulnerability)}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails style={{ display: 'block', overflowX: 'auto' }}>
        {vulnerability.description && (
          <Typography variant="body2" paragraph>
            {vulnerability.description}
          </Typography>
        )}
        {vulnerability.links.slice(0, 3).map(link => (
          <Box key={link}>
            <Link to={link}>{link}</Link>
          </Box>
        ))}
        <SimpleTable
          label={`Artifacts with ${vulnerability.cveId}`}
          columns={[
            'Artifact',
            'Version → fixed',
            'Entities',
            'Owners',
            'Running',
          ]}
        >
          <FleetArtifactRows vulnerability={vulnerability} />
        </SimpleTable>
      </AccordionDetails>
    </Accordion>
  );
}

function InstanceNotes(props: { instance: FleetInstanceSearch }) {
  const { instance } = props;
  if (instance.status) {
    return (
      <WarningPanel
        severity="warning"
        title={`Harbor instance "${instance.instance}" could not be searched`}
        message={instance.status.message ?? instance.status.state}
      />
    );
  }
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      {instance.instance}:{' '}
      {instance.source === 'security-hub'
        ? `Harbor's Security Hub${
            instance.harborVersion ? ` (Harbor ${instance.harborVersion})` : ''
          }`
        : `a walk over the project listings (Harbor ${
            instance.harborVersion ?? 'before 2.9'
          } has no Security Hub)`}
      {instance.totalHits >= 0
        ? `, ${instance.totalHits} matching findings`
        : ''}
      {instance.truncated ? '; more were left unread: narrow the search' : ''}
    </Typography>
  );
}

/** The search result: per instance where it came from, then CVE → artifacts → entities, owners and running. */
export function FleetResults(props: { result: FleetSearchResult }) {
  const { result } = props;
  const vulnerabilities = result.instances.flatMap(i => i.vulnerabilities);
  return (
    <Box>
      {result.instances.map(instance => (
        <InstanceNotes key={instance.instance} instance={instance} />
      ))}
      {vulnerabilities.length === 0 ? (
        <Box mt={2}>
          <Typography variant="body1">
            No image in Harbor has a finding that matches this search.
          </Typography>
        </Box>
      ) : (
        <Box mt={2}>
          {vulnerabilities.map(v => (
            <VulnerabilityGroup
              key={`${v.cveId}|${v.package}|${v.artifacts[0]?.instance}`}
              vulnerability={v}
            />
          ))}
        </Box>
      )}
    </Box>
  );
}
