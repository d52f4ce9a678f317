/**
 * What the demo account is there to show, read through the protocol as a client reads it: a
 * JSONata machine with variables and an evaluation failure, redriven executions, distributed map
 * runs inside and over their tolerance, and a history that ends at the 25,000-event quota.
 */
import { describe, expect, it } from "vitest";
import { createDemoAccount } from "@/mocks";
import { SETTLE_MIN_SECONDS } from "@/mocks/machines/invoice-billing";
import { call, definitionOf, fullHistory, type ListedExecution, listSince, machineArn, T0 } from "./account-helpers";
import { checkHistory, HISTORY_QUOTA, HISTORY_QUOTA_CAUSE, type WireEvent } from "./history-checks";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const account = createDemoAccount({ seed: 42, clock: () => T0 });
const day = (machine: string, since = T0 - DAY) => listSince(account, { stateMachineArn: machineArn(machine) }, since);
const describe_ = (arn: string) => call(account, "DescribeExecution", { executionArn: arn });
const details = (e: WireEvent) => e[Object.keys(e).find((k) => k.endsWith("EventDetails"))!] as Record<string, unknown>;
const consistent = (arn: string, status: string) => expect(checkHistory(fullHistory(account, arn), definitionOf(account, arn), status), arn).toEqual([]);

describe("invoice-billing: JSONata with workflow variables", () => {
  const executions = day("invoice-billing");

  it("is a JSONata definition whose Exited events carry the variables each state assigns, as JSON text", () => {
    const definition = definitionOf(account, executions[0].executionArn) as unknown as { QueryLanguage: string };
    expect(definition.QueryLanguage).toBe("JSONata");
    const succeeded = executions.find((e) => e.status === "SUCCEEDED")!;
    const history = fullHistory(account, succeeded.executionArn);
    const input = JSON.parse(describe_(succeeded.executionArn).input);
    const init = history.find((e) => e.type === "PassStateExited")!;
    expect(details(init).assignedVariables).toEqual({
      accountId: JSON.stringify(input.accountId),
      plan: JSON.stringify(input.plan),
      currency: JSON.stringify(input.currency),
      settleSeconds: String(SETTLE_MIN_SECONDS + input.lateEventBatches * 30),
    });
    expect(details(init).assignedVariablesDetails).toEqual({ truncated: false });
    // The Map's iterations read the outer $plan in their Arguments.
    const priced = history.filter((e) => e.type === "TaskScheduled").slice(0, input.usage.length);
    for (const e of priced) expect(JSON.parse(details(e).parameters as string).Payload.plan).toBe(input.plan);
    // The Wait's Seconds came from a variable.
    const wait = history.find((e) => e.type === "WaitStateEntered")!;
    const waited = history.find((e) => e.type === "WaitStateExited")!.timestamp - wait.timestamp;
    expect(waited).toBeCloseTo(SETTLE_MIN_SECONDS + input.lateEventBatches * 30, 0);
    consistent(succeeded.executionArn, "SUCCEEDED");
  });

  it("an account without a billing country fails with States.QueryEvaluationError and EvaluationFailed", () => {
    const failed = executions
      .filter((e) => e.status === "FAILED")
      .map((e) => describe_(e.executionArn))
      .find((d) => d.error === "States.QueryEvaluationError");
    expect(failed).toBeDefined();
    const history = fullHistory(account, failed.executionArn);
    const [entered, evaluation, end] = history.slice(-3);
    expect(entered.type).toBe("TaskStateEntered");
    expect(evaluation.type).toBe("EvaluationFailed");
    expect(details(evaluation)).toEqual({
      error: "States.QueryEvaluationError",
      cause: `An error occurred while executing the state 'ComputeTax' (entered at the event id #${entered.id}). The JSONata expression '$states.input.customer.billingAddress.country' specified for the field 'Arguments/Payload/country' returned nothing (undefined).`,
      location: "Arguments/Payload/country",
      state: "ComputeTax",
    });
    // As in recorded histories: linked to the event before the state's entry.
    expect(evaluation.previousEventId).toBe(entered.previousEventId);
    expect(end.type).toBe("ExecutionFailed");
    expect(end.previousEventId).toBe(evaluation.id);
    expect(details(end)).toEqual({ error: failed.error, cause: failed.cause });
    expect(failed.cause).toBe(details(evaluation).cause);
    consistent(failed.executionArn, "FAILED");
  });
});

