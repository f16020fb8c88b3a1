import { Table, type TableColumn } from '@backstage/core-components';
import type { MigrationTag } from '@backstage-harbor/plugin-harbor-common';
import { shortDigest } from '../format';

const STATE_LABELS: Record<MigrationTag['state'], string> = {
  matching: 'Same digest',
  mismatched: 'Other digest',
  missing: 'Not in Harbor',
};

const columns: TableColumn<MigrationTag & { id: string }>[] = [
  { title: 'Tag', field: 'tag' },
  {
    title: 'Old registry digest',
    field: 'sourceDigest',
    render: t => (t.sourceDigest ? shortDigest(t.sourceDigest) : '—'),
  },
  {
    title: 'Harbor digest',
    field: 'harborDigest',
    render: t => (t.harborDigest ? shortDigest(t.harborDigest) : '—'),
  },
  { title: 'Comparison', field: 'state', render: t => STATE_LABELS[t.state] },
];

/** The tags of one old repository against Harbor's, for the row's detail panel. */
export function TagComparison(props: { source: string; tags: MigrationTag[] }) {
  return (
    <Table
      title={`Tags of ${props.source}`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.tags.map(t => ({ ...t, id: t.tag }))}
    />
  );
}
