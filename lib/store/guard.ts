/**
 * Checks, before anything is written, that a database is empty or ours at a version this
 * build understands. A database holding someone else's tables, or migrated by a newer
 * Stepscope, is refused with a message naming it: writing to it would damage it.
 */
import { sql, type Kysely } from "kysely";
import type { Dialect } from "./migrations";
import { SCHEMA_VERSION } from "./migrations";
import { StoreOpenError } from "./errors";

const IGNORED = /^(kysely_migration|kysely_migration_lock|sqlite_.*)$/;

export async function assertOursOrEmpty(db: Kysely<any>, dialect: Dialect, where: string): Promise<void> {
  const tables = await listTables(db, dialect);
  const meta = tables.includes("stepscope_meta") ? (await sql<{ key: string; value: string }>`select key, value from stepscope_meta`.execute(db)).rows : [];
  judgeDatabase(tables, meta, where);
}

/** Pure: given the tables a database holds and our meta rows, throws unless it is empty or ours at a known version. */
export function judgeDatabase(tables: readonly string[], metaRows: readonly { key: string; value: string }[], location: string): void {
  const where = location.charAt(0).toUpperCase() + location.slice(1);
  const relevant = tables.filter((t) => !IGNORED.test(t));
  if (relevant.length === 0) return;
  if (!relevant.includes("stepscope_meta")) {
    throw new StoreOpenError(
      `${where} holds tables that are not Stepscope's (${relevant.slice(0, 5).join(", ")}${relevant.length > 5 ? ", …" : ""}). ` +
        "Stepscope will not write to it: point STEPSCOPE_DATABASE_URL at an empty database or a new file.",
    );
  }
  const meta = new Map(metaRows.map((r) => [r.key, r.value]));
  if (meta.get("app") !== "stepscope") {
    throw new StoreOpenError(`${where} has a stepscope_meta table that Stepscope did not write. Stepscope will not write to it.`);
  }
  const version = Number(meta.get("schema_version") ?? "0");
  if (version > SCHEMA_VERSION) {
    throw new StoreOpenError(
      `${where} was migrated by a newer Stepscope (schema version ${version}; this one knows up to ${SCHEMA_VERSION}). ` +
        "Upgrade Stepscope, or point STEPSCOPE_DATABASE_URL elsewhere; the database was left as it is.",
    );
  }
}

async function listTables(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  if (dialect === "sqlite") {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db);
  return r.rows.map((x) => x.name);
}