describe("redriven executions", () => {
  const orders = day("order-processing");

  it("an operator's redrive continues the same history under the same ARN", () => {
    const redriven = orders.find((e) => (e as ListedExecution & { redriveCount: number }).redriveCount > 0) as ListedExecution & { redriveCount: number; redriveDate: number };
    expect(redriven).toBeDefined();
    const described = describe_(redriven.executionArn);
    expect(described).toMatchObject({ redriveCount: 1, redriveDate: redriven.redriveDate, status: redriven.status });
    const history = fullHistory(account, redriven.executionArn);
    const at = history.findIndex((e) => e.type === "ExecutionRedriven");
    expect(history[at - 1].type).toBe("ExecutionFailed");
    expect(history[at].previousEventId).toBe(history[at - 1].id);
    expect(details(history[at])).toEqual({ redriveCount: 1 });
    expect(history[at].timestamp).toBe(redriven.redriveDate);
    // The state that failed runs again, with the input it had.
    const failedEntry = [...history.slice(0, at)].reverse().find((e) => e.type.endsWith("StateEntered"))!;
    expect(history[at + 1].type).toBe(failedEntry.type);
    expect(details(history[at + 1])).toEqual(details(failedEntry));
    expect(history.filter((e) => e.type === "ExecutionStarted")).toHaveLength(1);
    consistent(redriven.executionArn, redriven.status);

    // Between the failure and the redrive it was FAILED, and could be redriven.
    const before = createDemoAccount({ seed: 42, clock: () => (history[at - 1].timestamp + 60) * 1000 });
    expect(call(before, "DescribeExecution", { executionArn: redriven.executionArn })).toMatchObject({ status: "FAILED", redriveCount: 0, redriveStatus: "REDRIVABLE" });
  });

  it("RedriveExecution runs the failed state again from now; the execution shows as RUNNING, then ends", () => {
    let now = T0;
    const live = createDemoAccount({ seed: 42, clock: () => now });
    // A failure older than any run's life, so RUNNING has to find it through the redrive.
    const old = listSince(live, { stateMachineArn: machineArn("order-processing"), statusFilter: "FAILED" }, T0 - 2 * DAY)
      .filter((e) => e.startDate * 1000 < T0 - 6 * HOUR)
      .map((e) => call(live, "DescribeExecution", { executionArn: e.executionArn }))
      .find((d) => d.error === "TypeError" && d.redriveStatus === "REDRIVABLE");
    expect(old).toBeDefined();
    expect(call(live, "RedriveExecution", { executionArn: old.executionArn })).toEqual({ redriveDate: T0 / 1000 });
    expect(call(live, "DescribeExecution", { executionArn: old.executionArn })).toMatchObject({ status: "RUNNING", redriveCount: 1, redriveDate: T0 / 1000 });
    const running = listSince(live, { stateMachineArn: machineArn("order-processing"), statusFilter: "RUNNING" }, 0).map((e) => e.executionArn);
    expect(running).toContain(old.executionArn);
    now = T0 + 10 * MINUTE;
    const after = call(live, "DescribeExecution", { executionArn: old.executionArn });
    expect(after.status).not.toBe("RUNNING");
    expect(after).toMatchObject({ redriveCount: 1, redriveDate: T0 / 1000 });
    const history = fullHistory(live, old.executionArn);
    const at = history.findIndex((e) => e.type === "ExecutionRedriven");
    expect(history[at].timestamp).toBe(T0 / 1000);
    // The validator's fix is out: this time the state that failed succeeds, and the order goes on.
    expect(history.slice(at).map((e) => e.type)).toEqual(expect.arrayContaining(["TaskStateEntered", "TaskSucceeded", "ChoiceStateEntered"]));
    expect(checkHistory(history, definitionOf(live, old.executionArn), after.status)).toEqual([]);
    const listed = listSince(live, { stateMachineArn: machineArn("order-processing") }, old.startDate * 1000).find((e) => e.executionArn === old.executionArn);
    expect(listed).toMatchObject({ status: after.status, redriveCount: 1, redriveDate: T0 / 1000, stopDate: after.stopDate });
    // A succeeded or running execution cannot be redriven.
    const succeeded = orders.find((e) => e.status === "SUCCEEDED")!;
    expect(live.dispatch("AWSStepFunctions.RedriveExecution", { executionArn: succeeded.executionArn }).body).toMatchObject({ __type: "com.amazonaws.states#ExecutionNotRedrivable" });
  });
});

