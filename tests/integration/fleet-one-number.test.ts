/**
 * One number per thing, on the demo account in-process with a frozen clock: for every Standard
 * machine and every window, the fleet row, the state machine page, the sum of its buckets and
 * the executions list of the window (paged to its end) count the same executions; a bucket's
 * list opens on exactly the executions the bucket counted, its first page filled; and error
 * groups count every failure of the window, each attributed to its failing state.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import type { ExecutionsResponse, FleetRow, MachineMetricsResponse } from "@/lib/contract/api";
import { foldHistory } from "@/lib/history";
import { failureFromModel, isError, resolveWindow, WINDOW_PRESETS, type WindowPreset } from "@/lib/metrics";
import { createSfnContext, DEFAULT_QUOTAS, describeStateMachine, getSyncedHistory, type SfnContext } from "@/lib/sfn";
import { FleetIndex } from "@/lib/server/fleet";
import { lastSuccessBefore } from "@/components/compare/last-success";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

const clock = Date.UTC(2026, 10, 25, 15, 0, 0);
const account = createDemoAccount({ seed: 42, clock: () => clock });
const server = setupServer(...createDemoHandlers(account));
let ctx: SfnContext;
// Refreshes as often as asked (the clock is frozen): listing is read to the horizon in a few calls.
const fleet = new FleetIndex({ minRefreshMs: 0, listCallsPerSecond: 1e9, failureReadsPerSecond: 10_000, historyConcurrency: 8 });
let rows: FleetRow[];

async function listAll(arn: string, query: Record<string, string>): Promise<{ pages: ExecutionsResponse[]; arns: string[] }> {
  const pages: ExecutionsResponse[] = [];
  let cursor: string | undefined;
  do {
    const page = await fleet.listExecutions(ctx, arn, { ...query, from: Number(query.from), to: Number(query.to), cursor, limit: 200 });
    if (!page) throw new Error(`the index does not cover ${JSON.stringify(query)}`);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return { pages, arns: pages.flatMap((p) => p.executions.map((e) => e.arn)) };
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), {
    now: () => clock,
    // The frozen clock never refills a token bucket: no client-side quota here.
    quotas: Object.fromEntries(Object.keys(DEFAULT_QUOTAS).map((op) => [op, { burst: 1e9, perSecond: 1e9 }])),
  });
  // Read every machine's listing to its horizon (a few refreshes of a bounded number of pages each).
  for (let i = 0; i < 30; i++) {
    rows = await fleet.fleetRows(ctx, resolveWindow("7d", clock));
    if (rows.every((r) => r.type === "EXPRESS" || !r.coverage.partial)) break;
  }
}, 300_000);
afterAll(() => server.close());

describe("one number per thing", () => {
  it.each(Object.keys(WINDOW_PRESETS) as WindowPreset[])("%s: fleet row = machine page = sum of buckets = length of the window's list", async (preset) => {
    const window = resolveWindow(preset, clock);
    rows = await fleet.fleetRows(ctx, window);
    const standard = rows.filter((r) => r.type === "STANDARD");
    expect(standard.length).toBeGreaterThanOrEqual(4);
    for (const row of standard) {
      const machine = await describeStateMachine(ctx, row.arn);
      const page: MachineMetricsResponse = await fleet.machineMetrics(ctx, machine, window);
      expect(row.coverage.partial).toBe(false);
      expect(page.summary.started).toBe(row.summary!.started);
      expect(page.summary.errors).toBe(row.summary!.errors);
      expect(page.buckets.reduce((n, b) => n + b.started, 0)).toBe(page.summary.started);
      const { arns } = await listAll(row.arn, { from: String(window.from), to: String(window.to) });
      expect(new Set(arns).size).toBe(arns.length);
      expect(arns.length).toBe(page.summary.started);
    }
  }, 300_000);

  it("lists a bucket's executions with its first page filled, exactly those the bucket counted", async () => {
    const order = rows.find((r) => r.name === "order-processing")!;
    const machine = await describeStateMachine(ctx, order.arn);
    const window = resolveWindow("24h", clock);
    const page = await fleet.machineMetrics(ctx, machine, window);
    // A bucket from the middle of the day: the Step Functions walk had to skip thousands to get there.
    const bucket = page.buckets[Math.floor(page.buckets.length / 2)];
    expect(bucket.started).toBeGreaterThan(50);
    const { pages, arns } = await listAll(order.arn, { from: String(bucket.from), to: String(bucket.to) });
    expect(pages[0].executions.length).toBe(Math.min(200, bucket.started));
    expect(arns.length).toBe(bucket.started);
    const failed = await listAll(order.arn, { from: String(bucket.from), to: String(bucket.to), status: "FAILED" });
    expect(failed.arns.length).toBe(bucket.counts.FAILED);
  }, 120_000);

  it("groups every failure of the window, each from its own history, read once", async () => {
    const order = rows.find((r) => r.name === "order-processing")!;
    const machine = await describeStateMachine(ctx, order.arn);
    const window = resolveWindow("24h", clock);
    const first = await fleet.machineMetrics(ctx, machine, window);
    expect(first.sample.failuresInWindow).toBe(first.summary.errors);
    await fleet.failuresSettled(order.arn);
    const readsBefore = fleet.failureReads;
    const done = await fleet.machineMetrics(ctx, machine, window);
    await fleet.failuresSettled(order.arn);
    // Nothing is read twice: a finished execution's failure never changes.
    expect(fleet.failureReads).toBe(readsBefore);
    expect(done.sample.failures).toBe(done.summary.errors);
    // Only the small records are kept: the failures' histories did not fill the shared cache.
    // (Counted by history entries: lists, descriptions and map runs other checks read are kept too.)
    const cachedHistories = ctx.cache.keys().filter((key) => key.startsWith("history:")).length;
    expect(cachedHistories).toBeLessThan(done.summary.errors / 2);
    expect(done.errorGroups.reduce((n, g) => n + g.count, 0)).toBe(done.summary.errors);
    expect(done.errorGroups.reduce((n, g) => n + g.share, 0)).toBeCloseTo(1, 9);
    // Identical failures form one group: each kind of failure the demo simulates (an error in
    // one state; causes differing only in ids, numbers and the quoted input) is one group.
    const kinds = done.errorGroups.map((g) => `${g.error} in ${g.state ?? "(execution)"}`);
    expect(kinds.length).toBeGreaterThan(3);
    expect(new Set(kinds).size).toBe(kinds.length);
    const ranked = done.errorGroups.map((g) => g.count);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));

    // Check the attribution of a few failures against a fold of their own history.
    const failures = await listAll(order.arn, { from: String(window.from), to: String(window.to), status: "FAILED" });
    for (const arn of failures.arns.slice(0, 15)) {
      const execution = failures.pages.flatMap((p) => p.executions).find((e) => e.arn === arn)!;
      const record = failureFromModel(execution, foldHistory((await getSyncedHistory(ctx, arn)).events))!;
      const group = done.errorGroups.find((g) => g.error === record.error && g.states.some((s) => s.name === record.state));
      expect(group, `${record.state}/${record.error}`).toBeDefined();
    }
    // The graph overlay counts every failure too, per failing state.
    const perState = Object.values(done.stateFailures).reduce((n, v) => n + v, 0);
    expect(perState).toBe(done.errorGroups.reduce((n, g) => n + g.states.reduce((m, s) => m + s.count, 0), 0));
    expect(isError("FAILED")).toBe(true);
  }, 300_000);

  it("compares a failure with the last success that started before it, not a later one", async () => {
    const order = rows.find((r) => r.name === "order-processing")!;
    const window = resolveWindow("24h", clock);
    const failed = await listAll(order.arn, { from: String(window.from), to: String(window.to), status: "FAILED" });
    // A failure from the middle of the day: later successes exist.
    const target = failed.pages.flatMap((p) => p.executions)[Math.floor(failed.arns.length / 2)];
    const page = await fleet.listExecutions(ctx, order.arn, { ...lastSuccessBefore(target) });
    expect(page, "the index serves the list").toBeDefined();
    const [success] = page!.executions;
    expect(success.status).toBe("SUCCEEDED");
    expect(success.startedAt).toBeLessThan(target.startedAt);
    const between = await listAll(order.arn, { from: String(success.startedAt + 1), to: String(target.startedAt - 1), status: "SUCCEEDED" });
    expect(between.arns).toEqual([]);
  }, 120_000);
});
