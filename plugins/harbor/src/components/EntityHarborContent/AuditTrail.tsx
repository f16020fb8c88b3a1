import { useState } from 'react';
import {
  Box,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
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
} from '@backstage-harbor/plugin-harbor-common';
import { useAuditLogs } from '../../hooks';
import { formatDateTime, formatRelativeTime } from '../format';
import { HarborErrorPanel, LoadingSkeleton } from '../states';

const OPERATION_LABEL: Record<string, string> = {
  create: 'push',
  pull: 'pull',
  delete: 'delete',
};

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
  return (
    <InfoCard
      title="Audit trail"
      subheader="Harbor audit log of these repositories"
    >
      <Box mb={1}>
        <TextField
          select
          id="harbor-audit-operation"
          size="small"
          label="Operation"
          value={operation}
          style={{ minWidth: 160 }}
          onChange={e => {
            setOperation(e.target.value as AuditLogOperation | '');
            setPage(0);
          }}
        >
          <MenuItem value="">All</MenuItem>
          {AUDIT_LOG_OPERATIONS.map(op => (
            <MenuItem key={op} value={op}>
              {OPERATION_LABEL[op]}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {error && (
        <HarborErrorPanel error={error} what="audit logs" onRetry={retry} />
      )}
      {!error && !value && <LoadingSkeleton rows={4} title={false} />}
      {!error && value && value.items.length === 0 && (
        <Typography variant="body2">
          No audit-log entries for these repositories.
        </Typography>
      )}
      {!error && value && value.items.length > 0 && (
        <>
          <Table size="small" aria-label="Audit trail">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Who</TableCell>
                <TableCell>Operation</TableCell>
                <TableCell>Resource</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.items.map(item => (
                <TableRow key={`${item.instance}|${item.id}`}>
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
                  <TableCell style={{ fontFamily: 'monospace' }}>
                    {item.resource}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
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
      )}
    </InfoCard>
  );
}
