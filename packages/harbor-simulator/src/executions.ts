/**
 * The order of Harbor's execution lists (replication executions, GC history): both are rows of one execution
 * table (src: pkg/task/dao/model.go) read through lib/orm, whose setSorts keeps the `sort` keys naming a column
 * or its Go field (`start_time` or `StartTime`), drops any other key silently, and with no key left applies the
 * model's default, `StartTime` descending: newest first.
 */

/** An execution's columns as the simulator knows them; times in ms, `undefined` where Harbor has NULL. */
export interface ExecutionColumns {
  id: number;
  vendor_id?: number;
  /** Harbor's stored status: `Running`, `Success`, `Error`, `Stopped`. */
  status?: string;
  status_message?: string;
  trigger?: string;
  start_time: number;
  update_time?: number;
  /** NULL until the execution ends. */
  end_time?: number;
}

type Column = keyof ExecutionColumns;

// vendor_type, extra_attrs and revision are columns too, with nothing to order by here.
const COLUMNS: Record<string, Column> = {
  id: 'id',
  ID: 'id',
  vendor_id: 'vendor_id',
  VendorID: 'vendor_id',
  status: 'status',
  Status: 'status',
  status_message: 'status_message',
  StatusMessage: 'status_message',
  trigger: 'trigger',
  Trigger: 'trigger',
  start_time: 'start_time',
  StartTime: 'start_time',
  update_time: 'update_time',
  UpdateTime: 'update_time',
  end_time: 'end_time',
  EndTime: 'end_time',
};

/** PostgreSQL's order: NULL is larger than any value (last ascending, first descending). */
function compare(
  a: string | number | undefined,
  b: string | number | undefined,
) {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Sorts executions by Harbor's `sort` parameter (`start_time,-id`), newest first by default. */
export function sortExecutions<T>(
  items: T[],
  sort: string | undefined,
  columns: (item: T) => ExecutionColumns,
): T[] {
  const keys = (sort ?? '').split(',').flatMap(raw => {
    const desc = raw.startsWith('-');
    const column = COLUMNS[desc ? raw.slice(1) : raw];
    return column ? [{ column, desc }] : [];
  });
  if (!keys.length) keys.push({ column: 'start_time', desc: true });
  const rows = items.map(item => ({ item, row: columns(item) }));
  rows.sort((a, b) => {
    for (const { column, desc } of keys) {
      const c = compare(a.row[column], b.row[column]);
      if (c) return desc ? -c : c;
    }
    // The database promises no order among equals; newest first keeps pages stable.
    return b.row.id - a.row.id;
  });
  return rows.map(r => r.item);
}
