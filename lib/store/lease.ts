/**
 * A lease row: of several processes sharing one database, the one holding it does the work
 * (polling Step Functions), the others read what it stored. Taking or renewing the lease is
 * one conditional upsert, atomic on both dialects: it succeeds when the row is free, expired,
 * or already ours. Expiry is compared with the caller's clock, so instances need clocks
 * within a few seconds of each other (NTP gives far better).
 */
import "@/lib/server/server-only";
import { sql, type Kysely } from "kysely";
import type { StoreSchema } from "./schema";

export interface LeaseState {
  held: boolean;
  holder: string;
  expiresAt: number;
  /** Changes whenever the lease changes hands. */
  term: number;
}

export async function tryAcquireLease(db: Kysely<StoreSchema>, name: string, holder: string, now: number, ttlMs: number): Promise<LeaseState> {
  const expiresAt = now + ttlMs;
  await db
    .insertInto("leases")
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({
          holder,
          expires_at: expiresAt,
          term: sql`case when leases.holder = ${holder} then leases.term else leases.term + 1 end`,
        })
        .where((eb) => eb.or([eb("leases.holder", "=", holder), eb("leases.expires_at", "<", now)])),
    )
    .execute();
  const row = await db.selectFrom("leases").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
  return { held: row.holder === holder && Number(row.expires_at) === expiresAt, holder: row.holder, expiresAt: Number(row.expires_at), term: Number(row.term) };
}

/** Gives the lease up at once (a clean shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(db: Kysely<StoreSchema>, name: string, holder: string): Promise<void> {
  await db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
}

/** Takes the lease from `from` (known to be dead) whatever its expiry; a no-op if someone else took it first. */
export async function takeOverLease(db: Kysely<StoreSchema>, name: string, from: string, holder: string, now: number, ttlMs: number): Promise<LeaseState> {
  const expiresAt = now + ttlMs;
  await db
    .updateTable("leases")
    .set({ holder, expires_at: expiresAt, term: sql`term + 1` })
    .where("name", "=", name)
    .where("holder", "=", from)
    .execute();
  const row = await db.selectFrom("leases").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
  return { held: row.holder === holder && Number(row.expires_at) === expiresAt, holder: row.holder, expiresAt: Number(row.expires_at), term: Number(row.term) };
}
