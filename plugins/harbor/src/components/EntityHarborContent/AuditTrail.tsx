import { useState } from 'react';
import {
  Box,
  MenuItem,
  TableCell,
  TablePagination,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import {
  AUDIT_LOG_OPERATIONS,
  type AuditLogOperation,
  type HarborAuditLogEntry,
} from '@backstage-harbor/plugin-harbor-common';
import { useAuditLogs } from '../../hooks';
import { formatDateTime, formatRelativeTime } from '../format';
import { SimpleTable } from '../SimpleTable';
import { HarborErrorPanel, LoadingSkeleton } from '../states';
import { RepositoryStatusAlert } from '../dataStatus';

const OPERATION_LABEL: Record<string, string> = {
  create: 'push',
  pull: 'pull',
  delete: 'delete',
};

function OperationFilter(props: {
  value: AuditLogOperation | '';
  onChange: (operation: AuditLogOperation | '') => void;
}) {
  return (
    <Box mb={1}>
      <TextField
        select
        id="harbor-audit-operation"
        size="small"
        label="Operation"
        value={props.value}
        style={{ minWidth: 160 }}
        onChange={e => props.onChange(e.target.value as AuditLogOperation | '')}
      >
        <MenuItem value="">All</MenuItem>
        {AUDIT_LOG_OPERATIONS.map(op => (
          <MenuItem key={op} value={op}>
            {OPERATION_LABEL[op]}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}

function AuditLogRow(props: { item: HarborAuditLogEntry }) {
  const { item } = props;
  return (
    <TableRow>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        <Tooltip title={formatDateTime(item.time)}>
          <span>{formatRelativeTime(item.time)}</span>
        </Tooltip>
      </TableCell>
      <TableCell>{item.username}</TableCell>
      <TableCell>
        {OPERATION_LABEL[item.operation] ?? item.operation}
        {item.succeeded ? '' : ' (failed)'}
      </TableCell>
      <TableCell style={{ fontFamily: 'monospace' }}>{item.resource}</TableCell>
    </TableRow>
  );
}

/** Who pushed, pulled or deleted what in the entity's repositories, newest first, paged on the server. */
export function AuditTrail(props: { entity: Entity }) {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(10);
  const [operation, setOperation] = useState<AuditLogOperation | ''>('');
  const { value, error, retry } = useAuditLogs(props.entity, {
    page: page + 1,
    pageSize,
    operation: operation || undefined,
  });
  let content;
  if (error) {
    content = (
      <HarborErrorPanel
        error={error}
        what="audit logs"
        onRetry={retry}
        partial
      />
    );
  } else if (!value) {
    content = <LoadingSkeleton rows={4} title={false} />;
  } else if (value.items.length === 0) {
    content = (
      <Typography variant="body2">
        No audit-log entries for these repositories.
      </Typography>
    );
  } else {
    content = (
      <>
        <SimpleTable
          label="Audit trail"
          columns={['When', 'Who', 'Operation', 'Resource']}
        >
          {value.items.map(item => (
            <AuditLogRow key={`${item.instance}|${item.id}`} item={item} />
          ))}
        </SimpleTable>
        <TablePagination
          component="div"
          count={value.total}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[10, 25, 50]}
          onPageChange={(_e, next) => setPage(next)}
          onRowsPerPageChange={e => {
            setPageSize(Number(e.target.value));
            setPage(0);
          }}
        />
      </>
    );
  }
  return (
    <InfoCard
      title="Audit trail"
      subheader="Harbor audit log of these repositories"
    >
      <OperationFilter
        value={operation}
        onChange={next => {
          setOperation(next);
          setPage(0);
        }}
      />
      {/* Repositories whose trail could not be read: the others' entries are shown below. */}
      {value?.unavailable?.map(u => (
        <Box key={`${u.instance}|${u.project}/${u.repository}`} mb={1}>
          <RepositoryStatusAlert repository={u} status={u.status} />
        </Box>
      ))}
      {content}
    </InfoCard>
  );
}
