/**
 * The execution index kept in the store, against the real SDK and a small fake endpoint:
 * a restart lists only what is new, resumes an unfinished walk where it stopped, keeps every
 * execution (no per-machine cap), and a throttled walk is never called complete. A second
 * process on the same store that does not hold the lease makes no Step Functions calls at all
 * and serves the same executions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext, type SfnContext } from "@/lib/sfn";
import { FleetIndex, type FleetLimits } from "@/lib/server/fleet";
import { resolveWindow } from "@/lib/metrics";
import { LOAD_PAGE_ROWS, StoreIndexPersistence } from "@/lib/server/index-persistence";
import { openStore, parseDatabaseUrl, type Store } from "@/lib/store";
import { arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../../support/fake-sfn";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MINUTE = 60_000;
let now = T0;
let fake: FakeSfn;
const server = setupServer();
const MACHINE = arnOf.machine("orders");
const SMALL: Partial<FleetLimits> = { pageSize: 10, maxListPagesPerRefresh: 3, minRefreshMs: 5_000 };
const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-index-"));
let files = 0;

function context(): SfnContext {
  return createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => now });
}

function addExecutions(count: number, newestMinutesAgo: number, prefix = "run", status = "SUCCEEDED"): void {
  for (let i = count - 1; i >= 0; i--) {
    const startSeconds = (now - (newestMinutesAgo + i) * MINUTE) / 1000;
    fake.addExecution({ machine: "orders", name: `${prefix}-${startSeconds}`, status, startSeconds, stopSeconds: status === "RUNNING" ? undefined : startSeconds + 30, events: makeEvents(5, startSeconds, status !== "RUNNING") });
  }
}

const listCalls = () => fake.callsTo("ListExecutions").filter((c) => c.body.statusFilter === undefined);

/** A process: its own SDK context, store connection and index. */
async function processOn(file: string, mayPoll = true, limits = SMALL): Promise<{ ctx: SfnContext; store: Store; fleet: FleetIndex }> {
  const store = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
  const persistence = new StoreIndexPersistence(store, { mayPoll: () => mayPoll, now: () => now });
  return { ctx: context(), store, fleet: new FleetIndex(limits, { persistence }) };
}

const newFile = () => path.join(tmp, `index-${++files}.db`);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => {
  server.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  now = T0;
  fake = new FakeSfn();
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: T0 / 1000 - 86_400, definition: "{}" }];
  server.resetHandlers(...fake.handlers());
});

describe("a throttled walk", () => {
  it("is not called complete when the first walk is cut off after a page, and is finished later", async () => {
    addExecutions(30, 1);
    let calls = 0;
    // The second ListExecutions call of the first refresh is throttled (another tool shares the quota).
    fake.inject = (call) => (call.target === "ListExecutions" && ++calls === 2 ? { type: "ThrottlingException", message: "Rate exceeded" } : undefined);
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(10);
    expect(index.isComplete(now - 60 * MINUTE)).toBe(false);
    const [row] = await fleet.fleetRows(ctx, resolveWindow("1h", now));
    expect(row.coverage).toMatchObject({ state: "partial", partial: true, indexed: 10 });

    now += 6_000;
    await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(30);
    expect(index.isComplete(now - 60 * MINUTE)).toBe(true);
  });

  it("leaves no silent gap when a routine walk over a burst of new executions is cut off", async () => {
    addExecutions(5, 100);
    const fleet = new FleetIndex({ ...SMALL, maxListPagesPerRefresh: 10 });
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect(index.isComplete(now - 200 * MINUTE)).toBe(true);
    now += 6_000;
    addExecutions(40, 0, "burst");
    let calls = 0;
    fake.inject = (call) => (call.target === "ListExecutions" && ++calls === 3 ? { type: "ThrottlingException", message: "Rate exceeded" } : undefined);
    await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(25);
    // The 20 burst executions below the throttled page are not listed yet: the window must say so.
    expect(index.isComplete(now - 200 * MINUTE)).toBe(false);
    now += 6_000;
    await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(45);
    expect(index.isComplete(now - 200 * MINUTE)).toBe(true);
  });
});

