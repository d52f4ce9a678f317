/**
 * While events flow, a machine whose listing is still partial (its first walk throttled part way,
 * more history than one refresh may read) goes on being back-filled at the routine interval, so
 * its rows are complete within seconds rather than one stretch per 5-minute reconciliation pass;
 * once complete, it is listed only by that pass again.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { FleetIndex } from "@/lib/server/fleet";
import { createSfnContext } from "@/lib/sfn";
import { FAKE_ENDPOINT, FakeSfn } from "../../support/fake-sfn";

const T0 = Date.UTC(2026, 10, 25, 12);
const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:bulk";
const EXECUTIONS = 60;
const ROUTINE_MS = 5_000;
const RECONCILE_MS = 300_000;
let now = T0;
const fake = new FakeSfn();
const server = setupServer();

beforeAll(() => {
  fake.machines = [{ name: "bulk", type: "STANDARD", createdSeconds: T0 / 1000 - 86_400 * 30, definition: "{}" }];
  // One an hour over the last 60 hours, oldest added first (the fake lists newest first).
  for (let i = EXECUTIONS; i >= 1; i--) {
    fake.addExecution({ machine: "bulk", name: `b-${i}`, status: "SUCCEEDED", startSeconds: T0 / 1000 - i * 3600, stopSeconds: T0 / 1000 - i * 3600 + 5 });
  }
  server.listen({ onUnhandledRequest: "error" });
  server.use(...fake.handlers());
});
afterAll(() => server.close());

const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => now });
const lists = () => fake.callsTo("ListExecutions").length;

describe("back-fill while events flow", () => {
  it("goes on at the routine interval until the machine is complete, then waits for the reconciliation pass", async () => {
    // Ten executions a page, two pages a refresh: 60 executions take three refreshes.
    const fleet = new FleetIndex({ pageSize: 10, maxListPagesPerRefresh: 2, minRefreshMs: ROUTINE_MS }, { reconcileEveryMs: () => RECONCILE_MS });
    let pages = 0;
    // The first walk is throttled on its second page: the stretch below the first page is a gap.
    fake.inject = (call) => (call.target === "ListExecutions" && ++pages === 2 ? { type: "ThrottlingException", message: "Rate exceeded" } : undefined);
    await fleet.refreshAll(ctx);
    fake.inject = undefined;
    const index = fleet.machine(MACHINE);
    expect(index.status().gaps).toBe(true);
    expect(index.isComplete(T0 - 86_400_000)).toBe(false);

    // Well inside one reconciliation pass: a few routine intervals fill every stretch.
    for (let round = 0; round < 6 && index.status().gaps; round++) {
      now += ROUTINE_MS;
      await fleet.refreshAll(ctx);
    }
    expect(now - T0).toBeLessThan(RECONCILE_MS);
    expect(index.status().gaps).toBe(false);
    expect(index.isComplete(T0 - 7 * 86_400_000)).toBe(true);
    expect(await index.executions()).toHaveLength(EXECUTIONS);

    // Complete: no more listing until the pass comes round.
    const whenComplete = lists();
    for (let round = 0; round < 20; round++) {
      now += ROUTINE_MS;
      await fleet.refreshAll(ctx);
    }
    expect(lists()).toBe(whenComplete);
  });
});