describe("distributed map runs and their tolerated failures", () => {
  const parents = day("etl-ingest", T0 - 3 * DAY).filter((e) => e.status === "SUCCEEDED" || e.status === "FAILED");
  const runs = parents.map((parent) => {
    const [listed] = call(account, "ListMapRuns", { executionArn: parent.executionArn }).mapRuns;
    return { parent, run: listed ? call(account, "DescribeMapRun", { mapRunArn: listed.mapRunArn }) : undefined };
  });

  it("some map runs have failed children within the tolerance, others exceed it and fail the parent", () => {
    const tolerated = runs.find(({ run }) => run?.status === "SUCCEEDED" && run.itemCounts.failed > 0);
    expect(tolerated).toBeDefined();
    expect((tolerated!.run.itemCounts.failed / tolerated!.run.itemCounts.total) * 100).toBeLessThanOrEqual(tolerated!.run.toleratedFailurePercentage);
    expect(tolerated!.parent.status).toBe("SUCCEEDED");

    const exceeded = runs.find(({ run }) => run?.status === "FAILED");
    expect(exceeded).toBeDefined();
    expect((exceeded!.run.itemCounts.failed / exceeded!.run.itemCounts.total) * 100).toBeGreaterThan(exceeded!.run.toleratedFailurePercentage);
    expect(describe_(exceeded!.parent.executionArn).error).toBe("States.ExceedToleratedFailureThreshold");
    const history = fullHistory(account, exceeded!.parent.executionArn);
    const types = history.map((e) => e.type);
    const runFailed = history[types.indexOf("MapRunFailed")];
    expect(details(runFailed)).toMatchObject({ error: "States.ExceedToleratedFailureThreshold" });
    expect(types.slice(types.indexOf("MapRunFailed"))).toEqual(["MapRunFailed", "MapStateFailed", "ExecutionFailed"]);
    consistent(exceeded!.parent.executionArn, "FAILED");
  });

  it("DescribeMapRun's counts are those of the children ListExecutions(mapRunArn) returns", () => {
    const examined = runs.filter(({ run }) => run && (run.status === "FAILED" || run.itemCounts.failed > 0)).slice(0, 8);
    expect(examined.length).toBeGreaterThan(2);
    for (const { parent, run } of examined) {
      const children = listSince(account, { mapRunArn: run.mapRunArn }, 0);
      const by = (status: string) => children.filter((c) => c.status === status).length;
      expect(run.executionCounts, run.mapRunArn).toMatchObject({
        total: children.length,
        succeeded: by("SUCCEEDED"),
        failed: by("FAILED"),
        timedOut: by("TIMED_OUT"),
        aborted: by("ABORTED"),
        running: by("RUNNING"),
      });
      // Items that never started (the run failed first) are pending; every item is counted once.
      const items = run.itemCounts;
      expect(items.pending + items.running + items.succeeded + items.failed + items.timedOut + items.aborted).toBe(items.total);
      const parentHistory = fullHistory(account, parent.executionArn);
      const runStarted = parentHistory.find((e) => e.type === "MapRunStarted")!;
      const started = parentHistory[runStarted.previousEventId - 1];
      expect(started.type).toBe("MapStateStarted");
      expect(items.total).toBe(details(started).length);
      expect(items.total - items.pending).toBe(children.length);
      for (const child of children.slice(0, 3)) consistent(child.executionArn, child.status);
    }
  });
});

