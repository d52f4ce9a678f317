import { describe, expect, it } from "vitest";
import { layoutTimeline } from "@/lib/timeline";
import { attempt, group, model, run } from "./literal-models";

const none = new Set<string>();

describe("layoutTimeline: attempts", () => {
  const retried = model(
    [
      run({
        path: "Charge",
        type: "Task",
        status: "succeeded",
        enteredAt: 1_000,
        exitedAt: 4_600,
        attempts: [attempt(0, 1_000, 1_200, "failed"), attempt(1, 2_200, 2_400, "failed"), attempt(2, 4_400, 4_600, "succeeded")],
      }),
    ],
    { startedAt: 1_000, stoppedAt: 4_600 },
  );

  it("draws each attempt as its own segment with the back-off between them as a wait", () => {
    const [row] = layoutTimeline(retried, { expanded: none }).rows;
    expect(row.segments.map((s) => [s.kind, s.start, s.end, s.status, s.attempt])).toEqual([
      ["attempt", 1_000, 1_200, "failed", 0],
      ["wait", 1_200, 2_200, "waiting", 1],
      ["attempt", 2_200, 2_400, "failed", 1],
      ["wait", 2_400, 4_400, "waiting", 2],
      ["attempt", 4_400, 4_600, "succeeded", 2],
    ]);
    expect(row.segments.map((s) => s.label)).toEqual([
      "Charge (attempt 1)",
      "Charge: back-off before attempt 2",
      "Charge (attempt 2)",
      "Charge: back-off before attempt 3",
      "Charge (attempt 3)",
    ]);
    expect(row.segments.every((s) => s.runPath === "Charge")).toBe(true);
  });

  it("spans the axis over the execution", () => {
    const layout = layoutTimeline(retried, { expanded: none });
    expect([layout.from, layout.to]).toEqual([1_000, 4_600]);
  });

  it("extends a running attempt to now while the execution runs", () => {
    const running = model(
      [run({ path: "Poll", type: "Task", status: "running", enteredAt: 0, attempts: [attempt(0, 0, undefined, "running")] })],
      { status: "RUNNING", startedAt: 0, complete: false },
    );
    const layout = layoutTimeline(running, { expanded: none, now: 9_000 });
    expect(layout.rows[0].segments).toMatchObject([{ kind: "attempt", start: 0, end: 9_000, open: true, status: "running" }]);
    expect(layout.to).toBe(9_000);
  });

  it("does not grow a finished execution with the clock", () => {
    expect(layoutTimeline(retried, { expanded: none, now: 99_000 }).to).toBe(4_600);
  });
});

describe("layoutTimeline: rows", () => {
  const parallel = model(
    [
      run({ path: "Start", enteredAt: 0, exitedAt: 100 }),
      run({
        path: "Fan",
        type: "Parallel",
        enteredAt: 100,
        exitedAt: 1_000,
        branches: [group("Fan/branch 0", 0, 100, 400, ["Fan/branch 0/Quick"]), group("Fan/branch 1", 1, 100, 1_000, ["Fan/branch 1/Slow"])],
      }),
      run({ path: "Fan/branch 0/Quick", parentPath: "Fan", branch: 0, enteredAt: 100, exitedAt: 400 }),
      run({ path: "Fan/branch 1/Slow", parentPath: "Fan", branch: 1, enteredAt: 100, exitedAt: 1_000 }),
      run({ path: "Done", type: "Succeed", enteredAt: 1_000, exitedAt: 1_000 }),
    ],
    { startedAt: 0, stoppedAt: 1_000 },
  );

  it("gives a Parallel one lane per branch, with the branch's runs indented under it", () => {
    const rows = layoutTimeline(parallel, { expanded: none }).rows;
    // Labels are the paths' numbers: the definition's branch index, from 0.
    expect(rows.map((r) => [r.kind, r.label, r.depth])).toEqual([
      ["run", "Start", 0],
      ["run", "Fan", 0],
      ["branch", "branch 0", 1],
      ["run", "Quick", 2],
      ["branch", "branch 1", 1],
      ["run", "Slow", 2],
      ["run", "Done", 0],
    ]);
    expect(rows[2].segments).toMatchObject([{ kind: "group", start: 100, end: 400 }]);
    expect(rows[4].segments).toMatchObject([{ kind: "group", start: 100, end: 1_000 }]);
  });

  it("marks the longest branch, not the shorter one, as critical", () => {
    const layout = layoutTimeline(parallel, { expanded: none });
    expect([...layout.criticalPath].sort()).toEqual(["Done", "Fan", "Fan/branch 1/Slow", "Start"]);
    const critical = Object.fromEntries(layout.rows.map((r) => [r.key, r.critical]));
    expect(critical).toMatchObject({ Start: true, Fan: true, "Fan/branch 0": false, "Fan/branch 0/Quick": false, "Fan/branch 1": true, "Fan/branch 1/Slow": true, Done: true });
    expect(layout.rows[5].segments[0].critical).toBe(true);
    expect(layout.rows[3].segments[0].critical).toBe(false);
  });

  it("clips segments to a zoom range and drops those outside it, keeping every row", () => {
    const layout = layoutTimeline(parallel, { expanded: none, range: { from: 300, to: 600 } });
    expect([layout.from, layout.to]).toEqual([300, 600]);
    expect(layout.rows).toHaveLength(7);
    expect(layout.rows[0].segments).toEqual([]);
    expect(layout.rows[3].segments.map((s) => [s.start, s.end])).toEqual([[300, 400]]);
    expect(layout.rows[5].segments.map((s) => [s.start, s.end])).toEqual([[300, 600]]);
  });
});

