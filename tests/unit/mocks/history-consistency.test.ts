import { describe, expect, it } from "vitest";
import { createDemoAccount } from "@/mocks";
import { call, definitionOf, fullHistory, listSince, machineArn, STANDARD_MACHINES, T0 } from "./account-helpers";
import { checkHistory } from "./history-checks";

const STANDARD = STANDARD_MACHINES;
const DAY = 86_400_000;
/** The day before T0: the account keeps a week, a day is enough to see every outcome. */
const listDay = (account: ReturnType<typeof createDemoAccount>, body: object) => listSince(account, body, T0 - DAY);
const PER_STATUS = 5;

function spread<T>(list: T[], count: number): T[] {
  if (list.length <= count) return list;
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);
}

describe("demo account histories", () => {
  const account = createDemoAccount({ seed: 42, clock: () => T0 });

  it.each(STANDARD)("%s: a sample of every outcome is consistent with its definition", (machine) => {
    const executions = listDay(account, { stateMachineArn: machineArn(machine) });
    const byStatus = new Map<string, typeof executions>();
    for (const e of executions) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), e]);
    // Spread over the day, so that incident windows and quiet hours are both in the sample.
    const sample = [...byStatus.values()].flatMap((list) => spread(list, PER_STATUS));
    expect(sample.length).toBeGreaterThan(5);
    for (const execution of sample) {
      const history = fullHistory(account, execution.executionArn);
      const problems = checkHistory(history, definitionOf(account, execution.executionArn), execution.status);
      expect(problems, execution.executionArn).toEqual([]);
      // The listing is computed without payloads; it must agree with the full history.
      if (execution.status !== "RUNNING") expect(history[history.length - 1].timestamp).toBe(execution.stopDate);
    }
  });

  it("the sample includes retried and caught tasks, so the retry rules are really checked", () => {
    const failed = listDay(account, { stateMachineArn: machineArn("order-processing"), statusFilter: "FAILED" });
    const histories = spread(failed, 20).map((e) => fullHistory(account, e.executionArn));
    const retried = histories.filter((h) => h.some((e) => e.type === "TaskScheduled" && h[e.previousEventId - 1]?.type === "TaskFailed"));
    expect(retried.length).toBeGreaterThan(0);
    const definition = definitionOf(account, failed[0].executionArn);
    for (const h of histories) expect(checkHistory(h, definition, "FAILED")).toEqual([]);
  });

  it("the checks notice a broken history", () => {
    const [execution] = listDay(account, { stateMachineArn: machineArn("order-processing"), statusFilter: "SUCCEEDED" });
    const history = fullHistory(account, execution.executionArn);
    const definition = definitionOf(account, execution.executionArn);
    const relinked = history.map((e, i) => (i === 3 ? { ...e, previousEventId: 9 } : e));
    expect(checkHistory(relinked, definition, "SUCCEEDED").join()).toMatch(/links to 9/);
    const unexited = history.filter((e) => e.type !== "TaskStateExited");
    expect(checkHistory(unexited.map((e, i) => ({ ...e, id: i + 1 })), definition, "SUCCEEDED").join()).toMatch(/unevenly/);
  });

  it("child executions of a distributed Map are consistent and belong to their map run", () => {
    const parents = listDay(account, { stateMachineArn: machineArn("etl-ingest"), statusFilter: "SUCCEEDED" });
    const { mapRuns } = call(account, "ListMapRuns", { executionArn: parents[0].executionArn });
    expect(mapRuns).toHaveLength(1);
    const children = listDay(account, { mapRunArn: mapRuns[0].mapRunArn });
    const run = call(account, "DescribeMapRun", { mapRunArn: mapRuns[0].mapRunArn });
    expect(children).toHaveLength(run.itemCounts.total);
    expect(run.itemCounts.succeeded + run.itemCounts.failed + run.itemCounts.aborted + run.itemCounts.timedOut).toBe(children.length);
    for (const child of children) {
      expect(child.mapRunArn).toBe(mapRuns[0].mapRunArn);
      expect(call(account, "DescribeExecution", { executionArn: child.executionArn }).mapRunArn).toBe(mapRuns[0].mapRunArn);
      expect(checkHistory(fullHistory(account, child.executionArn), definitionOf(account, child.executionArn), child.status)).toEqual([]);
    }
  });

  it("a day holds thousands of executions with every kind of outcome, and order-processing is the least healthy", () => {
    const failureRate = new Map<string, number>();
    const seen = new Set<string>();
    let total = 0;
    for (const machine of STANDARD) {
      const executions = listDay(account, { stateMachineArn: machineArn(machine) });
      total += executions.length;
      executions.forEach((e) => seen.add(e.status));
      const finished = executions.filter((e) => e.status !== "RUNNING");
      failureRate.set(machine, finished.filter((e) => e.status !== "SUCCEEDED").length / finished.length);
    }
    expect(total).toBeGreaterThan(2000);
    expect([...seen].sort()).toEqual(["ABORTED", "FAILED", "RUNNING", "SUCCEEDED", "TIMED_OUT"]);
    const worst = [...failureRate.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(worst).toBe("order-processing");
  });

  it("failures carry distinct errors, Lambda ones with a JSON cause and stack trace", () => {
    const errors = new Set<string>();
    let lambdaCause: { errorMessage?: string; errorType?: string; stackTrace?: unknown[] } | undefined;
    for (const machine of STANDARD) {
      for (const e of listDay(account, { stateMachineArn: machineArn(machine), statusFilter: "FAILED" }).slice(0, 60)) {
        const d = call(account, "DescribeExecution", { executionArn: e.executionArn });
        errors.add(d.error);
        if (d.cause?.startsWith("{") && !lambdaCause) lambdaCause = JSON.parse(d.cause);
      }
    }
    expect(errors.size).toBeGreaterThanOrEqual(5);
    expect(errors).toContain("PaymentProviderError");
    expect(lambdaCause?.errorType).toBeTruthy();
    expect(lambdaCause?.stackTrace?.length).toBeGreaterThan(0);
  });
});
