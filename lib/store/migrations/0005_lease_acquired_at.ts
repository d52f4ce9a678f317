/**
 * When the lease's current holder took it, by the database's clock: a takeover can be checked
 * against the previous holder's expiry rather than against anyone's watch.
 */
import { sql, type Kysely, type Migration } from "kysely";

export const leaseAcquiredAt: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("leases").addColumn("acquired_at", "bigint", (c) => c.notNull().defaultTo(0)).execute();
    await sql`update leases set acquired_at = expires_at`.execute(db);
  },
};
