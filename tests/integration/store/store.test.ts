/**
 * The store on both dialects: the same typed queries against a real SQLite file (better-sqlite3)
 * and a throwaway Postgres 15 cluster. What one process wrote, the next one reads back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  noteFiguresWanted,
  openStore,
  parseDatabaseUrl,
  putFigures,
  releaseLease,
  storedFigures,
  tryAcquireLease,
  wantedFigureWindows,
  type DatabaseLocation,
  type Store,
  type StoredExecution,
} from "@/lib/store";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";

const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const T0 = Date.UTC(2026, 10, 1);

function execution(i: number, over: Partial<StoredExecution> = {}): StoredExecution {
  return {
    arn: `arn:aws:states:us-east-1:123456789012:execution:orders:run-${i}`,
    name: `run-${i}`,
    stateMachineArn: MACHINE,
    status: "SUCCEEDED",
    startedAt: T0 + i * 1000,
    stoppedAt: T0 + i * 1000 + 500,
    ...over,
  };
}

let tmp: string;
let cluster: PostgresCluster | undefined;
const runPostgres = shouldRunPostgresTests();

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-store-"));
  if (runPostgres) cluster = await startPostgres();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

let files = 0;
const dialects: { name: string; enabled: boolean; location: () => Promise<DatabaseLocation> }[] = [
  { name: "SQLite", enabled: true, location: async () => parseDatabaseUrl(`sqlite:${path.join(tmp, `db-${++files}.db`)}`, tmp) },
  { name: "Postgres", enabled: runPostgres, location: async () => parseDatabaseUrl(await cluster!.createDatabase(), tmp) },
];

for (const dialect of dialects) {
  describe.runIf(dialect.enabled)(`the store on ${dialect.name}`, () => {
    /** Opens, runs `first`, closes, opens the same database again: what a restart sees. */
    async function reopened(first: (s: Store) => Promise<void>): Promise<Store> {
      const location = await dialect.location();
      const s = await openStore(location);
      await first(s);
      await s.close();
      return openStore(location);
    }

    it("keeps a machine's executions and its cursor across a restart, newest first", async () => {
      const store = await reopened(async (s) => {
        await s.putStateMachines([{ arn: MACHINE, name: "orders", type: "STANDARD", createdAt: T0 }], T0);
        await s.putListing(MACHINE, [execution(1), execution(2), execution(3, { status: "RUNNING", stoppedAt: undefined })], { state: '{"newest":3}', completeFrom: T0, partial: false, updatedAt: T0 }, T0);
      });
      try {
        const rows = await store.executions(MACHINE, T0);
        expect(rows.map((e) => e.name)).toEqual(["run-3", "run-2", "run-1"]);
        expect(rows[0]).toEqual(execution(3, { status: "RUNNING", stoppedAt: undefined }));
        expect(await store.cursor(MACHINE)).toEqual({ state: '{"newest":3}', completeFrom: T0, partial: false, updatedAt: T0 });
        expect(await store.stateMachines()).toEqual([{ arn: MACHINE, name: "orders", type: "STANDARD", createdAt: T0, definition: undefined }]);
        expect(await store.executions(MACHINE, T0 + 2000)).toHaveLength(2);
      } finally {
        await store.close();
      }
    });

    it("reads the index's window in pages that together are the one read: none twice, none skipped, ties on the start included", async () => {
      const store = await openStore(await dialect.location());
      try {
        // Five pairs started in the same millisecond, so pages end inside a tie.
        const rows = Array.from({ length: 10 }, (_, i) => execution(i, { startedAt: T0 + Math.floor(i / 2) * 1000 }));
        await store.putListing(MACHINE, rows, undefined, T0);
        const whole = await store.executionFacts(MACHINE, T0);
        expect(whole).toHaveLength(10);
        const paged: StoredExecution[] = [];
        for (let after: StoredExecution | undefined; ; ) {
          const page = await store.executionFacts(MACHINE, T0, { limit: 3, after });
          paged.push(...page);
          if (page.length < 3) break;
          after = page[page.length - 1];
        }
        expect(paged).toEqual(whole);
      } finally {
        await store.close();
      }
    });

    it("reads the rows written since a time in pages: ties on the write time included, a row written again meanwhile read again, never skipped", async () => {
      const store = await openStore(await dialect.location());
      try {
        // Five writes of two rows each, so pages of three end inside a tie on the write time.
        for (let k = 0; k < 5; k++) {
          await store.putListing(MACHINE, [execution(2 * k, { status: "RUNNING", stoppedAt: undefined }), execution(2 * k + 1)], undefined, T0 + k * 1000);
        }
        const whole = await store.changedSince(MACHINE, T0 - 1);
        expect(whole.executions).toHaveLength(10);
        const paged: StoredExecution[] = [];
        let rewritten = false;
        for (let after: { updatedAt: number; arn: string } | undefined; ; ) {
          const page = await store.changedSince(MACHINE, T0 - 1, { limit: 3, after });
          paged.push(...page.executions);
          if (!rewritten) {
            // run-0, read on the first page, finishes before the next: its row moves to the end.
            await store.putListing(MACHINE, [execution(0)], undefined, T0 + 9000);
            rewritten = true;
          }
          if (page.executions.length < 3) break;
          after = { updatedAt: page.updatedUpTo!, arn: page.executions.at(-1)!.arn };
        }
        const arns = (xs: StoredExecution[]) => xs.map((e) => e.arn);
        expect(new Set(arns(paged))).toEqual(new Set(arns(whole.executions)));
        expect(paged).toHaveLength(11);
        expect(paged.at(-1)).toEqual(execution(0));
      } finally {
        await store.close();
      }
    });

    it("reads the index's window back without the errors' causes, which the lists still show", async () => {
      const cause = `{"errorMessage":"${"x".repeat(400)}"}`;
      const store = await openStore(await dialect.location());
      try {
        const failed = execution(2, { status: "FAILED", error: "Lambda.Unknown", cause, redriveCount: 0, redriveStatus: "REDRIVABLE", mapRunArn: `${MACHINE}/map:run` });
        await store.putListing(MACHINE, [execution(1), failed, execution(3, { status: "RUNNING", stoppedAt: undefined })], undefined, T0);
        const facts = await store.executionFacts(MACHINE, T0);
        const { error: _error, cause: _cause, ...factsOfFailed } = failed;
        expect(facts).toEqual([execution(3, { status: "RUNNING", stoppedAt: undefined }), factsOfFailed, execution(1)]);
        expect(await store.executionFacts(MACHINE, T0 + 1500)).toHaveLength(2);
        // What an execution list reads still carries them.
        expect((await store.executionsWithStatus(MACHINE, ["FAILED"], T0))[0]).toMatchObject({ error: "Lambda.Unknown", cause });
      } finally {
        await store.close();
      }
    });

    it("lists a machine's executions by range, status and name prefix, as the executions page and search read them", async () => {
      const store = await openStore(await dialect.location());
      try {
        const other = "arn:aws:states:us-east-1:123456789012:stateMachine:clicks";
        await store.putListing(MACHINE, [execution(1), execution(2, { status: "FAILED" }), execution(3, { name: "Run_%3" }), execution(4, { status: "RUNNING", stoppedAt: undefined })], undefined, T0);
        await store.putListing(other, [{ ...execution(5), arn: `${other}:run-5`, stateMachineArn: other }], undefined, T0);
        // Both ends inclusive, newest first.
        expect((await store.executionsBetween(MACHINE, T0 + 2000, T0 + 3000)).map((e) => e.name)).toEqual(["Run_%3", "run-2"]);
        expect((await store.executionsWithStatus(MACHINE, ["FAILED", "RUNNING"], T0)).map((e) => e.name)).toEqual(["run-4", "run-2"]);
        expect((await store.executionsWithStatus(MACHINE, ["FAILED"], T0 + 3000)).map((e) => e.name)).toEqual([]);
        // Case-insensitive; % and _ are the name's own characters, not patterns.
        expect((await store.executionsByNamePrefix([MACHINE, other], "RUN-", T0, 10)).map((e) => e.name)).toEqual(["run-5", "run-4", "run-2", "run-1"]);
        expect((await store.executionsByNamePrefix([MACHINE], "run_%", T0, 10)).map((e) => e.name)).toEqual(["Run_%3"]);
        expect((await store.executionsByNamePrefix([MACHINE, other], "run", T0, 2)).map((e) => e.name)).toEqual(["run-5", "run-4"]);
        expect(await store.executionsByNamePrefix([other], "run-1", T0, 10)).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("updates an execution listed again instead of storing it twice, keeping the error DescribeExecution gave", async () => {
      const store = await openStore(await dialect.location());
      try {
        await store.putListing(MACHINE, [execution(1, { status: "RUNNING", stoppedAt: undefined })], undefined, T0);
        await store.putListing(MACHINE, [execution(1, { status: "FAILED", error: "States.TaskFailed", cause: "boom" })], undefined, T0 + 1);
        await store.putListing(MACHINE, [execution(1, { status: "FAILED" })], undefined, T0 + 2);
        expect(await store.countExecutions(MACHINE)).toBe(1);
        const [row] = await store.executions(MACHINE, 0);
        expect(row).toMatchObject({ status: "FAILED", error: "States.TaskFailed", cause: "boom", stoppedAt: T0 + 1500 });
        // The third listing said nothing new: the row is not rewritten, so no other instance re-reads it.
        expect((await store.executionsUpdatedSince(MACHINE, T0)).map((e) => e.name)).toEqual(["run-1"]);
        expect(await store.executionsUpdatedSince(MACHINE, T0 + 1)).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("shows a redriven execution without the error of the try it redrove, and ignores a stale page from before the redrive", async () => {
      const store = await openStore(await dialect.location());
      try {
        const failed = execution(1, { status: "FAILED", error: "PaymentDeclined", cause: "card expired", redriveCount: 0, redriveStatus: "REDRIVABLE" });
        await store.putListing(MACHINE, [failed], undefined, T0);
        // The reconciliation listing sees the redrive: running again, second try.
        const running = execution(1, { status: "RUNNING", stoppedAt: undefined, redriveCount: 1 });
        expect(await store.putListing(MACHINE, [running], undefined, T0 + 1)).toEqual([running]);
        expect((await store.executions(MACHINE, 0))[0]).toEqual(running);
        // An eventually consistent page from before the redrive comes late: nothing changes.
        expect(await store.putListing(MACHINE, [execution(1, { status: "FAILED", redriveCount: 0 })], undefined, T0 + 2)).toEqual([]);
        await store.putListing(MACHINE, [execution(1, { status: "SUCCEEDED", stoppedAt: T0 + 9000, redriveCount: 1 })], undefined, T0 + 3);
        const [row] = await store.executions(MACHINE, 0);
        expect(row).toEqual(execution(1, { status: "SUCCEEDED", stoppedAt: T0 + 9000, redriveCount: 1 }));
        expect(row).not.toHaveProperty("error");
      } finally {
        await store.close();
      }
    });

    it("stores a finished history compressed and gives the same events back", async () => {
      const events = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, type: "TaskStateEntered", timestamp: T0 + i, stateEnteredEventDetails: { name: "Charge", input: '{"order":42}' } }));
      const store = await reopened((s) => s.putHistory(execution(1).arn, MACHINE, events, T0));
      try {
        expect(await store.history(execution(1).arn)).toEqual(events);
        expect(await store.history(execution(2).arn)).toBeUndefined();
        const row = await store.db.selectFrom("histories").select(["body", "event_count"]).executeTakeFirstOrThrow();
        expect(row.event_count).toBe(2000);
        expect(row.body.length).toBeLessThan(JSON.stringify(events).length / 10);
      } finally {
        await store.close();
      }
    });

    it("compresses and reads a big history without holding the event loop (other requests go on meanwhile)", async () => {
      const events = Array.from({ length: 25_000 }, (_, i) => ({ id: i + 1, type: "TaskStateEntered", timestamp: T0 + i, stateEnteredEventDetails: { name: `Charge-${i}`, input: JSON.stringify({ order: i, lines: [i, i * 7, i * 13] }) } }));
      const store = await openStore(await dialect.location());
      try {
        // A timer that fires while brotli works shows the work is off the event loop.
        const ticksDuring = async (work: () => Promise<unknown>) => {
          let ticks = 0;
          const timer = setInterval(() => ticks++, 0);
          try {
            await work();
          } finally {
            clearInterval(timer);
          }
          return ticks;
        };
        expect(await ticksDuring(() => store.putHistory(execution(7).arn, MACHINE, events, T0))).toBeGreaterThan(0);
        expect(await ticksDuring(() => store.history(execution(7).arn))).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });

    it("counts every stored failure once in its error group", async () => {
      const store = await openStore(await dialect.location());
      try {
        const failure = (i: number, groupKey: string) => ({ executionArn: execution(i).arn, machineArn: MACHINE, startedAt: T0 + i * 1000, status: "FAILED", error: groupKey.split(":")[0], cause: "x", groupKey });
        await store.putFailures([failure(1, "Timeout:a"), failure(2, "Timeout:a"), failure(3, "Lambda:b")]);
        // Written again (a second refresh saw the same failure): still counted once.
        await store.putFailures([failure(2, "Timeout:a")]);
        const groups = await store.errorGroups(MACHINE, T0, T0 + 10_000);
        expect(groups.map((g) => [g.groupKey, g.count, g.firstSeen, g.lastSeen])).toEqual([
          ["Timeout:a", 2, T0 + 1000, T0 + 2000],
          ["Lambda:b", 1, T0 + 3000, T0 + 3000],
        ]);
        expect((await store.errorGroups(MACHINE, T0 + 2500, T0 + 10_000)).map((g) => g.count)).toEqual([1]);
      } finally {
        await store.close();
      }
    });

    it("keeps no per-state statistics table of its own: the figures come from the stored histories", async () => {
      const store = await openStore(await dialect.location());
      try {
        const tables = (await store.db.introspection.getTables()).map((t) => t.name);
        expect(tables).toContain("executions");
        expect(tables).not.toContain("state_stats");
      } finally {
        await store.close();
      }
    });

    it("drops everything about executions older than the retention cut-off", async () => {
      const store = await openStore(await dialect.location());
      try {
        await store.putListing(MACHINE, [execution(1), execution(2), execution(3)], undefined, T0);
        await store.putHistory(execution(1).arn, MACHINE, [{ id: 1 }], T0);
        await store.putHistory(execution(3).arn, MACHINE, [{ id: 1 }], T0 + 3000);
        // A distributed Map's child is not in the index: its history goes by when it was stored.
        const child = "arn:aws:states:us-east-1:123456789012:execution:orders/map:child-1";
        await store.putHistory(child, MACHINE, [{ id: 1 }], T0 + 1000);
        await store.putFailures([{ executionArn: execution(1).arn, machineArn: MACHINE, startedAt: T0 + 1000, status: "FAILED", groupKey: "g" }]);
        expect(await store.deleteOlderThan(T0 + 2500)).toBe(2);
        expect((await store.executions(MACHINE, 0)).map((e) => e.name)).toEqual(["run-3"]);
        expect(await store.history(execution(1).arn)).toBeUndefined();
        expect(await store.history(execution(3).arn)).toEqual([{ id: 1 }]);
        expect(await store.history(child)).toBeUndefined();
        expect(await store.errorGroups(MACHINE, 0, T0 + 10_000)).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("keeps CloudWatch figures per window and machine, and what was read before when a read fails", async () => {
      const store = await openStore(await dialect.location());
      try {
        await putFigures(store, "24h", [{ machineArn: MACHINE, figures: '{"started":1}' }]);
        await putFigures(store, "24h", [{ machineArn: MACHINE, error: "CloudWatch is throttling" }]);
        await putFigures(store, "30d", [{ machineArn: MACHINE, figures: '{"started":30}' }]);
        const day = (await storedFigures(store, "24h", [MACHINE, "arn:other"])).get(MACHINE);
        expect(day).toMatchObject({ figures: '{"started":1}', error: "CloudWatch is throttling" });
        expect(day!.ageMs).toBeGreaterThanOrEqual(0);
        expect(day!.ageMs).toBeLessThan(60_000);
        expect((await storedFigures(store, "30d", [MACHINE])).get(MACHINE)).toMatchObject({ figures: '{"started":30}' });
        expect((await storedFigures(store, "30d", [MACHINE])).get(MACHINE)?.error).toBeUndefined();
        expect(await wantedFigureWindows(store, 60_000)).toEqual([]);
        await noteFiguresWanted(store, "24h");
        await noteFiguresWanted(store, "24h");
        expect(await wantedFigureWindows(store, 60_000)).toEqual(["24h"]);
      } finally {
        await store.close();
      }
    });

    it("writes a fleet's figures at once, past one statement's rows, and a failed read keeps each machine's figures", async () => {
      const store = await openStore(await dialect.location());
      try {
        const machines = Array.from({ length: 1_001 }, (_, i) => `arn:aws:states:us-east-1:123456789012:stateMachine:m-${i}`);
        await putFigures(store, "24h", machines.map((machineArn, i) => ({ machineArn, figures: `{"started":${i}}` })));
        await putFigures(store, "24h", machines.map((machineArn) => ({ machineArn, error: "CloudWatch is throttling" })));
        const stored = await storedFigures(store, "24h", machines);
        expect(stored.size).toBe(machines.length);
        machines.forEach((arn, i) => expect(stored.get(arn)).toMatchObject({ figures: `{"started":${i}}`, error: "CloudWatch is throttling" }));
        await putFigures(store, "24h", machines.map((machineArn) => ({ machineArn, figures: '{"started":7}' })));
        expect([...(await storedFigures(store, "24h", machines)).values()].every((f) => f.figures === '{"started":7}' && f.error === undefined)).toBe(true);
      } finally {
        await store.close();
      }
    });

    it("gives the lease to one holder at a time, and to another once it expired", async () => {
      const location = await dialect.location();
      const a = await openStore(location);
      const b = await openStore(location);
      try {
        const first = await tryAcquireLease(a, "poller", "a", 30_000);
        expect(first).toMatchObject({ held: true, holder: "a" });
        expect(await tryAcquireLease(b, "poller", "b", 30_000)).toMatchObject({ held: false, holder: "a" });
        // a renews: still a's, same term, same acquisition
        expect(await tryAcquireLease(a, "poller", "a", 30_000)).toMatchObject({ held: true, term: first.term, acquiredAt: first.acquiredAt });
        // a stops renewing and its lease runs out (as the database's clock says); b takes it and the term moves on
        await a.db.updateTable("leases").set({ expires_at: first.acquiredAt - 1 }).execute();
        const taken = await tryAcquireLease(b, "poller", "b", 30_000);
        expect(taken).toMatchObject({ held: true, holder: "b", term: first.term + 1 });
        expect(taken.acquiredAt).toBeGreaterThanOrEqual(first.acquiredAt);
        expect(await tryAcquireLease(a, "poller", "a", 30_000)).toMatchObject({ held: false, holder: "b" });
        // b gives it up: a takes it at once, and the term still moves on
        await releaseLease(b, "poller", "b");
        expect(await tryAcquireLease(a, "poller", "a", 30_000)).toMatchObject({ held: true, holder: "a", term: first.term + 2 });
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}

// Only Postgres is shared by several instances; SQLite serves one process.
describe.runIf(runPostgres)("the lease on a shared Postgres", () => {
  it("lets exactly one of many simultaneous contenders take a free lease", async () => {
    const location = parseDatabaseUrl(await cluster!.createDatabase(), tmp);
    const stores = await Promise.all(Array.from({ length: 5 }, () => openStore(location)));
    try {
      const results = await Promise.all(stores.map((s, i) => tryAcquireLease(s, "poller", `p${i}`, 30_000)));
      expect(results.filter((r) => r.held)).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

describe("STEPSCOPE_DATABASE_URL=memory", () => {
  it("keeps nothing once the store is closed", async () => {
    const location = parseDatabaseUrl("memory", tmp);
    const first = await openStore(location);
    await first.putListing(MACHINE, [execution(1)], undefined, T0);
    expect(await first.countExecutions()).toBe(1);
    await first.close();
    const second = await openStore(location);
    expect(await second.countExecutions()).toBe(0);
    await second.close();
  });
});
