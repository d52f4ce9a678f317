/**
 * Search over every stored execution, newest first, one keyset page at a time. The same
 * Kysely query on SQLite and Postgres; only prefix matching differs (see migration 2).
 * Also the writes of the opt-in payload index, which search reads.
 */
import "@/lib/server/server-only";
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { ExecutionStatusName } from "@/lib/contract/api";
import { flattenPayload, type SearchCursor, type SearchQuery } from "@/lib/search";
import { pastRow } from "./keyset";
import type { StoreSchema } from "./schema";
import type { Store, StoredExecution } from "./store";

export interface SearchHit extends StoredExecution {
  machineName?: string;
}

export interface SearchPage {
  hits: SearchHit[];
  /** The last hit's position, when more may follow. */
  next?: SearchCursor;
}

export interface PayloadRecord {
  executionArn: string;
  machineArn: string;
  startedAt: number;
  input?: string;
  output?: string;
  /** The execution had stopped when it was described: its output is final. */
  finished: boolean;
}

type Eb = ExpressionBuilder<StoreSchema, "executions">;

/** SQLite's LIKE and GLOB have their own escapes; LIKE with ESCAPE '\' behaves the same on both. */
export function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** SQLite compares bytes, so [p, p + U+10FFFF) holds exactly the strings starting with p. */
const SQLITE_PREFIX_END = "\u{10FFFF}";

function prefixCondition(store: Store, eb: Eb, column: "name" | "arn" | "error", prefix: string) {
  if (store.dialect === "postgres") return sql<boolean>`${sql.ref(`executions.${column}`)} like ${`${likeEscaped(prefix)}%`} escape '\\'`;
  return eb.and([eb(`executions.${column}`, ">=", prefix), eb(`executions.${column}`, "<", prefix + SQLITE_PREFIX_END)]);
}

/** Case-insensitive substring: lower() on both sides, so SQLite and Postgres agree. */
function containsCondition(column: string, text: string) {
  return sql<boolean>`lower(${sql.ref(column)}) like ${`%${likeEscaped(text.toLowerCase())}%`} escape '\\'`;
}

/**
 * A prefix with fewer matches than this is read through its own index and sorted (Postgres):
 * a top-50 sort of 20,000 rows costs a few milliseconds, and counting them in the index is as cheap.
 */
const SPARSE_PREFIX_MATCHES = 20_000;

/**
 * Postgres plans a name or ARN prefix by the rows it expects and walks the newest-first index
 * when matches look common enough, which for an old prefix (all its matches at the far end of
 * the index) reads nearly every row. A probe of the prefix index, bounded, tells a sparse prefix
 * (read its few matches and sort them) from a dense one (the newest-first walk finds a page soon).
 */
async function sparsePrefix(store: Store, query: SearchQuery): Promise<boolean> {
  if (store.dialect !== "postgres") return false;
  for (const [column, prefix] of [["name", query.namePrefix], ["arn", query.arnPrefix]] as const) {
    if (prefix === undefined) continue;
    const probe = await sql<{ n: number }>`select count(*) as n from (select 1 from executions where ${sql.ref(column)} like ${`${likeEscaped(prefix)}%`} escape '\\' limit ${SPARSE_PREFIX_MATCHES}) matches`.execute(store.db);
    if (Number(probe.rows[0]?.n ?? 0) < SPARSE_PREFIX_MATCHES) return true;
  }
  return false;
}

