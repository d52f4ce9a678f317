/**
 * The data layer on the demo account, in-process: the real SDK, pointed at the demo endpoint,
 * answered by the simulated account through msw — the wiring `npm start` uses in demo mode.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, sourceInfo } from "@/lib/config/env";
import {
  createSfnContext,
  describeExecution,
  getExecutionDetail,
  getHistorySince,
  listExecutions,
  listStateMachines,
  listStateMachinesWithCounts,
  type SfnContext,
} from "@/lib/sfn";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

const DAY = 86_400_000;
let clock = Date.UTC(2026, 10, 25, 9, 0, 0);
const account = createDemoAccount({ seed: 7, clock: () => clock });
const server = setupServer(...createDemoHandlers(account));
let ctx: SfnContext;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "bypass" });
  ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => clock });
});
afterAll(() => server.close());

describe("demo account through lib/sfn", () => {
  it("is labelled as the demo account", () => {
    expect(sourceInfo(parseConfig({}))).toMatchObject({ kind: "demo", label: "Demo account" });
  });

  it("lists the sample state machines with non-zero counts for the last 24 hours", async () => {
    const machines = await listStateMachinesWithCounts(ctx, DAY);
    expect(machines.length).toBeGreaterThan(1);
    const standard = machines.filter((m) => m.type === "STANDARD");
    const total = standard.reduce((sum, m) => sum + Object.values(m.counts ?? {}).reduce((a, b) => a + b, 0), 0);
    expect(total).toBeGreaterThan(0);
    for (const machine of machines.filter((m) => m.type === "EXPRESS")) expect(machine.countsUnavailable).toBeTruthy();
  });

  it("pages a machine's executions without repeats, newest first", async () => {
    const [machine] = (await listStateMachines(ctx)).filter((m) => m.type === "STANDARD");
    const seen: number[] = [];
    const arns = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < 4; page++) {
      const answer = await listExecutions(ctx, { target: { stateMachineArn: machine.arn }, limit: 7, cursor });
      for (const execution of answer.executions) {
        arns.add(execution.arn);
        seen.push(execution.startedAt);
      }
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(arns.size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it("returns a finished execution's description, definition and complete history", async () => {
    const machines = (await listStateMachines(ctx)).filter((m) => m.type === "STANDARD");
    const finished = (
      await Promise.all(machines.map((m) => listExecutions(ctx, { target: { stateMachineArn: m.arn }, status: "SUCCEEDED", limit: 1 })))
    ).flatMap((page) => page.executions)[0];
    expect(finished, "a succeeded demo execution").toBeDefined();
    const detail = await getExecutionDetail(ctx, finished.arn);
    expect(detail.status).toBe("SUCCEEDED");
    expect(() => JSON.parse(detail.definition)).not.toThrow();
    const history = await getHistorySince(ctx, finished.arn);
    expect(history.finished).toBe(true);
    expect(history.events[0].type).toBe("ExecutionStarted");
    expect(history.events.at(-1)?.type).toBe("ExecutionSucceeded");
    expect(history.events.map((e) => e.id)).toEqual(history.events.map((_, i) => i + 1));
  });

  it("tails a running execution as the demo clock moves, asking only for what is new", async () => {
    const machines = (await listStateMachines(ctx)).filter((m) => m.type === "STANDARD");
    const running = (
      await Promise.all(machines.map((m) => listExecutions(ctx, { target: { stateMachineArn: m.arn }, status: "RUNNING", limit: 5 })))
    ).flatMap((page) => page.executions);
    expect(running.length, "running demo executions").toBeGreaterThan(0);
    const before = await Promise.all(running.map((e) => getHistorySince(ctx, e.arn)));
    expect(before.every((h) => !h.finished)).toBe(true);
    const historyCallsBefore = account.callCounts?.().GetExecutionHistory ?? 0;

    clock += 10 * 60_000;
    const after = await Promise.all(running.map((e, i) => getHistorySince(ctx, e.arn, before[i].lastEventId)));
    const grew = after.filter((h, i) => h.lastEventId > before[i].lastEventId);
    expect(grew.length).toBeGreaterThan(0);
    for (const [i, h] of after.entries()) expect(h.events.every((e) => e.id > before[i].lastEventId)).toBe(true);
    const historyCalls = (account.callCounts?.().GetExecutionHistory ?? 0) - historyCallsBefore;
    // One newest-first page per execution is enough when a few events arrived.
    expect(historyCalls).toBeLessThanOrEqual(running.length * 2);
    const status = await describeExecution(ctx, running[0].arn);
    expect(status.arn).toBe(running[0].arn);
  });

  it("answers NOT_FOUND for an execution the account does not have", async () => {
    const [machine] = await listStateMachines(ctx);
    const missing = machine.arn.replace(":stateMachine:", ":execution:") + ":no-such-execution";
    await expect(getHistorySince(ctx, missing)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
