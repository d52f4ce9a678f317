import { describe, expect, it } from "vitest";
import { compareByHealth, healthScore } from "@/lib/metrics/health";
import { summariseMachine } from "@/lib/metrics/summary";
import { bucketExecutions } from "@/lib/metrics/buckets";
import { computeMachineMetrics } from "@/lib/metrics/machine-metrics";
import { execution, MINUTE, NOW } from "./helpers";

describe("summariseMachine", () => {
  it("shows zeros and no rate for a machine that did not run", () => {
    const s = summariseMachine([], "24h", NOW);
    expect(s).toMatchObject({ started: 0, runningNow: 0, succeeded: 0, failed: 0, errorRate: null, p50: null, health: 0 });
    expect(s.errorSparkline).toHaveLength(s.window.bucketCount);
    expect(s.errorSparkline.every((v) => v === 0)).toBe(true);
  });

  it("counts every status and rates errors over finished executions only", () => {
    const s = summariseMachine(
      [
        execution("SUCCEEDED", NOW - 50 * MINUTE, 1_000),
        execution("SUCCEEDED", NOW - 40 * MINUTE, 3_000),
        execution("FAILED", NOW - 30 * MINUTE, 2_000),
        execution("TIMED_OUT", NOW - 20 * MINUTE, 9_000),
        execution("ABORTED", NOW - 10 * MINUTE, 500),
        execution("RUNNING", NOW - 5 * MINUTE),
        execution("PENDING_REDRIVE", NOW - 5 * MINUTE),
      ],
      "1h",
      NOW,
    );
    expect(s).toMatchObject({ started: 7, runningNow: 1, succeeded: 2, failed: 1, timedOut: 1, aborted: 1, pendingRedrive: 1, finished: 5, errors: 3 });
    expect(s.errorRate).toBeCloseTo(3 / 5);
    expect([s.p50, s.p90, s.p99]).toEqual([2_000, 9_000, 9_000]);
    expect(s.errorSparkline.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("counts a run started before the window as running now, but not as started", () => {
    const s = summariseMachine([execution("RUNNING", NOW - 3 * 86_400_000)], "1h", NOW);
    expect(s.runningNow).toBe(1);
    expect(s.started).toBe(0);
  });

  it("has no rate or durations when everything is still running", () => {
    const s = summariseMachine([execution("RUNNING", NOW - MINUTE), execution("RUNNING", NOW - 2 * MINUTE)], "15m", NOW);
    expect(s).toMatchObject({ started: 2, runningNow: 2, finished: 0, errorRate: null, p50: null, p99: null, health: 0 });
  });

  it("puts the machine that is failing now before one that failed earlier and recovered", () => {
    const failingNow = [
      ...Array.from({ length: 20 }, (_, i) => execution("SUCCEEDED", NOW - 23 * 3_600_000 + i * MINUTE, 100)),
      ...Array.from({ length: 5 }, (_, i) => execution("FAILED", NOW - (i + 1) * MINUTE, 100)),
    ];
    const recovered = [
      ...Array.from({ length: 5 }, (_, i) => execution("FAILED", NOW - 23 * 3_600_000 + i * MINUTE, 100)),
      ...Array.from({ length: 20 }, (_, i) => execution("SUCCEEDED", NOW - (i + 1) * MINUTE, 100)),
    ];
    const healthy = Array.from({ length: 25 }, (_, i) => execution("SUCCEEDED", NOW - (i + 1) * MINUTE, 100));
    const rows = [
      { name: "healthy", ...summariseMachine(healthy, "24h", NOW) },
      { name: "recovered", ...summariseMachine(recovered, "24h", NOW) },
      { name: "failing-now", ...summariseMachine(failingNow, "24h", NOW) },
    ];
    expect(rows.map((r) => r.errorRate)).toEqual([0, 0.2, 0.2]);
    expect(rows.sort(compareByHealth).map((r) => r.name)).toEqual(["failing-now", "recovered", "healthy"]);
  });
});

describe("healthScore", () => {
  it("lets volume raise the score: 10 failures out of 10 are worse than 1 out of 1", () => {
    expect(healthScore([10], [10])).toBeGreaterThan(healthScore([1], [1]));
    expect(healthScore([0, 0], [5, 5])).toBe(0);
    expect(healthScore([], [])).toBe(0);
  });
});

describe("computeMachineMetrics", () => {
  it("gives the same buckets and summary as computing them one by one", () => {
    const executions = [
      execution("SUCCEEDED", NOW - 50 * MINUTE, 1_000),
      execution("FAILED", NOW - 30 * MINUTE, 2_000),
      execution("SUCCEEDED", NOW - 30 * MINUTE, 7_000),
      execution("RUNNING", NOW - MINUTE),
    ];
    const failures = [{ executionArn: executions[1].arn, at: NOW - 28 * MINUTE, state: "Charge", error: "E", cause: "id 42" }];
    const all = computeMachineMetrics(executions, failures, "1h", NOW);
    expect(all.buckets).toEqual(bucketExecutions(executions, "1h", NOW).buckets);
    expect(all.summary).toEqual(summariseMachine(executions, "1h", NOW));
    expect(all.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
    expect(all.errorGroups).toHaveLength(1);
  });
});
