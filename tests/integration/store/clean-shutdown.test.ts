/**
 * A clean shutdown of `next start` (SIGTERM, as an orchestrator sends it): the poller finishes
 * its round, saves what is unsaved and gives the lease up before the process exits, so the
 * next instance polls at once instead of after the lease (a minute here) runs out.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FleetResponse } from "@/lib/contract/api";
import { databaseTime, openStore, parseDatabaseUrl, readLease } from "@/lib/store";
import { startStepscope, type StepscopeServer } from "../../support/server";

const tmp = mkdtempSync(path.join(tmpdir(), "stepscope-shutdown-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const POLLS = /this instance polls Step Functions/;

async function complete(server: StepscopeServer): Promise<void> {
  await expect
    .poll(
      async () => {
        const answer = (await (await fetch(`${server.url}/api/fleet?window=24h`)).json()) as FleetResponse;
        const standard = answer.rows.filter((r) => r.type === "STANDARD");
        return standard.length > 0 && standard.every((r) => r.coverage.state === "complete");
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(true);
}

describe("a clean shutdown", () => {
  it("gives the poller lease up, so the next instance polls at once", async () => {
    const url = `sqlite:${path.join(tmp, "stepscope.db")}`;
    const env = { STEPSCOPE_DATABASE_URL: url, STEPSCOPE_LEASE_SECONDS: "60" };
    const first = await startStepscope({ env });
    let next: StepscopeServer | undefined;
    try {
      await expect.poll(() => POLLS.test(first.output()), { timeout: 30_000 }).toBe(true);
      await complete(first);
      // SIGTERM; the helper falls back to SIGKILL past the server's grace, which would leave the lease held.
      await first.stop();
      expect(first.output()).toMatch(/gave up the poller lease/);

      const store = await openStore(parseDatabaseUrl(url, tmp));
      try {
        const lease = await readLease(store, "poller");
        expect(lease.holder).not.toBe("");
        // Free now, by the database's clock, though it was renewed moments ago for a minute.
        expect(lease.expiresAt).toBeLessThan(await databaseTime(store));
      } finally {
        await store.close();
      }

      next = await startStepscope({ env });
      // Its first try at start-up takes the lease.
      expect(next.output()).toMatch(POLLS);
    } finally {
      await first.stop();
      await next?.stop();
    }
  }, 240_000);
});
