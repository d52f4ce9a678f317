/**
 * The poller lease between processes sharing a store:
 * - a restarted process takes over at once from the previous process on this host, which is
 *   gone; a live holder keeps it;
 * - an instance whose clock is minutes off neither steals the lease nor is robbed of it, since
 *   every instant of the lease is the database's clock;
 * - a holder that stops cleanly gives the lease up, so the next instance takes it at once.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLLER_LEASE, PollerLease } from "@/lib/server/poller-lease";
import { databaseTime, openStore, parseDatabaseUrl, readLease, tryAcquireLease, type DatabaseLocation, type Store } from "@/lib/store";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";

const tmp = mkdtempSync(path.join(tmpdir(), "stepscope-lease-"));
const runPostgres = shouldRunPostgresTests();
let cluster: PostgresCluster | undefined;
let files = 0;

beforeAll(async () => {
  if (runPostgres) cluster = await startPostgres();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const dialects: { name: string; enabled: boolean; location: () => Promise<DatabaseLocation> }[] = [
  { name: "SQLite", enabled: true, location: async () => parseDatabaseUrl(`sqlite:${path.join(tmp, `db-${++files}.db`)}`, tmp) },
  { name: "Postgres", enabled: runPostgres, location: async () => parseDatabaseUrl(await cluster!.createDatabase(), tmp) },
];

const MINUTES = 60_000;

for (const dialect of dialects) {
  describe.runIf(dialect.enabled)(`the poller lease on ${dialect.name}`, () => {
    async function stores(n: number): Promise<Store[]> {
      const location = await dialect.location();
      const out: Store[] = [];
      // One after the other: the first migrates the database.
      for (let i = 0; i < n; i++) out.push(await openStore(location));
      return out;
    }

    it("takes over at once from a holder on this host whose process has exited", async () => {
      const [store] = await stores(1);
      const exited = spawnSync(process.execPath, ["-e", "0"]).pid;
      await tryAcquireLease(store, POLLER_LEASE, `${hostname()}:${exited}:previous`, 60_000);
      const lease = new PollerLease(store, 60_000);
      await lease.start();
      try {
        expect(lease.held).toBe(true);
      } finally {
        await lease.stop();
        await store.close();
      }
    });

    it("waits while the holder on this host is alive", async () => {
      const [store] = await stores(1);
      await tryAcquireLease(store, POLLER_LEASE, `${hostname()}:${process.ppid}:alive`, 60_000);
      const lease = new PollerLease(store, 60_000);
      await lease.start();
      try {
        expect(lease.held).toBe(false);
      } finally {
        await lease.stop();
        await store.close();
      }
    });

    it("keeps one holder when an instance's clock runs ten minutes ahead or behind", async () => {
      const [a, b, c] = await stores(3);
      const holder = new PollerLease(a, 60_000);
      // Both clocks are off by far more than the lease lasts.
      const ahead = new PollerLease(b, 60_000, () => Date.now() + 10 * MINUTES);
      const behind = new PollerLease(c, 60_000, () => Date.now() - 10 * MINUTES);
      try {
        await holder.start();
        await ahead.start();
        await behind.start();
        expect([holder.held, ahead.held, behind.held]).toEqual([true, false, false]);
        // Renewals, in any order, change nothing.
        await ahead.renew();
        await holder.renew();
        await behind.renew();
        await ahead.renew();
        expect([holder.held, ahead.held, behind.held]).toEqual([true, false, false]);
        const row = await readLease(a, POLLER_LEASE);
        expect(row.holder).toBe(holder.holder);
        // The row's expiry is the database's clock plus the lease, whatever the holders' clocks say.
        const dbNow = await databaseTime(a);
        expect(row.expiresAt).toBeGreaterThan(dbNow);
        expect(row.expiresAt).toBeLessThanOrEqual(dbNow + 60_000);
      } finally {
        await Promise.all([holder.stop(), ahead.stop(), behind.stop()]);
        await Promise.all([a.close(), b.close(), c.close()]);
      }
    });

    it("gives the lease up on stop: the next instance takes it at its first try, in the term after", async () => {
      const [a, b] = await stores(2);
      const first = new PollerLease(a, 60_000);
      const next = new PollerLease(b, 60_000);
      try {
        await first.start();
        expect(first.held).toBe(true);
        const taken = await readLease(a, POLLER_LEASE);
        await first.stop();
        expect(first.held).toBe(false);
        // Released, not deleted: it is free by the database's clock, and still says whose it was.
        const released = await readLease(a, POLLER_LEASE);
        expect(released.holder).toBe(first.holder);
        expect(released.expiresAt).toBeLessThan(await databaseTime(a));
        await next.start();
        expect(next.held).toBe(true);
        const row = await readLease(b, POLLER_LEASE);
        expect(row).toMatchObject({ holder: next.holder, term: taken.term + 1 });
        // Taken before the first holder's lease would have run out: nobody waited for it.
        expect(row.acquiredAt).toBeLessThan(taken.expiresAt);
      } finally {
        await Promise.all([first.stop(), next.stop()]);
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
}
