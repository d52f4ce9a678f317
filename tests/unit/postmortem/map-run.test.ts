/**
 * A distributed Map's children as the parent's page tells them: the threshold and whether it
 * was exceeded, failures grouped by error and cause, which histories are read, each processor
 * state's outcome over the children, and the timeline's summary.
 */
import { describe, expect, it } from "vitest";
import type { ExecutionSummary, MapRunDescription, MapRunReport } from "@/lib/contract/api";
import { buildStateGraph } from "@/lib/asl";
import { foldHistory } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";
import { childStateOutcomes, withChildOutcomes } from "@/lib/postmortem/child-execution-states";
import { executionOverlay } from "@/lib/postmortem/execution-overlay";
import { childFailures, groupChildFailures } from "@/lib/postmortem/map-run-failures";
import { chooseChildHistories } from "@/lib/postmortem/map-run-sample";
import { mapRunTolerance } from "@/lib/postmortem/map-run-tolerance";
import { mapRunChildrenOf } from "@/lib/postmortem/map-run-children-summary";
import { summariseChildren, summariseIterations } from "@/lib/timeline/map-summary";
import { FakeSfn } from "../../support/fake-sfn";
import { addMapRunWorld, CHILD_MACHINE, PARENT_DEFINITION, PARENT_MACHINE } from "../../support/map-run-world";

function world() {
  const fake = new FakeSfn();
  addMapRunWorld(fake, 1_700_000_000);
  const summary = (e: (typeof fake.executions)[number]): ExecutionSummary => ({
    arn: fake.arnOf(e),
    name: e.name,
    stateMachineArn: e.machine,
    status: e.status as ExecutionSummary["status"],
    startedAt: e.startSeconds * 1000,
    stoppedAt: e.stopSeconds === undefined ? undefined : e.stopSeconds * 1000,
    redriveCount: e.redriveCount,
  });
  const children = fake.executions.filter((e) => e.machine === CHILD_MACHINE);
  const models = new Map<string, ExecutionModel>(children.map((e) => [fake.arnOf(e), foldHistory(e.events)]));
  const parent = fake.executions.find((e) => e.machine === PARENT_MACHINE)!;
  return { children: children.map(summary), models, parent: foldHistory(parent.events), mapRun: fake.mapRuns[0].describe as unknown as MapRunDescription };
}

const counts = (failed: number, total: number, timedOut = 0) => ({ pending: 0, running: 0, succeeded: total - failed - timedOut, failed, timedOut, aborted: 0, total, resultsWritten: 0 });

describe("tolerated failure threshold", () => {
  it("5 of 20 failed against 10% is exceeded, by the percentage", () => {
    const t = mapRunTolerance({ toleratedFailurePercentage: 10, toleratedFailureCount: 0, itemCounts: counts(5, 20) });
    expect(t).toMatchObject({ exceeded: true, exceededBy: "percentage", failedItems: 5, totalItems: 20, failedPercent: 25 });
    expect(t.text).toBe("Tolerates 10% of items · 5 of 20 items failed (25%) · threshold exceeded");
  });

  it("failures inside the threshold are tolerated; timed-out items count as failed", () => {
    const t = mapRunTolerance({ toleratedFailurePercentage: 10, toleratedFailureCount: 0, itemCounts: counts(2, 100, 1) });
    expect(t).toMatchObject({ exceeded: false, failedItems: 3 });
    expect(t.text).toBe("Tolerates 10% of items · 3 of 100 items failed (3%) · within the threshold");
  });

  it("a count threshold, both thresholds, and none", () => {
    expect(mapRunTolerance({ toleratedFailurePercentage: 0, toleratedFailureCount: 5, itemCounts: counts(5, 10) }).exceeded).toBe(false);
    expect(mapRunTolerance({ toleratedFailurePercentage: 0, toleratedFailureCount: 5, itemCounts: counts(6, 10) })).toMatchObject({ exceeded: true, exceededBy: "count" });
    expect(mapRunTolerance({ toleratedFailurePercentage: 50, toleratedFailureCount: 2, itemCounts: counts(3, 10) })).toMatchObject({ exceeded: true, exceededBy: "count" });
    expect(mapRunTolerance({ toleratedFailurePercentage: 50, toleratedFailureCount: 2, itemCounts: counts(3, 10) }).text).toMatch(/^Tolerates 50% or 2 items/);
    expect(mapRunTolerance({ toleratedFailurePercentage: 0, toleratedFailureCount: 0, itemCounts: counts(1, 10) })).toMatchObject({ exceeded: true, text: expect.stringMatching(/^Tolerates no failures/) });
    expect(mapRunTolerance({ toleratedFailurePercentage: 0, toleratedFailureCount: 0, itemCounts: counts(0, 10) }).exceeded).toBe(false);
  });

  it("the map run's own States.ExceedToleratedFailureThreshold settles it", () => {
    expect(mapRunTolerance({ toleratedFailurePercentage: 50, toleratedFailureCount: 0, itemCounts: counts(1, 10) }, "States.ExceedToleratedFailureThreshold").exceeded).toBe(true);
  });
});

