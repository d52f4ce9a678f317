/**
 * A lease row: of several processes sharing one database, the one holding it does the work
 * (polling Step Functions), the others read what it stored. Taking or renewing the lease is
 * one conditional upsert, atomic on both dialects: it succeeds when the row is free, expired,
 * or already ours.
 *
 * Every instant of the lease is the database's clock, read in the statement that uses it
 * (Postgres: statement_timestamp(); SQLite: its 'now', the clock of the one host whose
 * processes share the file), never a caller's: two instances whose clocks disagree by minutes
 * still agree on who holds the lease.
 */
import "@/lib/server/server-only";
import { sql, type RawBuilder } from "kysely";
import type { Store } from "./store";

export interface LeaseState {
  held: boolean;
  holder: string;
  /** When the lease runs out unless renewed (the database's clock, epoch ms). */
  expiresAt: number;
  /** When the current holder took it (the database's clock, epoch ms); renewals keep it. */
  acquiredAt: number;
  /** Changes whenever the lease changes hands. */
  term: number;
}

type LeaseStore = Pick<Store, "db" | "dialect">;

/** The database's clock in epoch milliseconds, one value throughout the statement. */
export function databaseNowMs(store: Pick<Store, "dialect">): RawBuilder<number> {
  return store.dialect === "postgres"
    ? sql<number>`(extract(epoch from statement_timestamp()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000) as integer)`;
}

/** What the database's clock says now (epoch ms). */
export async function databaseTime(store: LeaseStore): Promise<number> {
  const row = await sql<{ now: number | string }>`select ${databaseNowMs(store)} as now`.execute(store.db);
  return Number(row.rows[0].now);
}

function stateOf(row: { holder: string; expires_at: number; acquired_at: number; term: number }, holder: string, held: boolean): LeaseState {
  return { held, holder: row.holder, expiresAt: Number(row.expires_at), acquiredAt: Number(row.acquired_at), term: Number(row.term) };
}

async function current(store: LeaseStore, name: string, holder: string): Promise<LeaseState> {
  const row = await store.db.selectFrom("leases").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? stateOf(row, holder, false) : { held: false, holder: "", expiresAt: 0, acquiredAt: 0, term: 0 };
}

export async function tryAcquireLease(store: LeaseStore, name: string, holder: string, ttlMs: number): Promise<LeaseState> {
  const now = databaseNowMs(store);
  const won = await store.db
    .insertInto("leases")
    .values({ name, holder, expires_at: sql<number>`${now} + ${ttlMs}`, acquired_at: now, term: 1 })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({
          holder,
          expires_at: sql<number>`${now} + ${ttlMs}`,
          acquired_at: sql<number>`case when leases.holder = ${holder} then leases.acquired_at else ${now} end`,
          term: sql<number>`case when leases.holder = ${holder} then leases.term else leases.term + 1 end`,
        })
        .where((eb) => eb.or([eb("leases.holder", "=", holder), eb("leases.expires_at", "<", now)])),
    )
    .returningAll()
    .executeTakeFirst();
  return won ? stateOf(won, holder, true) : current(store, name, holder);
}

/**
 * Gives the lease up at once (a clean shutdown), so another instance need not wait for it to
 * expire. The row stays, expired, so the next holder's term still follows this one's.
 */
export async function releaseLease(store: LeaseStore, name: string, holder: string): Promise<void> {
  const now = databaseNowMs(store);
  await store.db
    .updateTable("leases")
    .set({ expires_at: sql<number>`${now} - 1` })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .execute();
}

/** Takes the lease from `from` (known to be dead) whatever its expiry; a no-op if someone else took it first. */
export async function takeOverLease(store: LeaseStore, name: string, from: string, holder: string, ttlMs: number): Promise<LeaseState> {
  const now = databaseNowMs(store);
  const won = await store.db
    .updateTable("leases")
    .set({ holder, expires_at: sql<number>`${now} + ${ttlMs}`, acquired_at: now, term: sql<number>`term + 1` })
    .where("name", "=", name)
    .where("holder", "=", from)
    .returningAll()
    .executeTakeFirst();
  return won ? stateOf(won, holder, true) : current(store, name, holder);
}

/** The lease as the database holds it (for logs and tests). */
export function readLease(store: LeaseStore, name: string): Promise<LeaseState> {
  return current(store, name, "");
}
