/**
 * A database that is not ours, or not readable, stops the store from opening with a message
 * that names it, and is left byte for byte as it was.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, parseDatabaseUrl, SCHEMA_VERSION, StoreOpenError } from "@/lib/store";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";

const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-guard-"));
const runPostgres = shouldRunPostgresTests();
let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  if (runPostgres) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function refusal(url: string): Promise<StoreOpenError> {
  const error = await openStore(parseDatabaseUrl(url, tmp)).then(
    async (store) => {
      await store.close();
      throw new Error("the store opened");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return error as StoreOpenError;
}

describe("a SQLite file that is not Stepscope's", () => {
  it("refuses a file of random bytes, naming it, and leaves it untouched", async () => {
    const file = path.join(tmp, "random.db");
    writeFileSync(file, randomBytes(64 * 1024));
    const before = digest(file);
    const error = await refusal(`sqlite:${file}`);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(digest(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("refuses a damaged SQLite file (right header, garbage after it)", async () => {
    const file = path.join(tmp, "damaged.db");
    const good = new Database(file);
    good.exec("create table t (x); insert into t values (1);");
    good.close();
    const bytes = readFileSync(file);
    randomBytes(bytes.length - 100).copy(bytes, 100);
    writeFileSync(file, bytes);
    const before = digest(file);
    const error = await refusal(`sqlite:${file}`);
    expect(error.message).toContain(file);
    expect(digest(file)).toBe(before);
  });

  it("refuses a SQLite file holding someone else's tables, naming the file and a table", async () => {
    const file = path.join(tmp, "theirs.db");
    const theirs = new Database(file);
    theirs.exec("create table invoices (id integer primary key, total real); insert into invoices (total) values (9.5);");
    theirs.close();
    const before = digest(file);
    const error = await refusal(`sqlite:${file}`);
    expect(error.message).toContain(file);
    expect(error.message).toContain("invoices");
    expect(digest(file)).toBe(before);
    const again = new Database(file, { readonly: true });
    expect(again.prepare("select name from sqlite_master where type = 'table'").all()).toEqual([{ name: "invoices" }]);
    again.close();
  });

  it("refuses a store migrated by a newer Stepscope, saying which versions", async () => {
    const file = path.join(tmp, "newer.db");
    const store = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
    await store.db.updateTable("stepscope_meta").set({ value: String(SCHEMA_VERSION + 1) }).where("key", "=", "schema_version").execute();
    await store.close();
    const before = digest(file);
    const error = await refusal(`sqlite:${file}`);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
    expect(digest(file)).toBe(before);
  });

  it("refuses a path that is a folder", async () => {
    const dir = path.join(tmp, "a-folder.db");
    mkdirSync(dir);
    const error = await refusal(`sqlite:${dir}`);
    expect(error.message).toContain(dir);
  });

  it("opens its own file again, and creates the folder of a new one", async () => {
    const file = path.join(tmp, "nested", "dir", "ours.db");
    const first = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
    await first.close();
    const second = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
    expect(await second.countExecutions()).toBe(0);
    await second.close();
  });
});

describe.runIf(runPostgres)("a Postgres database that is not Stepscope's", () => {
  it("refuses a database holding someone else's tables, naming it without its password, and leaves them", async () => {
    const url = await cluster!.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("create table invoices (id serial primary key, total numeric)");
    const withPassword = url.replace("postgres@", "postgres:s3cret@");
    const error = await refusal(withPassword);
    expect(error.message).toContain("invoices");
    expect(error.message).toContain(`:${cluster!.port}/`);
    expect(error.message).not.toContain("s3cret");
    const tables = await client.query("select table_name from information_schema.tables where table_schema = 'public'");
    expect(tables.rows.map((r) => r.table_name)).toEqual(["invoices"]);
    await client.end();
  });

  it("says so when the server cannot be reached", async () => {
    const error = await refusal(`postgres://postgres@127.0.0.1:1/none`);
    expect(error.message).toMatch(/cannot read the Postgres database postgres:\/\/postgres@127\.0\.0\.1:1\/none/);
  });
});
