/**
 * Each machine's window columns as one block (lib/server/column-snapshot.ts), written by the
 * poller beside the rows: a restart reads a block per machine and only the rows written since,
 * instead of every row of the window (a million rows took seconds to read back as objects).
 * The block is a cache of the rows; the rows stay the truth.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "../migrations";

export function indexColumns(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("index_columns")
        .addColumn("machine_arn", "text", (c) => c.primaryKey())
        .addColumn("body", sql.raw(dialect === "postgres" ? "bytea" : "blob"), (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
  };
}