describe("the index in the store", () => {
  it("after a restart lists only the executions that started since the last run", async () => {
    const file = newFile();
    addExecutions(25, 5);
    const first = await processOn(file);
    expect((await first.fleet.ensureFresh(first.ctx, MACHINE)).isComplete(now - 60 * MINUTE)).toBe(true);
    await first.store.close();

    now += 3_600_000;
    addExecutions(4, 0, "new");
    fake.calls = [];
    const second = await processOn(file);
    const index = await second.fleet.ensureFresh(second.ctx, MACHINE);
    // One page holds the 4 new executions and reaches a stored one.
    expect(listCalls()).toHaveLength(1);
    expect((await index.executions())).toHaveLength(29);
    expect(index.isComplete(now - 120 * MINUTE)).toBe(true);
    await second.store.close();
  });

  it("reads back a block of columns and the rows written since it, not every row; a damaged block falls back to the rows", async () => {
    const file = newFile();
    addExecutions(25, 5);
    addExecutions(2, 0, "live", "RUNNING");
    const first = await processOn(file);
    await first.fleet.ensureFresh(first.ctx, MACHINE);
    // Written again within SNAPSHOT_EVERY_MS: these rows are in the store, not in its block.
    now += 3 * MINUTE;
    addExecutions(3, 0, "after-block");
    const live = fake.executions.find((e) => e.status === "RUNNING")!;
    live.status = "FAILED";
    live.stopSeconds = live.startSeconds + 20;
    await first.fleet.ensureFresh(first.ctx, MACHINE);
    const expected = (await first.fleet.fleetRows(first.ctx, resolveWindow("24h", now))).map((r) => r.summary);
    expect(expected[0]).toMatchObject({ started: 30, runningNow: 1 });
    await first.store.close();

    const restarted = async () => {
      const next = await processOn(file);
      const rowReads = vi.spyOn(next.store, "executionFacts");
      await next.fleet.machine(MACHINE).ready(now - 7 * 24 * 60 * MINUTE);
      const rows = await next.fleet.fleetRows(next.ctx, resolveWindow("24h", now));
      await next.store.close();
      return { rowReads: rowReads.mock.calls.length, summaries: rows.map((r) => r.summary) };
    };
    const fromBlock = await restarted();
    expect(fromBlock).toEqual({ rowReads: 0, summaries: expected });

    const store = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
    await store.db.updateTable("index_columns").set({ body: Buffer.from("not a block") }).execute();
    await store.close();
    expect(await restarted()).toEqual({ rowReads: 1, summaries: expected });
  });

  /** `count` finished rows of MACHINE, a second apart, the newest started at `now`. */
  const finishedRows = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      arn: `${MACHINE.replace(":stateMachine:", ":execution:")}:run-${i}`,
      name: `run-${i}`,
      stateMachineArn: MACHINE,
      status: "SUCCEEDED" as const,
      startedAt: now - i * 1_000,
      stoppedAt: now - i * 1_000 + 500,
    }));

  /** Spies on a store read: each call is "page", and a timer that falls due during the first is "timer". */
  function orderOfReads(store: Store, method: "executionFacts" | "changedSince"): string[] {
    const order: string[] = [];
    const read = (store[method] as (...args: unknown[]) => unknown).bind(store);
    vi.spyOn(store, method).mockImplementation(((...args: unknown[]) => {
      // A timer that falls due while the first page is read (better-sqlite3 holds the loop).
      if (order.length === 0) setTimeout(() => order.push("timer"), 0);
      order.push("page");
      return read(...args);
    }) as never);
    return order;
  }

  it("reads a machine with no block back in pages, giving the event loop a turn between them", async () => {
    const store = await openStore(parseDatabaseUrl(`sqlite:${newFile()}`, tmp));
    try {
      const rows = finishedRows(2 * LOAD_PAGE_ROWS + 1);
      await store.putListing(MACHINE, rows, undefined, now);
      const persistence = new StoreIndexPersistence(store, { mayPoll: () => true, now: () => now });
      const order = orderOfReads(store, "executionFacts");
      const stored = await persistence.load(MACHINE, now - 7 * 24 * 60 * MINUTE);
      expect(order).toEqual(["page", "timer", "page", "page"]);
      expect(stored.executions.map((e) => e.arn)).toEqual(rows.map((e) => e.arn));
    } finally {
      await store.close();
    }
  });

  it("reads the rows written since a machine's block in pages too, each in a turn of its own", async () => {
    const store = await openStore(parseDatabaseUrl(`sqlite:${newFile()}`, tmp));
    try {
      const persistence = new StoreIndexPersistence(store, { mayPoll: () => true, now: () => now });
      const empty = { length: 0, startedAt: new Float64Array(0), stoppedAt: new Float64Array(0), hashA: new Uint32Array(0), hashB: new Uint32Array(0), redrives: new Uint16Array(0), status: new Uint8Array(0) };
      await persistence.saveSnapshot(MACHINE, { columns: empty, running: [], windowFrom: now - 7 * 24 * 60 * MINUTE, writtenUpTo: now - 10 * MINUTE });
      // Every row written after the block, more than two pages of them.
      const rows = finishedRows(2 * LOAD_PAGE_ROWS + 1);
      await store.putListing(MACHINE, rows, undefined, now);
      const order = orderOfReads(store, "changedSince");
      const stored = await persistence.load(MACHINE, now - 7 * 24 * 60 * MINUTE);
      expect(stored.snapshot).toBeDefined();
      expect(order).toEqual(["page", "timer", "page", "page"]);
      expect(new Set(stored.executions.map((e) => e.arn))).toEqual(new Set(rows.map((e) => e.arn)));
      expect(stored.executions).toHaveLength(rows.length);
    } finally {
      await store.close();
    }
  });

  it("looks for unread failures machine by machine, each read in a turn of its own, and none for a machine without failures", async () => {
    fake.machines = ["orders", "billing", "etl"].map((name) => ({ name, type: "STANDARD" as const, createdSeconds: T0 / 1000 - 86_400, definition: "{}" }));
    for (const [machine, status] of [["orders", "FAILED"], ["billing", "TIMED_OUT"], ["etl", "SUCCEEDED"]] as const) {
      const startSeconds = (now - 5 * MINUTE) / 1000;
      fake.addExecution({ machine, name: `${machine}-1`, status, startSeconds, stopSeconds: startSeconds + 30, events: makeEvents(5, startSeconds, true) });
    }
    const { ctx, store, fleet } = await processOn(newFile());
    try {
      for (const name of ["orders", "billing", "etl"]) await fleet.ensureFresh(ctx, arnOf.machine(name));
      const order: string[] = [];
      const read = store.executionsWithStatus.bind(store);
      vi.spyOn(store, "executionsWithStatus").mockImplementation((machineArn, ...rest) => {
        // A timer that falls due during the first read: it must run before the next machine's.
        if (order.length === 0) setTimeout(() => order.push("timer"), 0);
        order.push(machineArn.split(":").at(-1)!);
        return read(machineArn, ...rest);
      });
      await fleet.readFailuresInBackground(ctx);
      expect(order).toEqual(["orders", "timer", "billing"]);
    } finally {
      await store.close();
    }
  });

  it("resumes an unfinished walk after a restart from the stored token, not from the top", async () => {
    const file = newFile();
    addExecutions(45, 1);
    const first = await processOn(file);
    const partial = await first.fleet.ensureFresh(first.ctx, MACHINE);
    expect((await partial.executions())).toHaveLength(30);
    expect(partial.isComplete(now - 120 * MINUTE)).toBe(false);
    await first.store.close();
    const cursor = await (async () => {
      const s = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
      const c = await s.cursor(MACHINE);
      await s.close();
      return c;
    })();
    expect(cursor).toMatchObject({ partial: true });

    now += 6_000;
    fake.calls = [];
    const second = await processOn(file);
    const index = await second.fleet.ensureFresh(second.ctx, MACHINE);
    expect((await index.executions())).toHaveLength(45);
    expect(index.isComplete(now - 120 * MINUTE)).toBe(true);
    expect(listCalls().map((c) => c.body.nextToken)).toEqual([undefined, "30", "40"]);
    await second.store.close();
  });

  it("keeps every execution of the window: no per-machine cap with a store", async () => {
    addExecutions(30, 1);
    const { ctx, store, fleet } = await processOn(newFile(), true, { ...SMALL, maxListPagesPerRefresh: 10, maxExecutionsPerMachine: 12, minExecutionsPerMachine: 1 });
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(30);
    expect(index.status().capped).toBe(false);
    expect(await store.countExecutions(MACHINE)).toBe(30);
    await store.close();
  });

  it("answers the fleet at once with what is known while a slow refresh goes on", async () => {
    addExecutions(5, 1);
    fake.delayMs = 400;
    const store = await openStore(parseDatabaseUrl(`sqlite:${newFile()}`, tmp));
    const persistence = new StoreIndexPersistence(store, { mayPoll: () => true, now: () => now });
    const fleet = new FleetIndex(SMALL, { persistence, answerWithinMs: 50 });
    const ctx = context();
    fake.machines.push({ name: "billing", type: "STANDARD", createdSeconds: T0 / 1000, definition: "{}" });
    // ListStateMachines is slow too, but one call; then each machine's refresh is cut short.
    const rows = await fleet.fleetRows(ctx, resolveWindow("1h", now));
    expect(rows.map((r) => r.coverage.state)).toEqual(["loading", "loading"]);
    expect(rows.every((r) => r.summary === undefined)).toBe(true);
    fake.delayMs = 0;
    await fleet.ensureFresh(ctx, MACHINE);
    const later = await fleet.fleetRows(ctx, resolveWindow("1h", now));
    expect(later.find((r) => r.name === "orders")!.coverage).toMatchObject({ state: "complete", indexed: 5 });
    expect(later.find((r) => r.name === "orders")!.summary!.started).toBe(5);
    await store.close();
  });

  it("answers with what it holds while a due refresh waits on the ListExecutions quota", async () => {
    addExecutions(5, 1);
    const store = await openStore(parseDatabaseUrl(`sqlite:${newFile()}`, tmp));
    const persistence = new StoreIndexPersistence(store, { mayPoll: () => true, now: () => now });
    const fleet = new FleetIndex(SMALL, { persistence, answerWithinMs: 60_000 });
    const ctx = context();
    await fleet.ensureFresh(ctx, MACHINE);
    const refreshedAt = now;
    // Due again, and ListExecutions hangs: the answer must not wait for it (nor for its failure).
    now += 10 * MINUTE;
    let release!: () => void;
    const listing = new Promise<void>((resolve) => (release = resolve));
    fake.hold = (call) => (call.target === "ListExecutions" ? listing : undefined);
    const refreshing = fleet.ensureFresh(ctx, MACHINE);
    try {
      const [row] = await fleet.fleetRows(ctx, resolveWindow("1h", now));
      expect(row.coverage).toMatchObject({ state: "complete", indexed: 5, refreshedAt });
      expect(row.coverage.error).toBeUndefined();
    } finally {
      release();
      await refreshing;
      await store.close();
    }
  });

  it("reads every machine back from the store after a restart before any is listed again", async () => {
    const file = newFile();
    const names = Array.from({ length: 9 }, (_, i) => `machine-${i}`);
    fake.machines = names.map((name) => ({ name, type: "STANDARD" as const, createdSeconds: T0 / 1000 - 86_400, definition: "{}" }));
    for (const machine of names) fake.addExecution({ machine, name: "run-1", status: "SUCCEEDED", startSeconds: (now - 5 * MINUTE) / 1000, stopSeconds: (now - 4 * MINUTE) / 1000 });
    const first = await processOn(file);
    await first.fleet.refreshAll(first.ctx);
    await first.store.close();

    // Back an hour later: every machine is due, and ListExecutions hangs (a quota shared with another tool).
    now += 60 * MINUTE;
    let release!: () => void;
    const listing = new Promise<void>((resolve) => (release = resolve));
    let listCallsMade = 0;
    fake.hold = (call) => (call.target === "ListExecutions" ? (listCallsMade++, listing) : undefined);
    const second = await processOn(file);
    const loop = second.fleet.refreshAll(second.ctx);
    try {
      let callsWhenComplete = Infinity;
      await vi.waitFor(async () => {
        const calls = listCallsMade;
        const rows = await second.fleet.fleetRows(second.ctx, resolveWindow("24h", now), performance.now());
        expect(rows.map((r) => [r.name, r.coverage.state, r.summary?.started])).toEqual(names.map((name) => [name, "complete", 1]));
        callsWhenComplete = calls;
      }, { timeout: 30_000, interval: 50 });
      // Complete from the store while the first refreshes still hang: no machine waited for
      // another's listing to give up (with the hung calls timing out one by one, 9 machines
      // would be complete only after more calls than the refreshes run at once).
      expect(callsWhenComplete).toBeLessThanOrEqual(4);
    } finally {
      release();
      await loop;
      await second.store.close();
    }
  });

  it("writes the state machines to the store when their list changed, not on every answer", async () => {
    addExecutions(2, 1);
    const { ctx, store, fleet } = await processOn(newFile());
    const puts = vi.spyOn(store, "putStateMachines");
    try {
      for (let i = 0; i < 3; i++) {
        await fleet.fleetRows(ctx, resolveWindow("1h", now));
        now += MINUTE; // past the list's cache: listed again, the same machines
      }
      expect(fake.callsTo("ListStateMachines").length).toBe(3);
      expect(puts).toHaveBeenCalledTimes(1);
      fake.machines.push({ name: "billing", type: "STANDARD", createdSeconds: T0 / 1000, definition: "{}" });
      const rows = await fleet.fleetRows(ctx, resolveWindow("1h", now));
      expect(rows.map((r) => r.name).sort()).toEqual(["billing", "orders"]);
      expect(puts).toHaveBeenCalledTimes(2);
      expect((await store.stateMachines()).map((m) => m.name)).toEqual(["billing", "orders"]);
    } finally {
      await store.close();
    }
  });

  it("serves a second process that does not hold the lease from the store, with no Step Functions calls", async () => {
    const file = newFile();
    addExecutions(12, 1);
    addExecutions(2, 0, "live", "RUNNING");
    const poller = await processOn(file, true);
    const reader = await processOn(file, false);
    await poller.fleet.refreshAll(poller.ctx);
    const before = fake.calls.length;
    await reader.fleet.refreshAll(reader.ctx);
    const readerRows = await reader.fleet.fleetRows(reader.ctx, resolveWindow("1h", now));
    expect(fake.calls.length).toBe(before);
    const pollerRows = await poller.fleet.fleetRows(poller.ctx, resolveWindow("1h", now));
    expect(readerRows.map((r) => [r.name, r.summary?.started, r.summary?.runningNow, r.coverage.state])).toEqual([["orders", 14, 2, "complete"]]);
    expect(readerRows.map((r) => r.summary)).toEqual(pollerRows.map((r) => r.summary));

    // One run finishes; the poller sees it, and the reader learns it from the store.
    const finishing = fake.executions.find((e) => e.status === "RUNNING")!;
    finishing.status = "FAILED";
    finishing.stopSeconds = finishing.startSeconds + 20;
    now += 6_000;
    await poller.fleet.refreshAll(poller.ctx);
    const afterPoll = fake.calls.length;
    now += 6_000;
    await reader.fleet.refreshAll(reader.ctx);
    expect(fake.calls.length).toBe(afterPoll);
    const [row] = await reader.fleet.fleetRows(reader.ctx, resolveWindow("1h", now));
    expect(row.summary).toMatchObject({ runningNow: 1, failed: 1 });
    await poller.store.close();
    await reader.store.close();
  });
});