describe("a map run redriven with its parent", () => {
  const parents = day("etl-ingest", T0 - 3 * DAY) as (ListedExecution & { redriveCount: number; redriveDate?: number })[];
  const redriven = parents.filter((p) => p.redriveCount > 0);

  it("the parent's redrive continues the failed map run: MapRunRedriven, then the run and the parent end again", () => {
    expect(redriven.length).toBeGreaterThan(0);
    for (const parent of redriven.slice(0, 4)) {
      const history = fullHistory(account, parent.executionArn);
      const types = history.map((e) => e.type);
      const at = types.indexOf("ExecutionRedriven");
      expect(types.slice(types.indexOf("MapRunFailed"), at + 2)).toEqual(["MapRunFailed", "MapStateFailed", "ExecutionFailed", "ExecutionRedriven", "MapRunRedriven"]);
      const started = history.find((e) => e.type === "MapRunStarted")!;
      const again = history[at + 1];
      expect(details(again)).toEqual({ mapRunArn: details(started).mapRunArn, redriveCount: 1 });
      expect(types.slice(at + 2, at + 4)).toEqual([history.some((e, i) => i > at && e.type === "MapRunSucceeded") ? "MapRunSucceeded" : "MapRunFailed", expect.stringMatching(/^MapState(Succeeded|Failed)$/)]);
      consistent(parent.executionArn, parent.status);

      // DescribeMapRun: the redrive counted and dated; the run's status is the second try's.
      const run = call(account, "DescribeMapRun", { mapRunArn: details(started).mapRunArn });
      expect(run).toMatchObject({ redriveCount: 1, redriveDate: again.timestamp });
      // The children that had not succeeded ran again: the failed and aborted ones redriven under their own ARN.
      const children = listSince(account, { mapRunArn: run.mapRunArn }, 0) as (ListedExecution & { redriveCount: number })[];
      const rerun = children.filter((c) => c.redriveCount > 0);
      expect(rerun.length).toBeGreaterThan(0);
      for (const child of rerun.slice(0, 3)) {
        const childHistory = fullHistory(account, child.executionArn);
        const before = childHistory[childHistory.findIndex((e) => e.type === "ExecutionRedriven") - 1];
        expect(["ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]).toContain(before.type);
        expect(before.timestamp).toBeLessThanOrEqual(again.timestamp);
        consistent(child.executionArn, child.status);
      }
    }
  });

  it("between the two tries the map run shows the first one's failure; the parent can be redriven by hand", () => {
    const parent = redriven[0];
    const history = fullHistory(account, parent.executionArn);
    const failedAt = history.find((e) => e.type === "MapRunFailed")!.timestamp * 1000;
    const between = createDemoAccount({ seed: 42, clock: () => failedAt + 2_000 });
    const mapRunArn = details(history.find((e) => e.type === "MapRunStarted")!).mapRunArn;
    expect(call(between, "DescribeMapRun", { mapRunArn })).toMatchObject({ status: "FAILED", redriveCount: 0 });
    expect(call(between, "DescribeExecution", { executionArn: parent.executionArn })).toMatchObject({ status: "FAILED", redriveStatus: "REDRIVABLE" });
    // A map run that failed and was never redriven by the operator: RedriveExecution redrives it now.
    const left = parents.find((p) => p.status === "FAILED" && describe_(p.executionArn).error === "States.ExceedToleratedFailureThreshold")!;
    expect(left).toBeDefined();
    let now = T0;
    const live = createDemoAccount({ seed: 42, clock: () => now });
    expect(call(live, "RedriveExecution", { executionArn: left.executionArn })).toEqual({ redriveDate: T0 / 1000 });
    now = T0 + 1_000;
    const leftRun = call(live, "ListMapRuns", { executionArn: left.executionArn }).mapRuns[0].mapRunArn;
    const second = call(live, "DescribeMapRun", { mapRunArn: leftRun });
    expect(second).toMatchObject({ status: "RUNNING", redriveCount: 1 });
    expect(second.redriveDate).toBeGreaterThan(T0 / 1000);
    const after = fullHistory(live, left.executionArn).map((e) => e.type);
    expect(after.slice(after.indexOf("ExecutionRedriven"), after.indexOf("ExecutionRedriven") + 2)).toEqual(["ExecutionRedriven", "MapRunRedriven"]);
  });
});

describe("the history quota", () => {
  it("the nightly full inventory ends at event 25,000 as Step Functions ends it", () => {
    const inventories = day("bucket-inventory");
    const full = inventories.filter((e) => new Date(e.startDate * 1000).getUTCHours() === 3);
    expect(full).toHaveLength(1);
    const history = fullHistory(account, full[0].executionArn);
    expect(history).toHaveLength(HISTORY_QUOTA);
    expect(history[HISTORY_QUOTA - 1]).toMatchObject({ id: HISTORY_QUOTA, type: "ExecutionFailed", executionFailedEventDetails: { error: "States.Runtime", cause: HISTORY_QUOTA_CAUSE } });
    expect(describe_(full[0].executionArn)).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: HISTORY_QUOTA_CAUSE, redriveStatus: "NOT_REDRIVABLE" });
    expect(full[0].stopDate).toBe(history[HISTORY_QUOTA - 1].timestamp);
    consistent(full[0].executionArn, "FAILED");
    // The hourly ones are short and succeed.
    expect(inventories.filter((e) => e !== full[0] && e.status !== "RUNNING").every((e) => e.status === "SUCCEEDED")).toBe(true);
  });
});