describe("layoutTimeline: Map", () => {
  // Four iterations of 100, 300, 200 and 400 ms; the third fails.
  const durations = [100, 300, 200, 400];
  const iterationRuns = durations.map((d, i) =>
    run({
      path: `Each/iteration ${i}/Resize`,
      type: "Task",
      parentPath: "Each",
      iteration: i,
      status: i === 2 ? "failed" : "succeeded",
      enteredAt: 0,
      exitedAt: d,
      attempts: [attempt(0, 0, d, i === 2 ? "failed" : "succeeded")],
    }),
  );
  const mapModel = model(
    [
      run({
        path: "Each",
        type: "Map",
        status: "succeeded",
        enteredAt: 0,
        exitedAt: 400,
        iterations: durations.map((d, i) => group(`Each/iteration ${i}`, i, 0, d, [`Each/iteration ${i}/Resize`], i === 2 ? "failed" : "succeeded")),
      }),
      ...iterationRuns,
    ],
    { startedAt: 0, stoppedAt: 400 },
  );

  it("collapses the iterations into one summary row with count, failures, p50 and max", () => {
    const rows = layoutTimeline(mapModel, { expanded: none }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "map-summary", label: "Each", expandKey: "Each", expanded: false });
    expect(rows[0].mapSummary).toEqual({ iterationCount: 4, failedCount: 1, runningCount: 0, p50Ms: 200, maxMs: 400 });
  });

  it("lists one row per iteration, with its runs as segments, when expanded", () => {
    const rows = layoutTimeline(mapModel, { expanded: new Set(["Each"]) }).rows;
    expect(rows.map((r) => [r.kind, r.label, r.depth])).toEqual([
      ["map-summary", "Each", 0],
      ["iteration", "iteration 0", 1],
      ["iteration", "iteration 1", 1],
      ["iteration", "iteration 2", 1],
      ["iteration", "iteration 3", 1],
    ]);
    expect(rows[3].segments).toMatchObject([{ kind: "attempt", runPath: "Each/iteration 2/Resize", status: "failed", start: 0, end: 200 }]);
    expect(rows[3].runPath).toBe("Each/iteration 2/Resize");
  });

  it("follows the longest iteration on the critical path", () => {
    const layout = layoutTimeline(mapModel, { expanded: new Set(["Each"]) });
    expect([...layout.criticalPath].sort()).toEqual(["Each", "Each/iteration 3/Resize"]);
    expect(layout.rows.filter((r) => r.critical).map((r) => r.key)).toEqual(["Each", "Each/iteration 3"]);
  });

  it("lays out 2,000 expanded iterations as 2,001 rows", () => {
    const n = 2_000;
    const big = model(
      [
        run({
          path: "Each",
          type: "Map",
          enteredAt: 0,
          exitedAt: n,
          iterations: Array.from({ length: n }, (_, i) => group(`Each/iteration ${i}`, i, i, i + 1, [`Each/iteration ${i}/Work`])),
        }),
        ...Array.from({ length: n }, (_, i) => run({ path: `Each/iteration ${i}/Work`, parentPath: "Each", iteration: i, enteredAt: i, exitedAt: i + 1 })),
      ],
      { startedAt: 0, stoppedAt: n },
    );
    const layout = layoutTimeline(big, { expanded: new Set(["Each"]) });
    expect(layout.rows).toHaveLength(n + 1);
    expect(layout.rows[0].mapSummary).toMatchObject({ iterationCount: n, p50Ms: 1, maxMs: 1 });
    expect(new Set(layout.rows.map((r) => r.key)).size).toBe(n + 1);
  });
});

describe("layoutTimeline: runs at any depth", () => {
  it("shows every run of every recorded history once every Map is expanded (Parallel in a Map iteration, Map in a Map)", async () => {
    const { loadMotoHistory, motoHistoryNames } = await import("../../fixtures/moto-histories");
    const { foldExecution } = await import("@/lib/postmortem/branch-identity");
    for (const name of motoHistoryNames()) {
      const { events, definition } = loadMotoHistory(name);
      const m = foldExecution(events, definition);
      const maps = new Set(m.runs.filter((r) => r.iterations).map((r) => r.path));
      const shown = new Set(layoutTimeline(m, { expanded: maps }).rows.flatMap((r) => r.segments.map((s) => s.runPath)));
      const missing = m.runs.filter((r) => !shown.has(r.path)).map((r) => r.path);
      expect(missing, name).toEqual([]);
    }
  });

  it("puts a Parallel's branch lanes inside a Map iteration beneath that iteration", async () => {
    const { loadMotoHistory } = await import("../../fixtures/moto-histories");
    const { foldExecution } = await import("@/lib/postmortem/branch-identity");
    const { events, definition } = loadMotoHistory("map-of-parallel");
    const rows = layoutTimeline(foldExecution(events, definition), { expanded: new Set(["Each"]) }).rows;
    const at = rows.findIndex((r) => r.key === "Each/iteration 0");
    expect(rows.slice(at, at + 4).map((r) => [r.kind, r.label, r.depth])).toEqual([
      ["iteration", "iteration 0", 1],
      ["branch", "branch 0", 2],
      ["run", "A", 3],
      ["branch", "branch 1", 2],
    ]);
  });
});
