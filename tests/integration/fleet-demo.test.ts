/**
 * The fleet index on the demo account, in-process (real SDK → msw → simulated account): every
 * Standard machine gets numbers, the Express one says why it has none, and a second refresh a
 * minute later costs one ListExecutions page per machine, not a relisting.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext, describeStateMachine, type SfnContext } from "@/lib/sfn";
import { FleetIndex, queryFleet } from "@/lib/server/fleet";
import { resolveWindow } from "@/lib/metrics";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

let clock = Date.UTC(2026, 10, 25, 15, 0, 0);
const account = createDemoAccount({ seed: 42, clock: () => clock });
const server = setupServer(...createDemoHandlers(account));
let ctx: SfnContext;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "bypass" });
  ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => clock });
});
afterAll(() => server.close());

describe("fleet on the demo account", () => {
  const fleet = new FleetIndex();

  it("gives every Standard machine numbers for the last 24 hours and explains the Express one", async () => {
    const rows = await fleet.fleetRows(ctx, resolveWindow("24h", clock));
    const standard = rows.filter((r) => r.type === "STANDARD");
    expect(standard.length).toBeGreaterThanOrEqual(4);
    for (const row of standard) expect(row.summary?.started).toBeGreaterThan(0);
    for (const row of rows.filter((r) => r.type === "EXPRESS")) {
      expect(row.summary).toBeUndefined();
      expect(row.unavailable).toMatch(/Express/);
    }
    const ranked = queryFleet(rows, { sort: "health", dir: "desc", offset: 0, limit: 100 }).rows;
    expect(ranked[0].summary!.errors).toBeGreaterThan(0);
    expect(ranked[ranked.length - 1].type).toBe("EXPRESS");
  }, 120_000);

  it("costs one ListExecutions page per machine on the next refresh", async () => {
    clock += 60_000;
    account.resetCallCounts();
    await fleet.fleetRows(ctx, resolveWindow("24h", clock));
    const counts = account.callCounts();
    const standardMachines = 4;
    // Head pages, plus at most one RUNNING page per machine with running executions.
    expect(counts.ListExecutions ?? 0).toBeLessThanOrEqual(standardMachines * 2);
    expect(counts.GetExecutionHistory ?? 0).toBe(0);
  }, 60_000);

  it("samples histories for per-state stats, the grid and error groups", async () => {
    const rows = await fleet.fleetRows(ctx, resolveWindow("24h", clock));
    const order = rows.find((r) => r.name === "order-processing")!;
    const machine = await describeStateMachine(ctx, order.arn);
    const metrics = await fleet.machineMetrics(ctx, machine, resolveWindow("24h", clock));
    expect(metrics.grid.columns.length).toBeGreaterThan(10);
    expect(metrics.stateStats.some((s) => s.entries > 0)).toBe(true);
    expect(metrics.errorGroups.length).toBeGreaterThan(0);
    expect(metrics.errorGroups[0].examples.length).toBeGreaterThan(0);
    expect(metrics.buckets.some((b) => b.started > 0)).toBe(true);
  }, 120_000);
});
