/**
 * The fleet's execution index against the real SDK and a small fake endpoint: listing is
 * incremental (a refresh reads only the new pages), bounded (a capped refresh says "partial"
 * and back-fills on the next ones), and running executions are refreshed without relisting.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext, type SfnContext } from "@/lib/sfn";
import { FleetIndex, type FleetLimits } from "@/lib/server/fleet";
import { resolveWindow } from "@/lib/metrics";
import { arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../support/fake-sfn";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MINUTE = 60_000;
let now = T0;
let fake: FakeSfn;
const server = setupServer();
const MACHINE = arnOf.machine("orders");

function context(): SfnContext {
  return createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => now });
}

/** `count` executions one minute apart, the newest `newestMinutesAgo` minutes before now. */
function addExecutions(count: number, newestMinutesAgo: number, status: (i: number) => string = () => "SUCCEEDED", prefix = "run"): void {
  for (let i = count - 1; i >= 0; i--) {
    const startSeconds = (now - (newestMinutesAgo + i) * MINUTE) / 1000;
    const s = status(i);
    fake.addExecution({
      machine: "orders",
      name: `${prefix}-${startSeconds}`,
      status: s,
      startSeconds,
      stopSeconds: s === "RUNNING" ? undefined : startSeconds + 30,
      events: historyFor(s, startSeconds),
    });
  }
}

function historyFor(status: string, startSeconds: number) {
  if (status === "RUNNING") return makeEvents(4, startSeconds, false);
  const events = makeEvents(5, startSeconds, true);
  if (status === "FAILED") {
    events[4] = { id: 5, previousEventId: 4, timestamp: startSeconds + 0.5, type: "ExecutionFailed", executionFailedEventDetails: { error: "Payment.Declined", cause: `card ${startSeconds} declined` } };
  }
  return events;
}

const SMALL: Partial<FleetLimits> = { pageSize: 10, maxListPagesPerRefresh: 3, minRefreshMs: 5_000 };

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => {
  now = T0;
  fake = new FakeSfn();
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: T0 / 1000 - 86_400, definition: "{}" }];
  server.resetHandlers(...fake.handlers());
});

function listCalls(status?: string) {
  return fake.callsTo("ListExecutions").filter((c) => (c.body.statusFilter ?? undefined) === status);
}

