/**
 * Versioned migrations, run by Kysely's Migrator on both dialects. Append only: a released
 * migration never changes. The newest version is written to `stepscope_meta.schema_version`,
 * so an older Stepscope refuses a database a newer one has migrated (see guard.ts).
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { metricFigures } from "./migrations/0004_metric_figures";
import { leaseAcquiredAt } from "./migrations/0005_lease_acquired_at";
import { dropStateStats } from "./migrations/0007_drop_state_stats";
import { indexColumns } from "./migrations/0008_index_columns";
import { executionsByMachineStatus } from "./migrations/0009_executions_by_machine_status";

export type Dialect = "sqlite" | "postgres";

function migration1(dialect: Dialect): Migration {
  const blob = dialect === "postgres" ? "bytea" : "blob";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable("stepscope_meta").addColumn("key", "text", (c) => c.primaryKey()).addColumn("value", "text", (c) => c.notNull()).execute();
      // In the same transaction as the tables: another instance never sees our tables without our mark.
      await sql`insert into stepscope_meta (key, value) values ('app', 'stepscope')`.execute(db);
      await db.schema
        .createTable("state_machines")
        .addColumn("arn", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("definition", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("executions")
        .addColumn("arn", "text", (c) => c.primaryKey())
        .addColumn("machine_arn", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("stopped_at", "bigint")
        .addColumn("error", "text")
        .addColumn("cause", "text")
        .addColumn("redrive_count", "integer")
        .addColumn("redrive_status", "text")
        .addColumn("map_run_arn", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("executions_by_machine_start").on("executions").columns(["machine_arn", "started_at"]).execute();
      await db.schema.createIndex("executions_by_machine_update").on("executions").columns(["machine_arn", "updated_at"]).execute();
      await db.schema.createIndex("executions_by_start").on("executions").column("started_at").execute();
      await db.schema
        .createTable("listing_cursors")
        .addColumn("machine_arn", "text", (c) => c.primaryKey())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("complete_from", "bigint")
        .addColumn("partial", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("histories")
        .addColumn("execution_arn", "text", (c) => c.primaryKey())
        .addColumn("machine_arn", "text", (c) => c.notNull())
        .addColumn("encoding", "text", (c) => c.notNull())
        .addColumn("body", sql.raw(blob), (c) => c.notNull())
        .addColumn("event_count", "integer", (c) => c.notNull())
        .addColumn("stored_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("failure_records")
        .addColumn("execution_arn", "text", (c) => c.primaryKey())
        .addColumn("machine_arn", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("stopped_at", "bigint")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("state_name", "text")
        .addColumn("error", "text")
        .addColumn("cause", "text")
        .addColumn("group_key", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("failure_records_by_machine_start").on("failure_records").columns(["machine_arn", "started_at"]).execute();
      await db.schema
        .createTable("state_stats")
        .addColumn("execution_arn", "text", (c) => c.notNull())
        .addColumn("state_name", "text", (c) => c.notNull())
        .addColumn("machine_arn", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("runs", "integer", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("retries", "integer", (c) => c.notNull())
        .addColumn("duration_ms", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("state_stats_pk", ["execution_arn", "state_name"])
        .execute();
      await db.schema.createIndex("state_stats_by_machine_start").on("state_stats").columns(["machine_arn", "started_at"]).execute();
      await db.schema
        .createTable("leases")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("term", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
    },
  };
}

/**
 * Search: indexes for newest-first search across every machine, and the opt-in payload index.
 * Postgres compares text by its collation, under which `>=`/`<` ranges are not prefix ranges,
 * so prefix searches there use LIKE over text_pattern_ops indexes; SQLite compares bytes, so a
 * plain index serves a range.
 */
function migration2(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex("executions_by_start_arn").on("executions").columns(["started_at", "arn"]).execute();
      await db.schema.createIndex("executions_by_status_start").on("executions").columns(["status", "started_at", "arn"]).execute();
      await db.schema.createIndex("executions_by_error_start").on("executions").columns(["error", "started_at"]).execute();
      if (dialect === "postgres") {
        await sql`create index executions_by_name_prefix on executions (name text_pattern_ops)`.execute(db);
        await sql`create index executions_by_arn_prefix on executions (arn text_pattern_ops)`.execute(db);
        await sql`create index executions_by_error_prefix on executions (error text_pattern_ops)`.execute(db);
      } else {
        await db.schema.createIndex("executions_by_name_prefix").on("executions").column("name").execute();
      }
      await db.schema
        .createTable("execution_payloads")
        .addColumn("execution_arn", "text", (c) => c.primaryKey())
        .addColumn("machine_arn", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("input", "text")
        .addColumn("output", "text")
        .addColumn("finished", "integer", (c) => c.notNull())
        .addColumn("truncated", "integer", (c) => c.notNull())
        .addColumn("indexed_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("execution_payloads_by_machine").on("execution_payloads").columns(["machine_arn", "finished"]).execute();
      await db.schema
        .createTable("payload_fields")
        .addColumn("execution_arn", "text", (c) => c.notNull())
        .addColumn("side", "text", (c) => c.notNull())
        .addColumn("path", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("payload_fields_pk", ["execution_arn", "side", "path"])
        .execute();
      await db.schema.createIndex("payload_fields_by_value").on("payload_fields").columns(["path", "value", "side", "started_at"]).execute();
    },
  };
}

/**
 * Failed executions' errors and causes on their rows: failure records read before the ledger
 * wrote them back are copied once, for the executions still in the status they were read in,
 * so search finds them without reading any history again.
 */
function failureErrors(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        update executions
        set error = (select f.error from failure_records f where f.execution_arn = executions.arn),
            cause = (select f.cause from failure_records f where f.execution_arn = executions.arn)
        where executions.error is null and executions.cause is null
          and exists (select 1 from failure_records f where f.execution_arn = executions.arn and f.status = executions.status)`.execute(db);
    },
  };
}

/** Every migration, oldest first; the key's number is the schema version it leaves behind. */
export function storeMigrations(dialect: Dialect): Record<string, Migration> {
  return { "0001_initial": migration1(dialect), "0002_search": migration2(dialect), "0004_metric_figures": metricFigures, "0005_lease_acquired_at": leaseAcquiredAt, "0006_failure_errors": failureErrors(), "0007_drop_state_stats": dropStateStats, "0008_index_columns": indexColumns(dialect), "0009_executions_by_machine_status": executionsByMachineStatus };
}

/** The highest migration number: the version a migrated database is at. */
export const SCHEMA_VERSION = Math.max(...Object.keys(storeMigrations("sqlite")).map((key) => Number.parseInt(key, 10)));

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => storeMigrations(dialect) };
}
