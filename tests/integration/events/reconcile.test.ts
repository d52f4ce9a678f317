/**
 * With status-change events flowing, the listing is a slow reconciliation pass: a machine is
 * listed once per reconciliation interval instead of every few seconds; when events stop
 * flowing (a failing queue), routine listing is back at once.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { FleetIndex } from "@/lib/server/fleet";
import { createSfnContext } from "@/lib/sfn";
import { FAKE_ENDPOINT, FakeSfn } from "../../support/fake-sfn";

const T0 = Date.UTC(2026, 10, 25, 12);
let now = T0;
const fake = new FakeSfn();
const server = setupServer();

beforeAll(() => {
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: T0 / 1000 - 86_400, definition: "{}" }];
  fake.addExecution({ machine: "orders", name: "o-1", status: "SUCCEEDED", startSeconds: T0 / 1000 - 60, stopSeconds: T0 / 1000 - 50 });
  server.listen({ onUnhandledRequest: "error" });
  server.use(...fake.handlers());
});
afterAll(() => server.close());

const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => now });
const lists = () => fake.callsTo("ListExecutions").length;

describe("listing while events flow", () => {
  it("lists each machine once per reconciliation interval, and as usual once events stop", async () => {
    let flowing = true;
    const fleet = new FleetIndex({}, { reconcileEveryMs: () => (flowing ? 300_000 : undefined) });
    await fleet.refreshAll(ctx);
    const afterFirst = lists();
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) {
      now += 20_000;
      await fleet.refreshAll(ctx);
    }
    expect(lists()).toBe(afterFirst); // 200 s: inside the 5-minute pass
    now += 120_000;
    await fleet.refreshAll(ctx);
    expect(lists()).toBeGreaterThan(afterFirst); // the pass came round
    const afterPass = lists();
    flowing = false;
    now += 20_000;
    await fleet.refreshAll(ctx);
    expect(lists()).toBeGreaterThan(afterPass);
  });
});

describe("a machine whose events reached the store before its first listing", () => {
  it("is still listed down to the horizon, and covers the window once listed", async () => {
    const machine = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
    // What the events consumer wrote before the poller first listed this machine: one new execution, no cursor.
    const fromEvents = { arn: `${machine.replace(":stateMachine:", ":execution:")}:from-event`, name: "from-event", stateMachineArn: machine, status: "RUNNING" as const, startedAt: now - 1000 };
    const persistence = {
      mayPoll: () => true,
      load: async () => ({ executions: [fromEvents], checkpoint: undefined, updatedUpTo: now }),
      save: async () => undefined,
      changedSince: async () => ({ executions: [] }),
      stateMachines: async (list: () => Promise<never[]>) => list(),
    };
    const fleet = new FleetIndex({}, { persistence: persistence as never, reconcileEveryMs: () => 300_000 });
    await fleet.refreshAll(ctx);
    const index = fleet.machine(machine);
    expect(index.executions().map((e) => e.name).sort()).toEqual(["from-event", "o-1"]);
    expect(index.isComplete(now - 86_400_000)).toBe(true);
  });
});
