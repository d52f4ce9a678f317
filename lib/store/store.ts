/**
 * The typed queries of the store, the same on SQLite and Postgres (Kysely builds both).
 * Every write that must stand or fall together runs in one transaction: a machine's listed
 * executions and its listing cursor are committed at once, so a restart resumes from a cursor
 * that matches the rows.
 */
import "@/lib/server/server-only";
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants as zlib } from "node:zlib";
import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import type { ExecutionStatusName, ExecutionSummary, StateMachineSummary } from "@/lib/contract/api";
import { mergeExecution } from "@/lib/events";
import { chunks } from "./chunks";
import { pastRow } from "./keyset";
import type { DatabaseLocation } from "./database-url";
import type { Dialect } from "./migrations";
import type { ExecutionsTable, FailureRecordsTable, StoreSchema } from "./schema";
import { likeEscaped } from "./search";

const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

/** An execution as the store keeps it: the listed summary plus what DescribeExecution adds. */
export interface StoredExecution extends ExecutionSummary {
  error?: string;
  cause?: string;
  redriveStatus?: string;
}

/** A page of a range read, newest first: `limit` rows after the row `after` (start, then ARN). */
export interface ExecutionPage {
  limit: number;
  after?: Pick<ExecutionSummary, "startedAt" | "arn">;
}

/** A page of the rows written since a time: `after` is the previous page's last write time and ARN. */
export interface ChangedPage {
  limit: number;
  after?: { updatedAt: number; arn: string };
}

/** Where a machine's listing stands. `state` is the walker's own JSON; the flags are for queries and people. */
export interface ListingCursor {
  state: string;
  /** Every execution started at or after this is stored (undefined: not known for any time yet). */
  completeFrom?: number;
  /** Stretches of the listing remain unread. */
  partial: boolean;
  updatedAt: number;
}

export interface FailureRecordRow {
  executionArn: string;
  machineArn: string;
  startedAt: number;
  stoppedAt?: number;
  status: string;
  stateName?: string;
  error?: string;
  cause?: string;
  groupKey: string;
}

export interface ErrorGroupRow {
  groupKey: string;
  error?: string;
  sampleCause?: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

type Db = Kysely<StoreSchema> | Transaction<StoreSchema>;

export class Store {
  constructor(
    readonly db: Kysely<StoreSchema>,
    readonly dialect: Dialect,
    readonly location: DatabaseLocation,
  ) {}