export async function searchExecutions(store: Store, query: SearchQuery, limit: number, after?: SearchCursor): Promise<SearchPage> {
  const sparse = await sparsePrefix(store, query);
  let q: SelectQueryBuilder<StoreSchema, "executions", object> = store.db.selectFrom("executions");
  q = q.where((eb) => {
    const all = [];
    if (query.namePrefix !== undefined) all.push(prefixCondition(store, eb, "name", query.namePrefix));
    if (query.arnPrefix !== undefined) all.push(prefixCondition(store, eb, "arn", query.arnPrefix));
    if (query.statuses?.length) all.push(eb("executions.status", "in", query.statuses));
    if (query.machines?.length) {
      const arns = query.machines.filter((m) => m.startsWith("arn:"));
      const names = query.machines.filter((m) => !m.startsWith("arn:"));
      const either = [];
      if (arns.length) either.push(eb("executions.machine_arn", "in", arns));
      if (names.length) either.push(eb("executions.machine_arn", "in", eb.selectFrom("state_machines").select("state_machines.arn").where("state_machines.name", "in", names)));
      all.push(eb.or(either));
    }
    if (query.error) all.push(query.error.prefix ? prefixCondition(store, eb, "error", query.error.value) : eb("executions.error", "=", query.error.value));
    if (query.causeText !== undefined) all.push(containsCondition("executions.cause", query.causeText));
    if (query.from !== undefined) all.push(eb("executions.started_at", ">=", query.from));
    if (query.to !== undefined) all.push(eb("executions.started_at", "<", query.to));
    for (const f of query.fields) {
      all.push(
        eb(
          "executions.arn",
          "in",
          eb
            .selectFrom("payload_fields")
            .select("payload_fields.execution_arn")
            .where("payload_fields.path", "=", f.path)
            .where("payload_fields.value", "=", f.value)
            .where("payload_fields.side", "=", f.side),
        ),
      );
    }
    for (const t of query.texts) {
      const columns = t.side === "either" ? ["execution_payloads.input", "execution_payloads.output"] : [`execution_payloads.${t.side}`];
      all.push(
        eb.exists(
          eb
            .selectFrom("execution_payloads")
            .select(sql`1`.as("one"))
            .whereRef("execution_payloads.execution_arn", "=", "executions.arn")
            .where((p) => p.or(columns.map((c) => containsCondition(c, t.text)))),
        ),
      );
    }
    if (after) {
      all.push(pastRow(eb, { key: "executions.started_at", keyDescending: true, arn: "executions.arn", arnDescending: true }, { key: after.startedAt, arn: after.arn }));
    }
    return eb.and(all);
  });
  const rows = await q
    .leftJoin("state_machines", "state_machines.arn", "executions.machine_arn")
    .selectAll("executions")
    .select("state_machines.name as machine_name")
    // `+ 0`: no index orders by it, so the planner reads a sparse prefix's matches by its own index.
    .orderBy(sparse ? sql`executions.started_at + 0` : sql.ref("executions.started_at"), "desc")
    .orderBy("executions.arn", "desc")
    .limit(limit + 1)
    .execute();
  const hits = rows.slice(0, limit).map((r): SearchHit => {
    const hit: SearchHit = { arn: r.arn, name: r.name, stateMachineArn: r.machine_arn, status: r.status as ExecutionStatusName, startedAt: Number(r.started_at) };
    if (r.stopped_at !== null) hit.stoppedAt = Number(r.stopped_at);
    if (r.error !== null) hit.error = r.error;
    if (r.cause !== null) hit.cause = r.cause;
    if (r.map_run_arn !== null) hit.mapRunArn = r.map_run_arn;
    if (r.redrive_count !== null) hit.redriveCount = r.redrive_count;
    if (r.machine_name) hit.machineName = r.machine_name;
    return hit;
  });
  const last = hits[hits.length - 1];
  return { hits, next: rows.length > limit && last ? { startedAt: last.startedAt, arn: last.arn } : undefined };
}

