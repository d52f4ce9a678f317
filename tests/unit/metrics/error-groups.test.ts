import { describe, expect, it } from "vitest";
import { groupErrors, type FailureRecord } from "@/lib/metrics/error-groups";
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

  it("groups failures that differ only in ids and numbers, biggest group first", () => {
    const groups = groupErrors(failures, "1h", NOW);
    expect(groups).toHaveLength(3);
    const [charge] = groups;
    expect(charge).toMatchObject({ state: "Charge", error: "PaymentDeclined", normalisedCause: "Card <n> declined for order <uuid>", count: 4 });
    expect(charge.firstSeen).toBe(NOW - 50 * MINUTE);
    expect(charge.lastSeen).toBe(NOW - 10 * MINUTE);
    expect(charge.sampleCause).toContain("Card 12");
  });

  it("keeps different errors and different states apart", () => {
    const groups = groupErrors(failures, "1h", NOW);
    expect(groups.map((g) => `${g.state}/${g.error}`).sort()).toEqual(["Charge/PaymentDeclined", "Charge/States.Timeout", "Ship/PaymentDeclined"]);
  });

  it("links up to three example executions, newest first", () => {
    const [charge] = groupErrors(failures, "1h", NOW);
    expect(charge.examples.map((e) => e.executionName)).toEqual(["d", "c", "b"]);
  });

  it("draws a sparkline over the window's buckets", () => {
    const [charge] = groupErrors(failures, "1h", NOW);
    expect(charge.sparkline).toHaveLength(61);
    expect(charge.sparkline.reduce((a, b) => a + b, 0)).toBe(4);
    expect(charge.sparkline.filter((v) => v > 0)).toHaveLength(4);
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
