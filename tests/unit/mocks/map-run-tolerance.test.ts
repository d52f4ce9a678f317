/**
 * When a distributed map run has failed one child too many (the service's rule: failed or timed
 * out children over all items, against ToleratedFailurePercentage and/or ToleratedFailureCount).
 */
import { describe, expect, it } from "vitest";
import { breachOf } from "@/mocks/sim/interpreter";
import type { ExecutionPlan } from "@/mocks/sim/plan";

const child = (status: ExecutionPlan["status"], stopMs: number) => ({ status, stopMs }) as ExecutionPlan;
// Ten items: failures at 300, 100 (a time-out) and 500; an abort is not a failure.
const children = [child("SUCCEEDED", 50), child("FAILED", 300), child("TIMED_OUT", 100), child("ABORTED", 200), child("FAILED", 500), child("SUCCEEDED", 600)];

describe("tolerated failure threshold", () => {
  it("without a threshold the first failure is one too many", () => {
    expect(breachOf(children, 10, {})).toBe(100);
    expect(breachOf([child("SUCCEEDED", 1)], 10, {})).toBeUndefined();
  });

  it("a percentage is exceeded by the failure that takes the share above it", () => {
    expect(breachOf(children, 10, { percentage: 10 })).toBe(300); // 2 of 10 > 10 %
    expect(breachOf(children, 10, { percentage: 20 })).toBe(500); // 3 of 10 > 20 %
    expect(breachOf(children, 10, { percentage: 30 })).toBeUndefined();
    expect(breachOf(children, 100, { percentage: 10 })).toBeUndefined(); // 3 of 100
  });

  it("a count is exceeded by the failure after it; with both, whichever comes first", () => {
    expect(breachOf(children, 10, { count: 1 })).toBe(300);
    expect(breachOf(children, 10, { count: 3 })).toBeUndefined();
    expect(breachOf(children, 100, { count: 2, percentage: 50 })).toBe(500);
    expect(breachOf(children, 10, { count: 5, percentage: 10 })).toBe(300);
  });
});
