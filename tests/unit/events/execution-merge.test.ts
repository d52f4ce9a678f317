import { describe, expect, it } from "vitest";
import { mergeExecution, type ExecutionFacts } from "@/lib/events";

const T0 = 1_790_000_000_000;
type Row = ExecutionFacts & { arn: string; name: string };
const base = { arn: "arn:aws:states:us-east-1:123456789012:execution:orders:o-1", name: "o-1", startedAt: T0 };
const failed: Row = { ...base, status: "FAILED", stoppedAt: T0 + 1000, error: "PaymentDeclined", cause: "card expired", redriveCount: 0, redriveStatus: "REDRIVABLE" };

describe("one rule for every observation of an execution", () => {
  it("drops the failed try's error, cause and stop once a listing shows the execution redriven", () => {
    const running = mergeExecution<Row>(failed, { ...base, status: "RUNNING", redriveCount: 1 });
    expect(running).toEqual({ ...base, status: "RUNNING", redriveCount: 1 });
    const succeeded = mergeExecution<Row>(running, { ...base, status: "SUCCEEDED", stoppedAt: T0 + 9000, redriveCount: 1 });
    expect(succeeded).toEqual({ ...base, status: "SUCCEEDED", stoppedAt: T0 + 9000, redriveCount: 1 });
  });

  it("fills in the error a listing lacks from a later read of the same try, and keeps it when the listing comes again", () => {
    const listed: Row = { ...base, status: "FAILED", stoppedAt: T0 + 1000, redriveCount: 0 };
    const described = mergeExecution<Row>(listed, { ...listed, error: "PaymentDeclined", cause: "card expired" });
    expect(described).toMatchObject({ status: "FAILED", error: "PaymentDeclined", cause: "card expired" });
    expect(mergeExecution<Row>(described, listed)).toBeUndefined();
  });

  it("ignores what a stale page says: an end never goes back to RUNNING, a redrive never back to the try it redrove", () => {
    const done: Row = { ...base, status: "SUCCEEDED", stoppedAt: T0 + 9000, redriveCount: 1 };
    expect(mergeExecution<Row>(done, { ...base, status: "RUNNING", redriveCount: 1 })).toBeUndefined();
    expect(mergeExecution<Row>(done, failed)).toBeUndefined();
    expect(mergeExecution<Row>(done, { ...failed, redriveCount: undefined })).toBeUndefined();
  });

  it("takes an observation without a redrive count to be about the try already known", () => {
    const running: Row = { ...base, status: "RUNNING", redriveCount: 1 };
    expect(mergeExecution<Row>(running, { ...base, status: "SUCCEEDED", stoppedAt: T0 + 9000 })).toEqual({ ...base, status: "SUCCEEDED", stoppedAt: T0 + 9000, redriveCount: 1 });
  });
});