describe("failed children", () => {
  it("are grouped by error and cause, ids and numbers aside, largest group first, with the state they failed in", () => {
    const { children, models } = world();
    const { groups, unread } = groupChildFailures(childFailures(children, models));
    expect(unread).toEqual([]);
    expect(groups.map((g) => [g.error, g.children.length, g.states])).toEqual([
      ["TransformError", 3, ["Transform"]],
      ["Lambda.ServiceException", 2, ["Fetch"]],
    ]);
    expect(groups[0].cause).toContain("is malformed");
  });

  it("children whose history was not read are not guessed into a group", () => {
    const { children, models } = world();
    const some = new Map([...models].filter(([arn]) => arn.endsWith("child-03")));
    const { groups, unread } = groupChildFailures(childFailures(children, some));
    expect(groups.map((g) => [g.error, g.children.length])).toEqual([["TransformError", 1]]);
    expect(unread.map((c) => c.name).sort()).toEqual(["child-05", "child-08", "child-13", "child-17"]);
    expect(unread.every((c) => c.error === undefined)).toBe(true);
  });
});

describe("which child histories are read", () => {
  it("failed ones first, a quarter of the budget for succeeded ones, never more than the budget", () => {
    const { children } = world();
    const chosen = chooseChildHistories(children, 8);
    expect(chosen).toHaveLength(8);
    expect(chosen.filter((c) => c.status === "FAILED")).toHaveLength(5);
    expect(chosen.filter((c) => c.status === "SUCCEEDED")).toHaveLength(3);
    expect(chooseChildHistories(children, 4).map((c) => c.status)).toEqual(["FAILED", "FAILED", "FAILED", "SUCCEEDED"]);
    expect(chooseChildHistories(children, 0)).toEqual([]);
  });

  it("a budget the succeeded children cannot use goes to the failures", () => {
    const failedOnly = world().children.filter((c) => c.status === "FAILED");
    expect(chooseChildHistories(failedOnly, 4)).toHaveLength(4);
  });
});

describe("the processor's states over the children", () => {
  it("each state gets the worst outcome, how many children entered it and failed in it, and its longest run", () => {
    const { models } = world();
    const states = childStateOutcomes([...models.values()]);
    expect(states.Fetch).toMatchObject({ status: "failed", children: 20, failed: 2 });
    expect(states.Transform).toMatchObject({ status: "failed", children: 18, failed: 3 });
    expect(states.Transform.longestMs).toBeGreaterThan(0);
    const okOnly = childStateOutcomes([...models.entries()].filter(([arn]) => arn.endsWith("child-00")).map(([, m]) => m));
    expect(okOnly.Transform).toMatchObject({ status: "succeeded", children: 1, failed: 0 });
  });

  it("colour the parent's graph instead of leaving the processor blank", () => {
    const { parent, models } = world();
    const graph = buildStateGraph(JSON.parse(PARENT_DEFINITION)).graph;
    const before = executionOverlay(parent, graph);
    expect(before.Transform?.status).toBeUndefined();
    const after = withChildOutcomes(before, [{ states: childStateOutcomes([...models.values()]) }]);
    expect(after.Transform).toMatchObject({ status: "failed", count: 18, failures: 3, onPath: true });
    expect(after.Fetch).toMatchObject({ status: "failed", count: 20, failures: 2 });
    expect(after.Prepare).toEqual(before.Prepare);
    // The overlay it was given is left as it was.
    expect(before.Transform).toBeUndefined();
  });

  it("a Map run twice keeps the worst of its runs' outcomes", () => {
    const merged = withChildOutcomes({}, [
      { states: { Transform: { status: "failed", children: 2, failed: 1, retries: 0 } } },
      { states: { Transform: { status: "succeeded", children: 3, failed: 0, retries: 1 } } },
    ]);
    expect(merged.Transform).toMatchObject({ status: "failed", count: 5, failures: 1, retries: 1 });
  });
});

describe("the timeline's summary of the children", () => {
  it("counts child executions from DescribeMapRun when not all are listed, and the duration spread from those listed", () => {
    const { children, mapRun } = world();
    const report = { mapRun: { ...mapRun, executionCounts: counts(5, 20) }, children: children.slice(0, 10), childrenComplete: false };
    const summary = summariseChildren(mapRunChildrenOf(report));
    expect(summary).toMatchObject({ iterationCount: 20, failedCount: 5, runningCount: 0, unit: "children" });
    expect(summary.maxMs).toBeGreaterThanOrEqual(summary.p50Ms!);
    expect(summary.maxMs).toBe(Math.max(...children.slice(0, 10).map((c) => c.stoppedAt! - c.startedAt)));
  });

  it("is the summary inline iterations get, when every child is listed", () => {
    const { children, mapRun } = world();
    const listed = mapRunChildrenOf({ mapRun, children, childrenComplete: true });
    expect(listed.counted).toBeUndefined();
    expect(summariseChildren(listed)).toEqual({ ...summariseIterations(listed.children), unit: "children" });
    expect(summariseChildren(listed).failedCount).toBe(children.filter((c) => c.status === "FAILED" || c.status === "TIMED_OUT").length);
  });
});