  /** Whether other processes may share this store (only Postgres is shared). */
  get shared(): boolean {
    return this.dialect === "postgres";
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // --- state machines -------------------------------------------------------------------

  async putStateMachines(machines: readonly (StateMachineSummary & { definition?: string })[], now: number): Promise<void> {
    if (machines.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunks(machines)) {
        await trx
          .insertInto("state_machines")
          .values(chunk.map((m) => ({ arn: m.arn, name: m.name, type: m.type, created_at: m.createdAt, definition: m.definition ?? null, updated_at: now })))
          .onConflict((oc) =>
            oc.column("arn").doUpdateSet((eb) => ({
              name: eb.ref("excluded.name"),
              type: eb.ref("excluded.type"),
              created_at: eb.ref("excluded.created_at"),
              definition: sql`coalesce(excluded.definition, state_machines.definition)`,
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      }
    });
  }

  async stateMachines(): Promise<(StateMachineSummary & { definition?: string })[]> {
    const rows = await this.db.selectFrom("state_machines").selectAll().orderBy("name").execute();
    return rows.map((r) => ({ arn: r.arn, name: r.name, type: r.type as "STANDARD" | "EXPRESS", createdAt: r.created_at, definition: r.definition ?? undefined }));
  }

  // --- the execution index --------------------------------------------------------------

  /**
   * Merges the executions into the stored rows and writes the machine's cursor, in one
   * transaction. Returns the executions whose rows changed, as they now read.
   */
  async putListing(machineArn: string, executions: readonly StoredExecution[], cursor: ListingCursor | undefined, now: number, columns?: Uint8Array): Promise<StoredExecution[]> {
    return this.db.transaction().execute(async (trx) => {
      const written = await upsertExecutions(trx, this.dialect, machineArn, executions, now);
      if (cursor) await upsertCursor(trx, machineArn, cursor);
      if (columns) await upsertColumns(trx, machineArn, columns, now);
      return written;
    });
  }

  /** A machine's window columns as last written (an opaque block: lib/server/column-snapshot.ts reads it). */
  async indexColumns(machineArn: string): Promise<Uint8Array | undefined> {
    const row = await this.db.selectFrom("index_columns").select("body").where("machine_arn", "=", machineArn).executeTakeFirst();
    return row?.body;
  }

  async putIndexColumns(machineArn: string, body: Uint8Array, now: number): Promise<void> {
    await upsertColumns(this.db, machineArn, body, now);
  }

  /** A machine's executions started at or after `since` (and before `until`), newest first. */
  async executions(machineArn: string, since: number, until = Number.MAX_SAFE_INTEGER): Promise<StoredExecution[]> {
    return this.startedBetween(machineArn, since, until - 1, EVERY_COLUMN);
  }

  /**
   * What the in-memory index keeps of a machine's executions started at or after `since`: every
   * column but the error and the cause, the widest two (a failure's cause runs to hundreds of
   * characters; the lists read them from here when they show them). A restart with no column
   * block reads the whole window this way, so it reads only what it keeps.
   */
  async executionFacts(machineArn: string, since: number, page?: ExecutionPage): Promise<StoredExecution[]> {
    return this.startedBetween(machineArn, since, Number.MAX_SAFE_INTEGER, FACT_COLUMNS, page);
  }

  /** A machine's executions started in [from, to] (both inclusive), newest first. */
  async executionsBetween(machineArn: string, from: number, to: number): Promise<StoredExecution[]> {
    return this.startedBetween(machineArn, from, to, EVERY_COLUMN);
  }

  /** The one range read behind the three above: started in [from, to], newest first (start, then ARN). */
  private async startedBetween(machineArn: string, from: number, to: number, columns: typeof EVERY_COLUMN | typeof FACT_COLUMNS, page?: ExecutionPage): Promise<StoredExecution[]> {
    const after = page?.after;
    let query = this.db
      .selectFrom("executions")
      .select(columns)
      .where("machine_arn", "=", machineArn)
      .where("started_at", ">=", clampTime(from))
      .where("started_at", "<=", clampTime(after ? Math.min(to, after.startedAt) : to));
    // Past the previous page's last row in the same order: a row's start never changes, so a
    // row written between two pages is neither read twice nor skipped for having moved.
    if (after) query = query.where((eb) => pastRow(eb, { key: "started_at", keyDescending: true, arn: "arn", arnDescending: false }, { key: after.startedAt, arn: after.arn }));
    query = query.orderBy("started_at", "desc").orderBy("arn");
    if (page) query = query.limit(page.limit);
    const rows = await query.execute();
    return rows.map((r) => toExecution(r, machineArn));
  }

  /** A machine's executions with one of `statuses`, started at or after `since`, newest first. */
  async executionsWithStatus(machineArn: string, statuses: readonly ExecutionStatusName[], since: number): Promise<StoredExecution[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db
      .selectFrom("executions")
      .selectAll()
      .where("machine_arn", "=", machineArn)
      .where("started_at", ">=", clampTime(since))
      .where("status", "in", [...statuses])
      .orderBy("started_at", "desc")
      .orderBy("arn")
      .execute();
    return rows.map((r) => toExecution(r, machineArn));
  }

  /** The newest `limit` executions of these machines whose name starts with `prefix` (case-insensitive), started at or after `since`. */
  async executionsByNamePrefix(machineArns: readonly string[], prefix: string, since: number, limit: number): Promise<StoredExecution[]> {
    const out: StoredExecution[] = [];
    const pattern = `${likeEscaped(prefix.toLowerCase())}%`;
    // Bounded parameter lists: SQLite allows a few thousand bound values per statement.
    for (const machines of chunks(machineArns)) {
      const rows = await this.db
        .selectFrom("executions")
        .selectAll()
        .where("machine_arn", "in", machines)
        .where("started_at", ">=", clampTime(since))
        .where(sql<boolean>`lower(name) like ${pattern} escape '\\'`)
        .orderBy("started_at", "desc")
        .orderBy("arn")
        .limit(limit)
        .execute();
      out.push(...rows.map((r) => toExecution(r, r.machine_arn)));
    }
    return out.sort((a, b) => b.startedAt - a.startedAt || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)).slice(0, limit);
  }

  /** Executions of a machine written after `updatedAfter` (what another instance stored since we last looked). */
  async executionsUpdatedSince(machineArn: string, updatedAfter: number): Promise<StoredExecution[]> {
    return (await this.changedSince(machineArn, updatedAfter)).executions;
  }

  /**
   * The same, with the newest write time among them: the next call's `updatedAfter`. With a
   * page, at most `limit` of them in write order (time, then ARN) past `after`: a row written
   * again between two pages moves later and is read again, never skipped.
   */
  async changedSince(machineArn: string, updatedAfter: number, page?: ChangedPage): Promise<{ executions: StoredExecution[]; updatedUpTo?: number }> {
    let query = this.db.selectFrom("executions").selectAll().where("machine_arn", "=", machineArn).where("updated_at", ">", updatedAfter);
    if (page) {
      const after = page.after;
      if (after) query = query.where((eb) => pastRow(eb, { key: "updated_at", keyDescending: false, arn: "arn", arnDescending: false }, { key: after.updatedAt, arn: after.arn }));
      query = query.orderBy("updated_at").orderBy("arn").limit(page.limit);
    }
    const rows = await query.execute();
    let updatedUpTo: number | undefined;
    for (const r of rows) updatedUpTo = Math.max(updatedUpTo ?? -Infinity, Number(r.updated_at));
    return { executions: rows.map((r) => toExecution(r, machineArn)), updatedUpTo };
  }

  /** The newest write time of a machine's executions (undefined: none stored). */
  async lastUpdate(machineArn: string): Promise<number | undefined> {
    const row = await this.db.selectFrom("executions").select((eb) => eb.fn.max("updated_at").as("at")).where("machine_arn", "=", machineArn).executeTakeFirst();
    return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
  }

  async countExecutions(machineArn?: string): Promise<number> {
    let q = this.db.selectFrom("executions").select((eb) => eb.fn.countAll<number>().as("n"));
    if (machineArn) q = q.where("machine_arn", "=", machineArn);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async cursor(machineArn: string): Promise<ListingCursor | undefined> {
    const row = await this.db.selectFrom("listing_cursors").selectAll().where("machine_arn", "=", machineArn).executeTakeFirst();
    if (!row) return undefined;
    return { state: row.state, completeFrom: row.complete_from ?? undefined, partial: row.partial === 1, updatedAt: row.updated_at };
  }

  // --- finished histories ---------------------------------------------------------------

  /**
   * A finished history never changes: written once, compressed (brotli; histories shrink 10–30×).
   * Compressed on libuv's thread pool, not the event loop: at a cold start the poller stores
   * hundreds of histories, and a synchronous brotli held every page's request behind them.
   */
  async putHistory(executionArn: string, machineArn: string, events: readonly unknown[], now: number): Promise<void> {
    const body = await compress(Buffer.from(JSON.stringify(events)), { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
    await this.db
      .insertInto("histories")
      .values({ execution_arn: executionArn, machine_arn: machineArn, encoding: "br", body, event_count: events.length, stored_at: now })
      .onConflict((oc) => oc.column("execution_arn").doNothing())
      .execute();
  }

  async history<T = unknown>(executionArn: string): Promise<T[] | undefined> {
    const row = await this.db.selectFrom("histories").select(["encoding", "body"]).where("execution_arn", "=", executionArn).executeTakeFirst();
    if (!row) return undefined;
    if (row.encoding !== "br") throw new Error(`history of ${executionArn} is stored as ${row.encoding}, which this Stepscope cannot read`);
    return JSON.parse((await decompress(row.body)).toString("utf8")) as T[];
  }

  // --- failures and error groups --------------------------------------------------------

  /**
   * Keeps failure records; `executions` (what the failed histories said of their executions) are
   * merged into the execution rows in the same transaction, as any other observation is.
   */
  async putFailures(records: readonly FailureRecordRow[], outcomes?: { executions: readonly StoredExecution[]; now: number }): Promise<void> {
    const executions = outcomes?.executions ?? [];
    if (records.length === 0 && executions.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const byMachine = new Map<string, StoredExecution[]>();
      for (const e of executions) byMachine.set(e.stateMachineArn, [...(byMachine.get(e.stateMachineArn) ?? []), e]);
      for (const [machine, list] of byMachine) await upsertExecutions(trx, this.dialect, machine, list, outcomes!.now);
      for (const chunk of chunks(records)) {
        await trx
          .insertInto("failure_records")
          .values(
            chunk.map((r) => ({
              execution_arn: r.executionArn,
              machine_arn: r.machineArn,
              started_at: r.startedAt,
              stopped_at: r.stoppedAt ?? null,
              status: r.status,
              state_name: r.stateName ?? null,
              error: r.error ?? null,
              cause: r.cause ?? null,
              group_key: r.groupKey,
            })),
          )
          // A redriven execution that failed again replaces its earlier record.
          .onConflict((oc) =>
            oc.column("execution_arn").doUpdateSet((eb) => ({
              stopped_at: eb.ref("excluded.stopped_at"),
              status: eb.ref("excluded.status"),
              state_name: eb.ref("excluded.state_name"),
              error: eb.ref("excluded.error"),
              cause: eb.ref("excluded.cause"),
              group_key: eb.ref("excluded.group_key"),
            })),
          )
          .execute();
      }
    });
  }

  async failures(machineArn: string, from: number, to: number): Promise<FailureRecordRow[]> {
    const rows = await this.db
      .selectFrom("failure_records")
      .selectAll()
      .where("machine_arn", "=", machineArn)
      .where("started_at", ">=", from)
      .where("started_at", "<", to)
      .orderBy("started_at", "desc")
      .execute();
    return rows.map(failureRowOf);
  }

  /** The newest `limit` failures of every machine, newest first: what a starting process keeps at hand. */
  async recentFailures(limit: number): Promise<FailureRecordRow[]> {
    const rows = await this.db.selectFrom("failure_records").selectAll().orderBy("started_at", "desc").orderBy("execution_arn").limit(limit).execute();
    return rows.map(failureRowOf);
  }

  /** Error groups of a window: every stored failure counted once, biggest group first. */
  async errorGroups(machineArn: string, from: number, to: number): Promise<ErrorGroupRow[]> {
    const rows = await this.db
      .selectFrom("failure_records")
      .select((eb) => [
        "group_key",
        eb.fn.max("error").as("error"),
        eb.fn.max("cause").as("sample_cause"),
        eb.fn.countAll<number>().as("count"),
        eb.fn.min("started_at").as("first_seen"),
        eb.fn.max("started_at").as("last_seen"),
      ])
      .where("machine_arn", "=", machineArn)
      .where("started_at", ">=", from)
      .where("started_at", "<", to)
      .groupBy("group_key")
      .orderBy("count", "desc")
      .orderBy("group_key")
      .execute();
    return rows.map((r) => ({
      groupKey: r.group_key,
      error: r.error ?? undefined,
      sampleCause: r.sample_cause ?? undefined,
      count: Number(r.count),
      firstSeen: Number(r.first_seen),
      lastSeen: Number(r.last_seen),
    }));
  }

  // --- retention ------------------------------------------------------------------------

  /** Deletes everything about executions started before `before`; returns how many executions went. */
  async deleteOlderThan(before: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("histories").where("execution_arn", "in", (eb) => eb.selectFrom("executions").select("arn").where("started_at", "<", before)).execute();
      // Histories of executions the index does not list (a distributed Map's children): by when they were stored.
      await trx.deleteFrom("histories").where("stored_at", "<", before).execute();
      await trx.deleteFrom("failure_records").where("started_at", "<", before).execute();
      await trx.deleteFrom("payload_fields").where("started_at", "<", before).execute();
      await trx.deleteFrom("execution_payloads").where("started_at", "<", before).execute();
      // A machine's columns not written for the whole retention: the machine is gone.
      await trx.deleteFrom("index_columns").where("updated_at", "<", before).execute();
      const r = await trx.deleteFrom("executions").where("started_at", "<", before).executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }
}

/**
 * Merges each execution into its stored row by the one rule of lib/events (a redriven try does
 * not keep the error of the try before it; a stale page does not undo a newer status) and writes
 * what changed. Returns the rows as written. Only the poller lease holder writes executions; on
 * Postgres the read locks the rows it merges into.
 */
async function upsertExecutions(db: Db, dialect: Dialect, machineArn: string, executions: readonly StoredExecution[], now: number): Promise<StoredExecution[]> {
  const written: StoredExecution[] = [];
  for (const chunk of chunks(executions)) {
    let read = db.selectFrom("executions").selectAll().where("arn", "in", [...new Set(chunk.map((e) => e.arn))]);
    if (dialect === "postgres") read = read.forUpdate();
    const known = new Map((await read.execute()).map((r) => [r.arn, toExecution(r, machineArn)]));
    const changed = new Map<string, StoredExecution>();
    for (const e of chunk) {
      const merged = mergeExecution(known.get(e.arn), e);
      if (!merged) continue;
      known.set(e.arn, merged);
      changed.set(e.arn, merged);
    }
    if (changed.size === 0) continue;
    await db
      .insertInto("executions")
      .values([...changed.values()].map((e) => toRow(machineArn, e, now)))
      .onConflict((oc) =>
        oc.column("arn").doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          stopped_at: eb.ref("excluded.stopped_at"),
          error: eb.ref("excluded.error"),
          cause: eb.ref("excluded.cause"),
          redrive_count: eb.ref("excluded.redrive_count"),
          redrive_status: eb.ref("excluded.redrive_status"),
          map_run_arn: eb.ref("excluded.map_run_arn"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
    written.push(...changed.values());
  }
  return written;
}

async function upsertColumns(db: Db, machineArn: string, body: Uint8Array, now: number): Promise<void> {
  const row = { machine_arn: machineArn, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength), updated_at: now };
  await db
    .insertInto("index_columns")
    .values(row)
    .onConflict((oc) => oc.column("machine_arn").doUpdateSet({ body: row.body, updated_at: row.updated_at }))
    .execute();
}

async function upsertCursor(db: Db, machineArn: string, cursor: ListingCursor): Promise<void> {
  const row = { machine_arn: machineArn, state: cursor.state, complete_from: cursor.completeFrom ?? null, partial: cursor.partial ? 1 : 0, updated_at: cursor.updatedAt };
  await db
    .insertInto("listing_cursors")
    .values(row)
    .onConflict((oc) => oc.column("machine_arn").doUpdateSet({ state: row.state, complete_from: row.complete_from, partial: row.partial, updated_at: row.updated_at }))
    .execute();
}

function toRow(machineArn: string, e: StoredExecution, now: number): ExecutionsTable {
  return {
    arn: e.arn,
    machine_arn: machineArn,
    name: e.name,
    status: e.status,
    started_at: e.startedAt,
    stopped_at: e.stoppedAt ?? null,
    error: e.error ?? null,
    cause: e.cause ?? null,
    redrive_count: e.redriveCount ?? null,
    redrive_status: e.redriveStatus ?? null,
    map_run_arn: e.mapRunArn ?? null,
    updated_at: now,
  };
}

const FACT_COLUMNS = ["arn", "name", "machine_arn", "status", "started_at", "stopped_at", "redrive_count", "redrive_status", "map_run_arn"] as const;
const EVERY_COLUMN = [...FACT_COLUMNS, "error", "cause"] as const;

/** A row as read: every column but error and cause is always selected. */
type ExecutionRowRead = Omit<ExecutionsTable, "error" | "cause" | "updated_at"> & Partial<Pick<ExecutionsTable, "error" | "cause">>;

/** `machineArn`: the caller's string, shared by every row, instead of one copy per row (a million rows: ~90 MB). */
function toExecution(r: ExecutionRowRead, machineArn: string): StoredExecution {
  const e: StoredExecution = { arn: r.arn, name: r.name, stateMachineArn: r.machine_arn === machineArn ? machineArn : r.machine_arn, status: r.status as ExecutionStatusName, startedAt: Number(r.started_at) };
  if (r.stopped_at !== null) e.stoppedAt = Number(r.stopped_at);
  if (r.map_run_arn !== null) e.mapRunArn = r.map_run_arn;
  if (r.redrive_count !== null) e.redriveCount = r.redrive_count;
  if (r.error != null) e.error = r.error;
  if (r.cause != null) e.cause = r.cause;
  if (r.redrive_status !== null) e.redriveStatus = r.redrive_status;
  return e;
}

/** ±Infinity as the widest time a bound parameter can carry. */
function clampTime(t: number): number {
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, t));
}

function failureRowOf(r: Selectable<FailureRecordsTable>): FailureRecordRow {
  return {
    executionArn: r.execution_arn,
    machineArn: r.machine_arn,
    startedAt: r.started_at,
    stoppedAt: r.stopped_at ?? undefined,
    status: r.status,
    stateName: r.state_name ?? undefined,
    error: r.error ?? undefined,
    cause: r.cause ?? undefined,
    groupKey: r.group_key,
  };
}
