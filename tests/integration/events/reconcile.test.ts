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
import { arnOf, FAKE_ENDPOINT, FakeSfn } from "../../support/fake-sfn";

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

describe("a machine whose window takes more than one refresh to list", () => {
  it("goes on back-filling at the routine pace while events flow, until the window is complete", async () => {
    const busy = "busy";
    fake.machines = [...fake.machines, { name: busy, type: "STANDARD", createdSeconds: now / 1000 - 86_400, definition: "{}" }];
    // Six pages of one execution each, two pages per refresh (one for the newest): a few refreshes to back-fill.
    for (let i = 6; i >= 1; i--) fake.addExecution({ machine: busy, name: `b-${i}`, status: "SUCCEEDED", startSeconds: now / 1000 - 3_600 * i, stopSeconds: now / 1000 - 3_600 * i + 10 });
    const fleet = new FleetIndex({ pageSize: 1, maxListPagesPerRefresh: 2, maxRunningPages: 1 }, { reconcileEveryMs: () => 300_000 });
    const arn = arnOf.machine(busy);
    const from = now - 86_400_000;
    await fleet.refreshAll(ctx);
    expect(fleet.machine(arn).isComplete(from)).toBe(false);
    // Well inside one reconciliation pass: events cover what happens next, never the stretch not yet listed.
    for (let i = 0; i < 8; i++) {
      now += 10_000;
      await fleet.refreshAll(ctx);
    }
    expect((await fleet.machine(arn).executions()).map((e) => e.name)).toEqual(["b-1", "b-2", "b-3", "b-4", "b-5", "b-6"]);
    expect(fleet.machine(arn).isComplete(from)).toBe(true);
  });
});

describe("a machine whose events reached the store before its first listing", () => {
  it("is still listed down to the horizon, and covers the window once listed", async () => {
    const machine = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
    // What the events consumer wrote before the poller first listed this machine: one new execution, no cursor.
    const fromEvents = { arn: `${machine.replace(":stateMachine:", ":execution:")}:from-event`, name: "from-event", stateMachineArn: machine, status: "RUNNING" as const, startedAt: now - 1000 };
    // A store of its own: lists are read from the store, the index keeps only the figures.
    const rows = new Map([[fromEvents.arn, fromEvents]]);
    const persistence = {
      mayPoll: () => true,
      load: async () => ({ executions: [fromEvents], checkpoint: undefined, updatedUpTo: now }),
      save: async (_machine: string, changed: (typeof fromEvents)[]) => void changed.forEach((e) => rows.set(e.arn, e)),
      // Each machine's own rows (the fake is shared with the other machines this file lists).
      executionsBetween: async (arn: string) => [...rows.values()].filter((e) => e.stateMachineArn === arn),
      changedSince: async () => ({ executions: [] }),
      stateMachines: async (list: () => Promise<never[]>) => list(),
    };
    const fleet = new FleetIndex({}, { persistence: persistence as never, reconcileEveryMs: () => 300_000 });
    await fleet.refreshAll(ctx);
    const index = fleet.machine(machine);
    expect((await index.executions()).map((e) => e.name).sort()).toEqual(["from-event", "o-1"]);
    expect(index.isComplete(now - 86_400_000)).toBe(true);
  });
});
