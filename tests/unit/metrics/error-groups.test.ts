import { describe, expect, it } from "vitest";
import { groupErrors, trendOf, type FailureRecord } from "@/lib/metrics/error-groups";
import { resolveWindow } from "@/lib/metrics/windows";
import { failureFromDetail, failureFromModel } from "@/lib/metrics/failure-records";
import type { ExecutionDetail } from "@/lib/contract/api";
import { execution, model, MINUTE, NOW, run } from "./helpers";

function failure(name: string, at: number, state: string, error: string, cause: string): FailureRecord {
  return { executionArn: `arn:aws:states:us-east-1:123456789012:execution:orders:${name}`, executionName: name, at, state, error, cause };
}

describe("groupErrors", () => {
  const failures = [
    failure("a", NOW - 50 * MINUTE, "Charge", "PaymentDeclined", "Card 4242 declined for order 5f3c2a9b-1e7d-4c3e-9a7f-0d2b5e8c1a44"),
    failure("b", NOW - 30 * MINUTE, "Charge", "PaymentDeclined", "Card 1881 declined for order 9b0e7d6c-1a2b-4c3d-8e9f-a0b1c2d3e4f5"),
    failure("c", NOW - 20 * MINUTE, "Charge", "PaymentDeclined", "Card 77 declined for order 0a0e7d6c-1a2b-4c3d-8e9f-a0b1c2d3e4f5"),
    failure("d", NOW - 10 * MINUTE, "Charge", "PaymentDeclined", "Card 12 declined for order 1a0e7d6c-1a2b-4c3d-8e9f-a0b1c2d3e4f5"),
    failure("e", NOW - 5 * MINUTE, "Charge", "States.Timeout", "Card 12 declined for order 1a0e7d6c-1a2b-4c3d-8e9f-a0b1c2d3e4f5"),
    failure("f", NOW - 5 * MINUTE, "Ship", "PaymentDeclined", "Card 12 declined for order 1a0e7d6c-1a2b-4c3d-8e9f-a0b1c2d3e4f5"),
  ];

  it("groups failures that differ only in ids and numbers, whatever state they failed in, biggest group first", () => {
    const groups = groupErrors(failures, "1h", NOW);
    expect(groups).toHaveLength(2);
    const [declined] = groups;
    expect(declined).toMatchObject({ state: "Charge", error: "PaymentDeclined", normalisedCause: "Card <n> declined for order <uuid>", count: 5 });
    expect(declined.states).toEqual([{ name: "Charge", count: 4 }, { name: "Ship", count: 1 }]);
    expect(declined.firstSeen).toBe(NOW - 50 * MINUTE);
    expect(declined.lastSeen).toBe(NOW - 5 * MINUTE);
    expect(declined.sampleCause).toContain("Card 12");
  });

  it("keeps different errors apart and gives each group its share of all failures", () => {
    const groups = groupErrors(failures, "1h", NOW);
    expect(groups.map((g) => [g.error, g.count, g.share])).toEqual([["PaymentDeclined", 5, 5 / 6], ["States.Timeout", 1, 1 / 6]]);
  });

  it("links up to three example executions, newest first", () => {
    const [declined] = groupErrors(failures, "1h", NOW);
    expect(declined.examples.map((e) => e.executionName)).toEqual(["f", "d", "c"]);
  });

  it("draws a sparkline over the window's buckets", () => {
    const [declined] = groupErrors(failures, "1h", NOW);
    expect(declined.sparkline).toHaveLength(resolveWindow("1h", NOW).bucketCount);
    expect(declined.sparkline.reduce((a, b) => a + b, 0)).toBe(5);
    expect(declined.sparkline.filter((v) => v > 0)).toHaveLength(5);
  });

  it("says whether a group is new, rising, steady, falling or has stopped", () => {
    const flat = Array.from({ length: 40 }, () => 2);
    expect(trendOf(flat)).toBe("steady");
    expect(trendOf([...flat.slice(0, 30), ...Array(10).fill(6)])).toBe("rising");
    expect(trendOf([...flat.slice(0, 30), ...Array(10).fill(1)])).toBe("falling");
    expect(trendOf([...Array(30).fill(0), ...Array(10).fill(3)])).toBe("new");
    expect(trendOf([...flat.slice(0, 30), ...Array(10).fill(0)])).toBe("stopped");
  });

  it("leaves out failures outside the window and treats future times as now", () => {
    const groups = groupErrors(
      [failure("old", NOW - 5 * 3_600_000, "A", "E", "x"), failure("future", NOW + 60_000, "A", "E", "x"), { ...failure("nan", 0, "A", "E", "x"), at: Number.NaN }],
      "1h",
      NOW,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 1, lastSeen: NOW });
    expect(groupErrors([], "1h", NOW)).toEqual([]);
  });

  it("names a failure without an error name instead of dropping it", () => {
    const [group] = groupErrors([{ executionArn: "x", at: NOW }], "1h", NOW);
    expect(group.error).toBe("(no error name)");
  });
});

describe("failure records", () => {
  it("takes the innermost failed state from a folded history", () => {
    const e = execution("FAILED", NOW - MINUTE, 500);
    const m = model("FAILED", [run("Validate", "succeeded"), run("Charge", "failed", { error: "PaymentDeclined", path: "Fan/branch 0/Charge" })], {
      failedRunPath: "Fan/branch 0/Charge",
      error: "States.BranchFailed",
    });
    expect(failureFromModel(e, m)).toMatchObject({ executionArn: e.arn, state: "Charge", error: "PaymentDeclined", at: e.stoppedAt });
    expect(failureFromModel(e, model("SUCCEEDED", []))).toBeUndefined();
  });

  it("names timeouts and aborts that carry no error", () => {
    const e = execution("ABORTED", NOW - MINUTE, 500);
    expect(failureFromModel(e, model("ABORTED", []))?.error).toBe("Aborted");
    const detail = { ...e, status: "TIMED_OUT", stateMachineName: "orders", stateMachineType: "STANDARD", definition: "{}" } as ExecutionDetail;
    const record = failureFromDetail(detail);
    expect(record?.error).toBe("States.Timeout");
    expect(record?.state).toBeUndefined();
  });
});
