/**
 * The poller lease of a restarted process: the previous process on this host is gone, so its
 * unexpired lease is taken at once instead of after it runs out; a live holder keeps it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PollerLease } from "@/lib/server/poller-lease";
import { openStore, parseDatabaseUrl, tryAcquireLease } from "@/lib/store";

const tmp = mkdtempSync(path.join(tmpdir(), "stepscope-lease-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the poller lease after a restart", () => {
  it("takes over at once from a holder on this host whose process has exited", async () => {
    const store = await openStore(parseDatabaseUrl(`sqlite:${path.join(tmp, "a.db")}`, tmp));
    const exited = spawnSync(process.execPath, ["-e", "0"]).pid;
    await tryAcquireLease(store.db, "poller", `${hostname()}:${exited}:previous`, Date.now(), 60_000);
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
    const store = await openStore(parseDatabaseUrl(`sqlite:${path.join(tmp, "b.db")}`, tmp));
    await tryAcquireLease(store.db, "poller", `${hostname()}:${process.ppid}:alive`, Date.now(), 60_000);
    const lease = new PollerLease(store, 60_000);
    await lease.start();
    try {
      expect(lease.held).toBe(false);
    } finally {
      await lease.stop();
      await store.close();
    }
  });
});
