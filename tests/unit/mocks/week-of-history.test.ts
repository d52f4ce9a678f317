/**
 * The demo account keeps a week of history and always has something running: both follow from
 * the seed and the clock alone, so they are checked by walking the simulated time itself.
 */
import { describe, expect, it } from "vitest";
import { createDemoAccount } from "@/mocks";
import { DEMO_MACHINES } from "@/mocks/machines";
import { call, listAll, listSince, machineArn, STANDARD_MACHINES, T0 } from "./account-helpers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("a week of history", () => {
  it("ListExecutions goes back 7 days, and no further", () => {
    const account = createDemoAccount({ seed: 42, clock: () => T0 });
    for (const machine of ["media-pipeline", "invoice-billing"]) {
      const all = listAll(account, { stateMachineArn: machineArn(machine) });
      const oldest = all[all.length - 1].startDate * 1000;
      expect(T0 - oldest, machine).toBeLessThanOrEqual(7 * DAY);
      expect(T0 - oldest, machine).toBeGreaterThan(7 * DAY - HOUR);
    }
  }, 60_000);

  it("small pages walk the week in the same order as big ones: no gap, no repeat, newest first", () => {
    const account = createDemoAccount({ seed: 42, clock: () => T0 });
    const body = { stateMachineArn: machineArn("media-pipeline") };
    const big = listAll(account, body).map((e) => e.executionArn);
    const small: string[] = [];
    let nextToken: string | undefined;
    let previous = Infinity;
    do {
      const page = call(account, "ListExecutions", { ...body, maxResults: 97, nextToken });
      for (const e of page.executions) {
        expect(e.startDate).toBeLessThanOrEqual(previous);
        previous = e.startDate;
        small.push(e.executionArn);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    expect(new Set(small).size).toBe(small.length);
    expect(small).toEqual(big);
    // A week of a machine that runs every one or two minutes.
    expect(big.length).toBeGreaterThan(2500);
  });

  it("a page read while the clock moves on continues where the previous one ended", () => {
    let now = T0;
    const account = createDemoAccount({ seed: 42, clock: () => now });
    const body = { stateMachineArn: machineArn("order-processing"), maxResults: 50 };
    const first = call(account, "ListExecutions", body);
    now = T0 + 5 * MINUTE;
    const second = call(account, "ListExecutions", { ...body, nextToken: first.nextToken });
    expect(second.executions[0].startDate).toBeLessThanOrEqual(first.executions[49].startDate);
    const firstArns = new Set(first.executions.map((e: { executionArn: string }) => e.executionArn));
    expect(second.executions.some((e: { executionArn: string }) => firstArns.has(e.executionArn))).toBe(false);
  });

  it("each machine's longest life bounds how long its executions run, so the RUNNING filter misses none", () => {
    const account = createDemoAccount({ seed: 42, clock: () => T0 });
    for (const machine of STANDARD_MACHINES) {
      const spec = DEMO_MACHINES.find((m) => m.name === machine)!;
      const day = listSince(account, { stateMachineArn: machineArn(machine) }, T0 - DAY).filter((e) => e.stopDate !== undefined);
      expect(day.length, machine).toBeGreaterThan(10);
      const longest = Math.max(...day.map((e) => e.stopDate! * 1000 - e.startDate * 1000));
      expect(longest, machine).toBeLessThanOrEqual(spec.longestLifeMs);
    }
  }, 60_000);
});

describe("something is always running", () => {
  it("at every minute of a simulated day at least three executions are running", () => {
    let now = T0 - DAY;
    const account = createDemoAccount({ seed: 42, clock: () => now });
    const fewest = { count: Infinity, at: 0 };
    for (now = T0 - DAY; now < T0; now += MINUTE) {
      let running = 0;
      for (const machine of STANDARD_MACHINES) {
        running += call(account, "ListExecutions", { stateMachineArn: machineArn(machine), statusFilter: "RUNNING", maxResults: 1000 }).executions.length;
      }
      if (running < fewest.count) Object.assign(fewest, { count: running, at: now });
    }
    expect(fewest.count, new Date(fewest.at).toISOString()).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it("holds for another seed too", () => {
    let now = T0;
    const account = createDemoAccount({ seed: 7, clock: () => now });
    for (now = T0; now < T0 + 6 * HOUR; now += 7 * MINUTE) {
      const running = STANDARD_MACHINES.reduce(
        (sum, machine) => sum + call(account, "ListExecutions", { stateMachineArn: machineArn(machine), statusFilter: "RUNNING" }).executions.length,
        0,
      );
      expect(running, new Date(now).toISOString()).toBeGreaterThanOrEqual(3);
    }
  }, 60_000);
});
