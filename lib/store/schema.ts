/**
 * The tables of the store, as Kysely sees them. Times are epoch milliseconds (bigint columns,
 * read back as numbers on both dialects); flags are 0/1 integers, since SQLite has no boolean.
 */
import type { Generated } from "kysely";

export interface MetaTable {
  key: string;
  value: string;
}

export interface StateMachinesTable {
  arn: string;
  name: string;
  type: string;
  created_at: number;
  definition: string | null;
  updated_at: number;
}

export interface ExecutionsTable {
  arn: string;
  machine_arn: string;
  name: string;
  status: string;
  started_at: number;
  stopped_at: number | null;
  error: string | null;
  cause: string | null;
  redrive_count: number | null;
  redrive_status: string | null;
  map_run_arn: string | null;
  /** When this row was last written: other instances read what changed since they last looked. */
  updated_at: number;
}

export interface ListingCursorsTable {
  machine_arn: string;
  /** The walk's position (JSON: newest start seen, stretches still to read and their tokens). */
  state: string;
  /** Every execution started at or after this is stored; null until a walk reached somewhere. */
  complete_from: number | null;
  /** 1 while stretches of the listing remain unread (a throttled or interrupted walk). */
  partial: number;
  updated_at: number;
}

export interface HistoriesTable {
  execution_arn: string;
  machine_arn: string;
  /** How `body` is compressed ("br": brotli of the JSON event list). */
  encoding: string;
  body: Buffer;
  event_count: number;
  stored_at: number;
}

export interface FailureRecordsTable {
  execution_arn: string;
  machine_arn: string;
  started_at: number;
  stopped_at: number | null;
  status: string;
  state_name: string | null;
  error: string | null;
  cause: string | null;
  /** The error group this failure counts in (error name plus normalised cause): groups are GROUP BY over this. */
  group_key: string;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
  /** When the current holder took the lease (the database's clock); renewals keep it. */
  acquired_at: Generated<number>;
  /** Bumped on every takeover: a holder that lost the lease sees it changed. */
  term: Generated<number>;
}

/** One machine's CloudWatch figures over a routine window, as the lease holder last read them. */
export interface MetricFiguresTable {
  /** The window preset ("24h", "30d", …): figures of a preset are refreshed as time moves on. */
  window_label: string;
  machine_arn: string;
  /** JSON of MachineMetricFigures; null when the read failed (then `error` says why). */
  figures: string | null;
  error: string | null;
  /** When the holder read them (its clock, epoch ms). */
  read_at: number;
}

/** Which routine windows someone looked at lately (the database's clock), so only those are read. */
export interface MetricDemandTable {
  window_label: string;
  asked_at: number;
}

/** What DescribeExecution said of an execution's payloads (machines with payload indexing only). */
export interface ExecutionPayloadsTable {
  execution_arn: string;
  machine_arn: string;
  started_at: number;
  input: string | null;
  output: string | null;
  /** 1 once read after the execution stopped: the output is final and is never read again. */
  finished: number;
  /** 1 when the payload had more leaves than the field index keeps. */
  truncated: number;
  indexed_at: number;
}

/** One leaf of a payload: `side` is input or output, `path` dotted, `value` canonical JSON. */
export interface PayloadFieldsTable {
  execution_arn: string;
  side: string;
  path: string;
  value: string;
  started_at: number;
}

/** A machine's window columns as one block (lib/server/column-snapshot.ts): a cache of its rows for a restart. */
export interface IndexColumnsTable {
  machine_arn: string;
  body: Buffer;
  /** When the poller wrote it (its clock, epoch ms). */
  updated_at: number;
}

export interface StoreSchema {
  stepscope_meta: MetaTable;
  state_machines: StateMachinesTable;
  executions: ExecutionsTable;
  listing_cursors: ListingCursorsTable;
  histories: HistoriesTable;
  failure_records: FailureRecordsTable;
  leases: LeasesTable;
  execution_payloads: ExecutionPayloadsTable;
  payload_fields: PayloadFieldsTable;
  metric_figures: MetricFiguresTable;
  metric_demand: MetricDemandTable;
  index_columns: IndexColumnsTable;
}

/** Our tables: a database holding others and none of ours is someone else's. */
export const STORE_TABLES = [
  "stepscope_meta",
  "state_machines",
  "executions",
  "listing_cursors",
  "histories",
  "failure_records",
  "leases",
  "execution_payloads",
  "payload_fields",
  "metric_figures",
  "metric_demand",
  "index_columns",
] as const;