/** Writes payloads and their field index; a later read of the same execution (its final output) replaces the earlier one. */
export async function putPayloads(store: Store, records: readonly PayloadRecord[], now: number): Promise<void> {
  if (records.length === 0) return;
  await store.db.transaction().execute(async (trx) => {
    for (const r of records) {
      const input = flattenPayload(r.input);
      const output = flattenPayload(r.output);
      await trx.deleteFrom("payload_fields").where("execution_arn", "=", r.executionArn).execute();
      const fields = [...input.fields.map((f) => ({ ...f, side: "input" })), ...output.fields.map((f) => ({ ...f, side: "output" }))];
      // Two leaves can flatten to one path (a key with a dot in it): the first one wins.
      const seen = new Set<string>();
      const rows = fields
        .filter((f) => !seen.has(`${f.side}\0${f.path}`) && seen.add(`${f.side}\0${f.path}`))
        .map((f) => ({ execution_arn: r.executionArn, side: f.side, path: f.path, value: f.value, started_at: r.startedAt }));
      for (let i = 0; i < rows.length; i += 400) await trx.insertInto("payload_fields").values(rows.slice(i, i + 400)).execute();
      const row = {
        execution_arn: r.executionArn,
        machine_arn: r.machineArn,
        started_at: r.startedAt,
        input: r.input ?? null,
        output: r.output ?? null,
        finished: r.finished ? 1 : 0,
        truncated: input.truncated || output.truncated ? 1 : 0,
        indexed_at: now,
      };
      await trx
        .insertInto("execution_payloads")
        .values(row)
        .onConflict((oc) => oc.column("execution_arn").doUpdateSet({ input: row.input, output: row.output, finished: row.finished, truncated: row.truncated, indexed_at: now }))
        .execute();
    }
  });
}

/** Where the payload indexer stands in the stream of execution writes (updated_at, then ARN). */
export interface PayloadScanPosition {
  updatedAt: number;
  arn: string;
}

/**
 * Executions of these machines whose payloads are still to read (never read, or read while
 * running and stopped since), among those written after `after`, in write order. Walking the
 * writes keeps each round an index range instead of a scan of every stored execution.
 */
export async function executionsAwaitingPayloads(
  store: Store,
  machineArns: readonly string[],
  after: PayloadScanPosition,
  limit: number,
): Promise<{ executions: StoredExecution[]; position: PayloadScanPosition }> {
  if (machineArns.length === 0) return { executions: [], position: after };
  const rows = await store.db
    .selectFrom("executions")
    .leftJoin("execution_payloads", "execution_payloads.execution_arn", "executions.arn")
    .select(["executions.arn", "executions.name", "executions.machine_arn", "executions.status", "executions.started_at", "executions.updated_at", "execution_payloads.finished"])
    .where("executions.machine_arn", "in", machineArns)
    .where((eb) =>
      pastRow(eb, { key: "executions.updated_at", keyDescending: false, arn: "executions.arn", arnDescending: false }, { key: after.updatedAt, arn: after.arn }),
    )
    .orderBy("executions.updated_at")
    .orderBy("executions.arn")
    .limit(limit * 10)
    .execute();
  const executions: StoredExecution[] = [];
  let position = after;
  for (const r of rows) {
    const due = r.finished === null || (r.finished === 0 && r.status !== "RUNNING");
    if (due && executions.length === limit) break;
    position = { updatedAt: Number(r.updated_at), arn: r.arn };
    if (due) executions.push({ arn: r.arn, name: r.name, stateMachineArn: r.machine_arn, status: r.status as ExecutionStatusName, startedAt: Number(r.started_at) });
  }
  return { executions, position };
}

/** One stored execution by ARN (what an event is merged into). */
export async function storedExecution(store: Store, arn: string): Promise<StoredExecution | undefined> {
  const r = await store.db.selectFrom("executions").selectAll().where("arn", "=", arn).executeTakeFirst();
  if (!r) return undefined;
  const e: StoredExecution = { arn: r.arn, name: r.name, stateMachineArn: r.machine_arn, status: r.status as ExecutionStatusName, startedAt: Number(r.started_at) };
  if (r.stopped_at !== null) e.stoppedAt = Number(r.stopped_at);
  if (r.error !== null) e.error = r.error;
  if (r.cause !== null) e.cause = r.cause;
  if (r.redrive_count !== null) e.redriveCount = r.redrive_count;
  return e;
}