describe("the checks notice what they check", () => {
  it("a wrong ending at the quota, a variable that is not JSON text, a miscounted redrive", () => {
    const [full] = day("bucket-inventory").filter((e) => new Date(e.startDate * 1000).getUTCHours() === 3);
    const quota = fullHistory(account, full.executionArn);
    const definition = definitionOf(account, full.executionArn);
    const wrongEnd = [...quota.slice(0, -1), { ...quota[quota.length - 1], executionFailedEventDetails: { error: "States.Runtime", cause: "too long" } }];
    expect(checkHistory(wrongEnd, definition, "FAILED").join()).toMatch(/not the quota's ExecutionFailed/);

    const billing = day("invoice-billing").find((e) => e.status === "SUCCEEDED")!;
    const history = fullHistory(account, billing.executionArn);
    const unquoted = history.map((e) =>
      e.type === "PassStateExited" ? { ...e, stateExitedEventDetails: { ...details(e), assignedVariables: { ...(details(e).assignedVariables as object), plan: "team" } } } : e,
    );
    expect(checkHistory(unquoted, definitionOf(account, billing.executionArn), "SUCCEEDED").join()).toMatch(/variable plan is not JSON text/);

    const redriven = day("order-processing").find((e) => (e as ListedExecution & { redriveCount: number }).redriveCount > 0)!;
    const miscounted = fullHistory(account, redriven.executionArn).map((e) => (e.type === "ExecutionRedriven" ? { ...e, executionRedrivenEventDetails: { redriveCount: 2 } } : e));
    expect(checkHistory(miscounted, definitionOf(account, redriven.executionArn), redriven.status).join()).toMatch(/redriveCount 2/);
  });
});
