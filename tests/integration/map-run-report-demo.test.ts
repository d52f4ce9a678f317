/**
 * The map-run report on the demo account, in-process (real SDK, demo endpoint over msw): a
 * distributed Map's children are listed, their histories sampled, and every processor state of
 * the definition that the children ran gets an outcome.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStateGraph } from "@/lib/asl";
import { parseConfig } from "@/lib/config/env";
import { foldHistory } from "@/lib/history";
import { statesInChildExecutions } from "@/lib/postmortem/child-execution-states";
import { createSfnContext, getExecutionDetail, getSyncedHistory, listExecutions, listStateMachines, type SfnContext } from "@/lib/sfn";
import { mapRunReport } from "@/lib/server/map-run-report";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

const clock = Date.UTC(2026, 10, 25, 9, 0, 0);
const account = createDemoAccount({ seed: 7, clock: () => clock });
const server = setupServer(...createDemoHandlers(account));
let ctx: SfnContext;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "bypass" });
  ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => clock });
});
afterAll(() => server.close());

describe("map-run report on the demo account", () => {
  it("a finished distributed Map: every child listed, failures read, processor states coloured", async () => {
    const machines = await listStateMachines(ctx);
    let checked = 0;
    for (const machine of machines.filter((m) => m.type === "STANDARD")) {
      const { executions } = await listExecutions(ctx, { target: { stateMachineArn: machine.arn }, limit: 5 });
      for (const execution of executions.filter((e) => e.status !== "RUNNING")) {
        const model = foldHistory((await getSyncedHistory(ctx, execution.arn)).events);
        const arn = model.runs.find((r) => r.mapRun?.mapRunArn)?.mapRun?.mapRunArn;
        if (!arn) continue;
        const report = await mapRunReport(ctx, arn);
        const detail = await getExecutionDetail(ctx, execution.arn);
        const inChildren = statesInChildExecutions(buildStateGraph(JSON.parse(detail.definition)).graph!);
        expect(report.children.length).toBe(Math.min(report.mapRun.executionCounts.total, report.childrenCap));
        expect(report.histories.read).toBe(Math.min(20, report.children.length));
        expect(report.histories.failedRead).toBe(Math.min(report.histories.failedOf, 20));
        expect(Object.keys(report.states).length).toBeGreaterThan(0);
        for (const name of Object.keys(report.states)) expect(inChildren.has(name), name).toBe(true);
        for (const failure of report.failures.filter((f) => f.read && f.status === "FAILED")) expect(failure.error, failure.name).toBeTruthy();
        checked++;
        break;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