describe("fleet execution index", () => {
  it("lists everything on the first refresh, then only the new page on the second", async () => {
    addExecutions(25, 5);
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(25);
    expect(listCalls()).toHaveLength(3);
    expect(index.isComplete(now - 60 * MINUTE)).toBe(true);

    now += 10_000;
    addExecutions(4, 0, undefined, "new");
    fake.calls = [];
    await fleet.ensureFresh(ctx, MACHINE);
    // One page of 10 holds the 4 new executions and reaches a known one: reading stops there.
    expect(listCalls()).toHaveLength(1);
    expect(listCalls()[0].body.nextToken).toBeUndefined();
    expect((await index.executions())).toHaveLength(29);
    expect((await index.executions())[0].name.startsWith("new-")).toBe(true);
  });

  it("keeps what it listed itself: none of its pages stay in the response cache", async () => {
    addExecutions(25, 5, (i) => (i < 3 ? "RUNNING" : "SUCCEEDED"));
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(25);
    expect(listCalls()).toHaveLength(3);
    // A walk over a big account would otherwise fill the cache with pages nobody reads again.
    expect(ctx.cache.keys().filter((key) => key.startsWith("executions:"))).toEqual([]);
  });

  it("does not call Step Functions again within the refresh interval, however many viewers ask", async () => {
    addExecutions(5, 1);
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    await Promise.all([fleet.ensureFresh(ctx, MACHINE), fleet.ensureFresh(ctx, MACHINE), fleet.ensureFresh(ctx, MACHINE)]);
    expect(listCalls()).toHaveLength(1);
    now += 2_000;
    await fleet.ensureFresh(ctx, MACHINE);
    expect(listCalls()).toHaveLength(1);
  });

  it("says partial when one refresh cannot read everything, and back-fills on the next ones", async () => {
    addExecutions(45, 1);
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(30);
    expect(index.isComplete(now - 120 * MINUTE)).toBe(false);
    // The newest 30 minutes are complete already.
    expect(index.isComplete(now - 25 * MINUTE)).toBe(true);

    now += 6_000;
    fake.calls = [];
    await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(45);
    expect(index.isComplete(now - 120 * MINUTE)).toBe(true);
    // The back-fill resumed where the first refresh stopped instead of starting over.
    expect(listCalls().filter((c) => c.body.nextToken === "30")).toHaveLength(1);
  });

  it("fills a gap of more new executions than one refresh may read", async () => {
    addExecutions(5, 100);
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    now += 6_000;
    addExecutions(40, 0, undefined, "burst");
    await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(35);
    expect(index.isComplete(now - 200 * MINUTE)).toBe(false);
    now += 6_000;
    await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(45);
    expect(index.isComplete(now - 200 * MINUTE)).toBe(true);
  });

  it("updates running executions from the RUNNING list and describes the ones that left it", async () => {
    addExecutions(6, 1, (i) => (i < 2 ? "RUNNING" : "SUCCEEDED"));
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions()).filter((e) => e.status === "RUNNING")).toHaveLength(2);

    const finishing = fake.executions.find((e) => e.status === "RUNNING")!;
    finishing.status = "FAILED";
    finishing.stopSeconds = finishing.startSeconds + 45;
    now += 6_000;
    fake.calls = [];
    await fleet.ensureFresh(ctx, MACHINE);
    expect(listCalls("RUNNING")).toHaveLength(1);
    expect(fake.callsTo("DescribeExecution").map((c) => c.body.executionArn)).toEqual([fake.arnOf(finishing)]);
    const updated = (await index.executions()).find((e) => e.name === finishing.name)!;
    expect(updated.status).toBe("FAILED");
    expect(updated.stoppedAt).toBe(finishing.stopSeconds! * 1000);
  });

  it("keeps the executions it has and reports the failure when a refresh fails", async () => {
    addExecutions(3, 1);
    const fleet = new FleetIndex(SMALL);
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    fake.inject = () => ({ type: "AccessDeniedException", message: "no" });
    now += 6_000;
    await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(3);
    expect(index.status().error).toMatch(/denied|permission|access/i);
  });

  it("reads a history once for the sample and never again while the execution stays finished", async () => {
    // The two failures are older than the five newest finished executions.
    addExecutions(12, 1, (i) => (i === 8 || i === 9 ? "FAILED" : "SUCCEEDED"));
    const fleet = new FleetIndex({ ...SMALL, sampleFinished: 5 });
    const ctx = context();
    const window = resolveWindow("1h", now);
    const first = await fleet.machineMetrics(ctx, { arn: MACHINE, type: "STANDARD" }, window);
    // The two failures are read in the background; the first answer says none is in yet.
    expect(first.sample).toEqual({ recent: 5, failures: 0, failuresInWindow: 2 });
    expect(first.grid.columns).toHaveLength(5);
    await fleet.failuresSettled(MACHINE);
    const read = await fleet.machineMetrics(ctx, { arn: MACHINE, type: "STANDARD" }, window);
    expect(read.sample).toEqual({ recent: 5, failures: 2, failuresInWindow: 2 });
    expect(read.errorGroups.reduce((n, g) => n + g.count, 0)).toBe(2);
    const historyCalls = fake.callsTo("GetExecutionHistory").length;
    expect(historyCalls).toBe(7);
    now += 120_000;
    await fleet.machineMetrics(ctx, { arn: MACHINE, type: "STANDARD" }, resolveWindow("1h", now));
    await fleet.failuresSettled(MACHINE);
    expect(fake.callsTo("GetExecutionHistory").length).toBe(historyCalls);
  });
});

describe("fleet execution index under the count cap", () => {
  it("keeps the newest executions, stops back-filling and says the older part of a window is missing", async () => {
    addExecutions(30, 1);
    const fleet = new FleetIndex({ ...SMALL, maxExecutionsPerMachine: 12, minExecutionsPerMachine: 1 });
    const ctx = context();
    const index = await fleet.ensureFresh(ctx, MACHINE);
    expect((await index.executions())).toHaveLength(12);
    expect((await index.executions())[0].startedAt).toBe(now - MINUTE);
    expect(index.status().capped).toBe(true);
    expect(index.isComplete(now - 10 * MINUTE)).toBe(true);
    expect(index.isComplete(now - 60 * MINUTE)).toBe(false);
    now += 6_000;
    fake.calls = [];
    await fleet.ensureFresh(ctx, MACHINE);
    // Nothing new on top, and nothing below the cap is worth reading.
    expect(listCalls()).toHaveLength(1);
  });
});