describe("which distributed Map runs a state", () => {
  it("a processor state belongs to its Map, a top-level state to none", async () => {
    const { distributedMapOf } = await import("@/lib/postmortem/child-execution-states");
    const graph = buildStateGraph(JSON.parse(PARENT_DEFINITION)).graph!;
    expect(distributedMapOf(graph, "Transform")).toBe("ProcessFiles");
    expect(distributedMapOf(graph, "Fetch")).toBe("ProcessFiles");
    expect(distributedMapOf(graph, "Prepare")).toBeUndefined();
    expect(distributedMapOf(graph, "ProcessFiles")).toBeUndefined();
  });
});

describe("the timeline row of a distributed Map", () => {
  it("summarises its child executions instead of saying 0 iterations, and opens onto one row per child", async () => {
    const { layoutTimeline } = await import("@/lib/timeline");
    const { describeMapSummary } = await import("@/components/timeline/TimelineRowView");
    const { parent, children, mapRun } = world();
    const path = parent.runs.find((r) => r.name === "ProcessFiles")!.path;
    const listed = mapRunChildrenOf({ mapRun: { ...mapRun, executionCounts: counts(5, 20) }, children, childrenComplete: true });
    const bare = layoutTimeline(parent, { expanded: new Set() }).rows.find((r) => r.key === path)!;
    // Before its children are listed (or when they cannot be) it claims no count at all.
    expect(bare.mapSummary).toBeUndefined();
    // Nothing listed yet: no chevron that would open onto nothing.
    expect(bare.expandKey).toBeUndefined();
    const row = layoutTimeline(parent, { expanded: new Set(), mapRunChildren: { [path]: listed } }).rows.find((r) => r.key === path)!;
    expect(describeMapSummary(row.mapSummary!)).toMatch(/^20 children · 5 failed · p50 \d\.\d\d s · max \d\.\d\d s$/);
    expect(row.expandKey).toBe(path);

    const open = layoutTimeline(parent, { expanded: new Set([path]), mapRunChildren: { [path]: listed } }).rows;
    const rows = open.filter((r) => r.kind === "child-execution");
    expect(rows).toHaveLength(children.length);
    const byArn = new Map(children.map((c) => [c.arn, c]));
    for (const r of rows) {
      const child = byArn.get(r.childExecutionArn!)!;
      expect(r.label).toBe(child.name);
      expect(r.status).toBe(child.status.toLowerCase());
      expect(r.depth).toBe(row.depth + 1);
      expect(r.segments).toMatchObject([{ start: child.startedAt, end: child.stoppedAt, status: child.status.toLowerCase() }]);
    }
    // Right under their Map, oldest first.
    const at = open.findIndex((r) => r.key === path);
    expect(open.slice(at + 1, at + 1 + rows.length)).toEqual(rows);
    expect(rows.map((r) => r.segments[0].start)).toEqual([...rows.map((r) => r.segments[0].start)].sort((a, b) => a - b));
  });
});

describe("processor states no child entered", () => {
  const definition = JSON.parse(PARENT_DEFINITION);
  definition.States.ProcessFiles.ItemProcessor.States.Transform.Catch = [{ ErrorEquals: ["States.ALL"], Next: "Quarantine" }];
  definition.States.ProcessFiles.ItemProcessor.States.Quarantine = { Type: "Pass", End: true };

  it("are 'not reached' once every child of a finished map run was read, and left blank while only a sample was", async () => {
    const { markNotReachedInChildren } = await import("@/lib/postmortem/child-execution-states");
    const graph = buildStateGraph(definition).graph!;
    const { parent, models, mapRun } = world();
    const states = childStateOutcomes([...models.values()]);
    const report = (read: number, status = "FAILED") => ({ mapRun: { ...mapRun, arn: parent.runs.find((r) => r.mapRun)!.mapRun!.mapRunArn, status }, states, histories: { read, of: 20, failedRead: 5, failedOf: 5, unreadable: 0 } });
    const base = withChildOutcomes(executionOverlay(parent, graph), [{ states }]);
    expect(markNotReachedInChildren(base, graph, parent, [report(20)]).Quarantine).toEqual({ status: "not_reached", onPath: false });
    expect(markNotReachedInChildren(base, graph, parent, [report(20)]).Transform?.status).toBe("failed");
    expect(markNotReachedInChildren(base, graph, parent, [report(12)]).Quarantine).toBeUndefined();
    expect(markNotReachedInChildren(base, graph, parent, [report(20, "RUNNING")]).Quarantine).toBeUndefined();
  });
});
