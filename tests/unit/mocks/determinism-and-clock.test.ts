import { describe, expect, it } from "vitest";
import { createDemoAccount } from "@/mocks";
import { call, fullHistory, listAll, listSince, machineArn, T0 } from "./account-helpers";

const HOUR = 3_600_000;

describe("the demo account over time", () => {
  it("is the same account for the same seed, and another for another seed", () => {
    const a = createDemoAccount({ seed: 42, clock: () => T0 });
    const b = createDemoAccount({ seed: 42, clock: () => T0 });
    const c = createDemoAccount({ seed: 43, clock: () => T0 });
    const body = { stateMachineArn: machineArn("media-pipeline"), maxResults: 50 };
    const listA = call(a, "ListExecutions", body);
    expect(call(b, "ListExecutions", body)).toEqual(listA);
    expect(call(c, "ListExecutions", body).executions[0].name).not.toBe(listA.executions[0].name);
    const arn = listA.executions[7].executionArn;
    expect(fullHistory(b, arn)).toEqual(fullHistory(a, arn));
  });

  it("a server started later with the same seed shows the same past executions", () => {
    const early = createDemoAccount({ seed: 42, clock: () => T0 });
    const later = createDemoAccount({ seed: 42, clock: () => T0 + 2 * HOUR });
    const earlier = listAll(early, { stateMachineArn: machineArn("media-pipeline") }).filter((e) => e.status !== "RUNNING");
    const seenLater = new Map(listAll(later, { stateMachineArn: machineArn("media-pipeline") }).map((e) => [e.executionArn, e]));
    const stillInWindow = earlier.filter((e) => e.startDate * 1000 >= T0 + 2 * HOUR - 24 * HOUR);
    expect(stillInWindow.length).toBeGreaterThan(300);
    for (const e of stillInWindow) expect(seenLater.get(e.executionArn)).toEqual(e);
  });

  it("a running execution gains events as the clock moves and finishes on its own", () => {
    let now = T0;
    const account = createDemoAccount({ seed: 42, clock: () => now });
    const running = listAll(account, { stateMachineArn: machineArn("human-approval"), statusFilter: "RUNNING" });
    expect(running.length).toBeGreaterThan(0);
    const arn = running[0].executionArn;
    const before = fullHistory(account, arn);
    expect(call(account, "DescribeExecution", { executionArn: arn }).stopDate).toBeUndefined();
    now = T0 + 2 * HOUR;
    const after = fullHistory(account, arn);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.slice(0, before.length)).toEqual(before);
    const described = call(account, "DescribeExecution", { executionArn: arn });
    expect(described.status).not.toBe("RUNNING");
    expect(described.stopDate).toBeGreaterThan(T0 / 1000);
  });

  it("new executions keep arriving every few seconds across the account", () => {
    let now = T0;
    const account = createDemoAccount({ seed: 42, clock: () => now });
    const newest = () => call(account, "ListExecutions", { stateMachineArn: machineArn("order-processing"), maxResults: 1 }).executions[0];
    const first = newest();
    now = T0 + 10 * 60_000;
    const second = newest();
    expect(second.startDate).toBeGreaterThan(first.startDate);
    const started = listSince(account, { stateMachineArn: machineArn("order-processing") }, T0).filter((e) => e.startDate * 1000 > T0);
    expect(started.length).toBeGreaterThan(10);
  });

  it("StartExecution runs the definition from now on, StopExecution aborts it", () => {
    let now = T0;
    const account = createDemoAccount({ seed: 42, clock: () => now });
    const input = JSON.stringify({ requestId: "PR-1", requester: "ann@example.com", amount: 5000, costCenter: "CC-1" });
    const { executionArn, startDate } = call(account, "StartExecution", { stateMachineArn: machineArn("human-approval"), name: "manual-1", input });
    expect(startDate).toBe(T0 / 1000);
    now = T0 + 30_000;
    expect(call(account, "DescribeExecution", { executionArn }).status).toBe("RUNNING");
    expect(fullHistory(account, executionArn).map((e) => e.type)).toContain("WaitStateEntered");
    call(account, "StopExecution", { executionArn, error: "Cancelled", cause: "Requester withdrew" });
    now = T0 + 60 * 60_000;
    const described = call(account, "DescribeExecution", { executionArn });
    expect(described).toMatchObject({ status: "ABORTED", error: "Cancelled", cause: "Requester withdrew", stopDate: (T0 + 30_000) / 1000 });
    const history = fullHistory(account, executionArn);
    expect(history[history.length - 1].type).toBe("ExecutionAborted");
    expect(history.every((e) => e.timestamp <= (T0 + 30_000) / 1000)).toBe(true);
  });

  it("a started execution whose input lacks what the definition reads fails with States.Runtime", () => {
    let now = T0;
    const account = createDemoAccount({ seed: 42, clock: () => now });
    const { executionArn } = call(account, "StartExecution", { stateMachineArn: machineArn("human-approval"), input: "{}" });
    now = T0 + 5_000;
    const described = call(account, "DescribeExecution", { executionArn });
    expect(described.status).toBe("FAILED");
    expect(described.error).toBe("States.Runtime");
    expect(described.cause).toContain("$.requestId");
  });

  it("counts calls per operation and lets a hook answer instead of the account", () => {
    const account = createDemoAccount({ seed: 42, clock: () => T0 });
    call(account, "ListStateMachines", {});
    call(account, "ListStateMachines", {});
    account.setIntercept((target) =>
      target.endsWith(".DescribeStateMachine") ? { status: 400, body: { __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded" } } : undefined,
    );
    expect(account.dispatch("AWSStepFunctions.DescribeStateMachine", { stateMachineArn: machineArn("etl-ingest") }).status).toBe(400);
    expect(account.callCounts()).toEqual({ ListStateMachines: 2, DescribeStateMachine: 1 });
    account.resetCallCounts();
    expect(account.callCounts()).toEqual({});
  });
});
