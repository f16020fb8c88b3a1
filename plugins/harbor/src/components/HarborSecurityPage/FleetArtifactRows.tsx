import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  EntityRefLinks,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Box, Chip, TableCell, TableRow, Typography } from '@material-ui/core';
import type {
  FleetArtifact,
  FleetRunning,
  FleetVulnerability,
} from '@backstage-harbor/plugin-harbor-common';
import { shortDigest } from '../format';

function Running(props: { running: FleetRunning }) {
  const { running } = props;
  if (running.state === 'running') {
    const where = running.containers
      .map(c => `${c.namespace}/${c.pod}`)
      .join(', ');
    return (
      <Box>
        <Chip size="small" color="secondary" label="Running" />
        <Typography variant="caption" display="block">
          {where}
        </Typography>
      </Box>
    );
  }
  if (running.state === 'not-running') {
    return <Typography variant="body2">Not running</Typography>;
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {running.message ?? 'Unknown (no cluster configured)'}
    </Typography>
  );
}

/** The entities that build the artifact, each linking to its CVE list of this artifact. */
function Entities(props: {
  artifact: FleetArtifact;
  vulnerability: FleetVulnerability;
}) {
  const { artifact, vulnerability } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const drillDown = new URLSearchParams({
    repository: `${artifact.project}/${artifact.repository}`,
    digest: artifact.digest,
    q: vulnerability.cveId,
  });
  return (
    <Box>
      {artifact.entities.map(entity => {
        const ref = parseEntityRef(entity.entityRef);
        const page = entityRoute({
          namespace: ref.namespace,
          kind: ref.kind,
          name: ref.name,
        });
        return (
          <Box key={entity.entityRef}>
            <EntityRefLink entityRef={entity.entityRef} title={entity.title} />{' '}
            <Link to={`${page}/harbor/artifact?${drillDown}`}>(CVE list)</Link>
          </Box>
        );
      })}
      {artifact.hiddenEntities > 0 && (
        <Typography variant="caption" color="textSecondary">
          and {artifact.hiddenEntities} you may not see
        </Typography>
      )}
      {artifact.entities.length === 0 && artifact.hiddenEntities === 0 && (
        <Typography variant="body2" color="textSecondary">
          No catalog entity names this repository
        </Typography>
      )}
    </Box>
  );
}

/** One row per affected artifact of a CVE. */
export function FleetArtifactRows(props: {
  vulnerability: FleetVulnerability;
}) {
  const { vulnerability } = props;
  return (
    <>
      {vulnerability.artifacts.map(artifact => (
        <TableRow key={`${artifact.instance}|${artifact.digest}`}>
          <TableCell>
            <Link to={artifact.harborUrl}>
              {artifact.project}/{artifact.repository}
              {artifact.tags.length ? `:${artifact.tags.join(', ')}` : ''}
            </Link>
            <Typography variant="caption" display="block">
              {shortDigest(artifact.digest)} on {artifact.instance}
            </Typography>
          </TableCell>
          <TableCell>
            {artifact.version ?? '—'}
            {artifact.fixedVersion ? ` → ${artifact.fixedVersion}` : ''}
          </TableCell>
          <TableCell>
            <Entities artifact={artifact} vulnerability={vulnerability} />
          </TableCell>
          <TableCell>
            {artifact.owners.length ? (
              <EntityRefLinks
                entityRefs={artifact.owners.map(o => o.entityRef)}
                defaultKind="group"
              />
            ) : (
              '—'
            )}
          </TableCell>
          <TableCell>
            <Running running={artifact.running} />
          </TableCell>
        </TableRow>
      ))}
    </>
  );
}
