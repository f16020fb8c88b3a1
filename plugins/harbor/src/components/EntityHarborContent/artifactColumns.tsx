import { Link, type TableColumn } from '@backstage/core-components';
import { Box, Chip, Tooltip } from '@material-ui/core';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import {
  compareArtifactSeverity,
  worstSeverity,
  type HarborArtifact,
  type HarborRepositoryImages,
} from '@backstage-harbor/plugin-harbor-common';
import {
  formatBytes,
  formatDateTime,
  formatRelativeTime,
  shortDigest,
} from '../format';
import { scanStatusDisplay } from '../severityColors';
import { ScanStatusLabel } from '../ScanStatusLabel';
import { SeverityCountChips } from '../SeverityChips';
import { SupplyChainStatus, signatureLabel } from '../supplyChain';

/** One row of an artifact table: the artifact, with flat fields the table sorts, searches and filters on. */
export interface ArtifactRow {
  id: string;
  artifact: HarborArtifact;
  /** `project/repository`, as the vulnerabilities route wants it. */
  repositoryPath: string;
  tags: string[];
  digest: string;
  size: number;
  pushTime?: string;
  pullTime?: string;
  /** The scan status as the table shows it, for the Scan filter. */
  scan: string;
  /** The worst severity found, `Not scanned` without a report; for the Severity filter. */
  severity: string;
  fixable: number;
}

/** Where the drill-down to one artifact's vulnerabilities lives, relative to the tab. */
export function artifactVulnerabilitiesPath(
  repositoryPath: string,
  digest: string,
): string {
  return `artifact?${new URLSearchParams({
    repository: repositoryPath,
    digest,
  })}`;
}

/** The rows of one repository's table. */
export function toArtifactRows(
  repository: HarborRepositoryImages,
): ArtifactRow[] {
  const repositoryPath = `${repository.project}/${repository.repository}`;
  return repository.artifacts.map(artifact => ({
    id: artifact.digest,
    artifact,
    repositoryPath,
    tags: artifact.tags,
    digest: artifact.digest,
    size: artifact.size,
    pushTime: artifact.pushTime,
    pullTime: artifact.pullTime,
    scan: scanStatusDisplay(artifact.scan.status).label,
    severity:
      artifact.scan.status === 'success'
        ? worstSeverity(artifact.scan.counts) ?? 'None'
        : scanStatusDisplay(artifact.scan.status).label,
    fixable: artifact.scan.fixable,
  }));
}

function timeValue(iso: string | undefined): number {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? 0 : time;
}

/** Pushed or Pulled: how long ago, with the exact time in a tooltip. */
function timeColumn(
  title: string,
  field: 'pushTime' | 'pullTime',
  now: Date | undefined,
): TableColumn<ArtifactRow> {
  return {
    title,
    field,
    cellStyle: { whiteSpace: 'nowrap' },
    searchable: false,
    customSort: (a, b) => timeValue(a[field]) - timeValue(b[field]),
    render: row => (
      <Tooltip title={formatDateTime(row[field])}>
        <span>{formatRelativeTime(row[field], now)}</span>
      </Tooltip>
    ),
  };
}

const tagsColumn: TableColumn<ArtifactRow> = {
  title: 'Tags',
  field: 'tags',
  customSort: (a, b) =>
    (a.tags[0] ?? '').localeCompare(b.tags[0] ?? '', undefined, {
      numeric: true,
    }),
  customFilterAndSearch: (term: string, row) =>
    row.tags.some(tag => tag.toLowerCase().includes(term.toLowerCase())),
  render: row =>
    row.tags.length === 0 ? (
      <Chip size="small" variant="outlined" label="untagged" />
    ) : (
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        {row.tags.map(tag => (
          <Chip key={tag} size="small" label={tag} />
        ))}
      </Box>
    ),
};

const digestColumn: TableColumn<ArtifactRow> = {
  title: 'Digest',
  field: 'digest',
  cellStyle: { whiteSpace: 'nowrap' },
  render: row => (
    <Tooltip title={row.digest}>
      <Link to={row.artifact.harborUrl} style={{ fontFamily: 'monospace' }}>
        {shortDigest(row.digest)}
      </Link>
    </Tooltip>
  ),
};

const sizeColumn: TableColumn<ArtifactRow> = {
  title: 'Size',
  field: 'size',
  cellStyle: { whiteSpace: 'nowrap' },
  type: 'numeric',
  searchable: false,
  render: row => formatBytes(row.size),
};

const scanColumns: TableColumn<ArtifactRow>[] = [
  {
    title: 'Scan',
    field: 'scan',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => <ScanStatusLabel scan={row.artifact.scan} />,
  },
  {
    title: 'Severity',
    field: 'severity',
    cellStyle: { minWidth: 220 },
    customSort: (a, b) => compareArtifactSeverity(a.artifact, b.artifact),
    render: row =>
      row.artifact.scan.status === 'success' ? (
        <SeverityCountChips counts={row.artifact.scan.counts} />
      ) : (
        '—'
      ),
  },
  {
    title: 'Fixable',
    field: 'fixable',
    type: 'numeric',
    searchable: false,
    render: row => (row.artifact.scan.status === 'success' ? row.fixable : '—'),
  },
];

const trustColumn: TableColumn<ArtifactRow> = {
  title: 'Trust',
  field: 'trust',
  cellStyle: { minWidth: 200 },
  customFilterAndSearch: (term: string, row) =>
    `${signatureLabel(row.artifact) ?? ''} ${
      row.artifact.pullable?.allowed === false ? 'Pull blocked' : ''
    }`
      .toLowerCase()
      .includes(term.toLowerCase()),
  customSort: (a, b) =>
    Number(a.artifact.pullable?.allowed ?? true) -
      Number(b.artifact.pullable?.allowed ?? true) ||
    Number(a.artifact.signature?.signed ?? false) -
      Number(b.artifact.signature?.signed ?? false),
  render: row => <SupplyChainStatus artifact={row.artifact} />,
};

const actionsColumn: TableColumn<ArtifactRow> = {
  title: 'Actions',
  sorting: false,
  searchable: false,
  render: row => (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 12 }}
      whiteSpace="nowrap"
    >
      {row.artifact.scan.status === 'success' && (
        <Link to={artifactVulnerabilitiesPath(row.repositoryPath, row.digest)}>
          CVEs
        </Link>
      )}
      <Tooltip title="Open in Harbor">
        <Link to={row.artifact.harborUrl} aria-label="Open in Harbor">
          <OpenInNewIcon fontSize="small" />
        </Link>
      </Tooltip>
    </Box>
  ),
};

/** The columns of an artifact table; newest push first. */
export function artifactColumns(options: {
  now?: Date;
}): TableColumn<ArtifactRow>[] {
  const { now } = options;
  return [
    tagsColumn,
    digestColumn,
    sizeColumn,
    { ...timeColumn('Pushed', 'pushTime', now), defaultSort: 'desc' },
    timeColumn('Pulled', 'pullTime', now),
    ...scanColumns,
    trustColumn,
    actionsColumn,
  ];
}
