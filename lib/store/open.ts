/**
 * Opens the store where STEPSCOPE_DATABASE_URL says: checks the database is empty or ours,
 * runs the migrations it lacks, and hands back the typed store. SQLite runs in WAL mode with
 * every write in a transaction, so a process killed mid-write leaves the last committed state.
 */
import "@/lib/server/server-only";
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver } from "kysely";
import pg from "pg";
import { describeLocation, type DatabaseLocation } from "./database-url";
import { StoreOpenError } from "./errors";
import { assertOursOrEmpty, judgeDatabase } from "./guard";
import { migrationProvider, SCHEMA_VERSION, type Dialect } from "./migrations";
import type { StoreSchema } from "./schema";
import { Store } from "./store";

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

/** SQLite runs DDL inside transactions; Kysely's adapter does not claim it, so a crash mid-migration would leave half a schema. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * BEGIN IMMEDIATE takes the write lock up front. A plain BEGIN that reads and then writes can
 * find another process writing, and SQLite then fails at once instead of waiting its busy timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export interface OpenStoreOptions {
  /** Connections in the Postgres pool. */
  poolSize?: number;
}

export async function openStore(location: DatabaseLocation, options: OpenStoreOptions = {}): Promise<Store> {
  const where = describeLocation(location);
  let db: Kysely<StoreSchema>;
  let dialect: Dialect;
  if (location.kind === "postgres") {
    dialect = "postgres";
    db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool: createPool(location.url, options.poolSize ?? 4) }) });
  } else {
    dialect = "sqlite";
    db = new Kysely<StoreSchema>({ dialect: new TransactionalSqliteDialect({ database: openSqlite(location) }) });
  }
  try {
    await assertOursOrEmpty(db, dialect, where).catch((error) => rethrowUnreadable(error, where));
    await migrate(db, dialect, where);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return new Store(db, dialect, location);
}

function openSqlite(location: DatabaseLocation): Database.Database {
  if (location.kind === "memory") return configure(new Database(":memory:"), "memory");
  if (location.kind !== "sqlite") throw new Error("unreachable");
  const file = location.file;
  if (existsSync(file)) {
    assertSqliteHeader(file);
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
  }
  let database: Database.Database;
  try {
    database = new Database(file);
  } catch (error) {
    throw new StoreOpenError(`Stepscope cannot open the SQLite file ${file}: ${(error as Error).message}`);
  }
  return configure(database, file);
}

function configure(database: Database.Database, file: string): Database.Database {
  let tables: string[];
  let meta: { key: string; value: string }[] = [];
  try {
    // Reading the schema first: a damaged file fails here, before the WAL switch rewrites its header.
    tables = (database.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name);
    if (tables.includes("stepscope_meta")) meta = database.prepare("select key, value from stepscope_meta").all() as typeof meta;
  } catch (error) {
    database.close();
    throw new StoreOpenError(`${file} is not a readable SQLite database (${(error as Error).message}). Stepscope left it untouched; move it away or point STEPSCOPE_DATABASE_URL elsewhere.`);
  }
  try {
    judgeDatabase(tables, meta, `the SQLite file ${file}`);
  } catch (error) {
    database.close();
    throw error;
  }
  try {
    database.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a killed process never corrupts the file or loses a commit; a power cut may lose the last one.
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
  } catch (error) {
    database.close();
    throw new StoreOpenError(`${file} is not a readable SQLite database (${(error as Error).message}). Stepscope left it untouched; move it away or point STEPSCOPE_DATABASE_URL elsewhere.`);
  }
  return database;
}

/** A file that is not SQLite at all is refused before the driver opens (and could write to) it. */
function assertSqliteHeader(file: string): void {
  const stat = statSync(file);
  if (stat.isDirectory()) throw new StoreOpenError(`${file} is a folder, not a SQLite database file. Point STEPSCOPE_DATABASE_URL at a file (sqlite:/path/to/stepscope.db).`);
  if (stat.size === 0) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) {
    throw new StoreOpenError(
      `${file} is not a SQLite database (its first bytes are not the SQLite header). Stepscope left it untouched; move it away or point STEPSCOPE_DATABASE_URL elsewhere.`,
    );
  }
}

function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // bigint columns hold epoch ms: well inside a double, so read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  return pool;
}

function rethrowUnreadable(error: unknown, where: string): never {
  if (error instanceof StoreOpenError) throw error;
  throw new StoreOpenError(`Stepscope cannot read ${where}: ${(error as Error).message}`);
}

async function migrate(db: Kysely<StoreSchema>, dialect: Dialect, where: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw new StoreOpenError(`Stepscope could not migrate ${where}: ${(error as Error).message ?? String(error)}`);
  await db
    .insertInto("stepscope_meta")
    .values({ key: "schema_version", value: String(SCHEMA_VERSION) })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(SCHEMA_VERSION) }))
    .execute();
}
