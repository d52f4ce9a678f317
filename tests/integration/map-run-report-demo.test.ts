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
import { mapRunTriesOf } from "@/lib/postmortem/map-run-tries-of";
import { mapRunTryCounts } from "@/lib/postmortem/map-run-try-counts";
import { mapRunChildrenOf } from "@/lib/postmortem/map-run-children-summary";
import { layoutTimeline } from "@/lib/timeline";
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

  it("a map run redriven with its parent: each try from the history, the redrive from DescribeMapRun, the children per try", async () => {
    const etl = (await listStateMachines(ctx)).find((m) => m.name === "etl-ingest")!;
    const { executions } = await listExecutions(ctx, { target: { stateMachineArn: etl.arn }, limit: 1000 });
    const parent = executions.find((e) => (e.redriveCount ?? 0) > 0 && e.status !== "RUNNING");
    expect(parent, "a redriven etl-ingest execution").toBeDefined();
    const model = foldHistory((await getSyncedHistory(ctx, parent!.arn)).events);
    const map = model.runs.find((r) => r.mapRun)!;
    const tries = mapRunTriesOf(model, map.mapRun!.mapRunArn);
    expect(tries.map((t) => t.status)).toEqual(["failed", map.mapRun!.status]);
    expect(tries[0].error).toBe("States.ExceedToleratedFailureThreshold");
    // The Map state ends as its last try did, not as the first.
    expect(map.status).toBe(map.mapRun!.status === "succeeded" ? "succeeded" : "failed");

    const report = await mapRunReport(ctx, map.mapRun!.mapRunArn, undefined, { lastEventId: model.lastEventId, finished: true });
    expect(report.mapRun.redriveCount).toBe(1);
    expect(report.mapRun.redrivenAt).toBe(tries[1].startedAt);
    const counts = mapRunTryCounts(tries, report.children);
    // Each child ends in the try it ran last: together they are DescribeMapRun's counts. The
    // first try's children that did not succeed ran again in the second.
    const c = report.mapRun.executionCounts;
    const sum = (k: "succeeded" | "failed" | "aborted" | "running") => counts[0][k] + counts[1][k];
    expect([sum("succeeded"), sum("failed"), sum("aborted"), sum("running")]).toEqual([c.succeeded, c.failed + c.timedOut, c.aborted, c.running]);
    expect(counts[1].ran).toBeGreaterThan(0);
    expect(counts[0].rerunLater).toBeGreaterThan(0);
    expect(counts[0].rerunLater).toBe(counts[1].redriven);
    expect(counts[0].ran + counts[1].ran - counts[1].redriven).toBe(c.total);

    // The timeline: one bar per try on the Map's row; opened, one row per child, each linking to it.
    const children = mapRunChildrenOf(report);
    const rows = layoutTimeline(model, { expanded: new Set([map.path]), mapRunChildren: { [map.path]: children } }).rows;
    const mapRow = rows.find((r) => r.key === map.path)!;
    expect(mapRow.segments.map((s) => [s.kind, s.status])).toEqual([["try", "failed"], ["try", map.status]]);
    const childRows = rows.filter((r) => r.kind === "child-execution");
    expect(childRows.map((r) => r.childExecutionArn).sort()).toEqual(report.children.map((ch) => ch.arn).sort());
    // A child redriven with the map run: what it did before (up to the first try's end), then its redriven run.
    const redrivenChild = report.children.find((ch) => (ch.redriveCount ?? 0) > 0)!;
    const redrivenRow = childRows.find((r) => r.childExecutionArn === redrivenChild.arn)!;
    expect(redrivenRow.segments.map((s) => [s.status, s.start, s.end])).toEqual([
      ["not_reached", redrivenChild.startedAt, tries[0].endedAt],
      [redrivenRow.status, redrivenChild.redrivenAt, redrivenChild.stoppedAt],
    ]);
    expect(redrivenRow.segments[0].statusText).toMatch(/^Did not succeed/);
    expect(mapRow.mapSummary).toMatchObject({ iterationCount: c.total, failedCount: c.failed + c.timedOut, unit: "children" });
  });
});
