import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeExecution, parseStatusChange, type ExecutionChange, type KnownExecution } from "@/lib/events";

const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";
const T0 = 1_790_000_000_000;

/** An event as EventBridge puts it on the queue (the shape Step Functions documents). */
function envelope(detail: Record<string, unknown>, over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: "0",
    id: "315c1398-40ff-a850-213b-158f73e60175",
    "detail-type": "Step Functions Execution Status Change",
    source: "aws.states",
    account: "123456789012",
    time: "2026-11-25T12:00:00Z",
    region: "us-east-1",
    resources: [ARN],
    detail: { executionArn: ARN, stateMachineArn: MACHINE, name: "run-1", input: "{}", inputDetails: { included: true }, output: null, outputDetails: null, ...detail },
    ...over,
  });
}

describe("reading status-change events", () => {
  it("reads a failure with its times, error and cause", () => {
    const parsed = parseStatusChange(envelope({ status: "FAILED", startDate: T0, stopDate: T0 + 5000, error: "States.Timeout", cause: "slow", redriveCount: 0 }));
    expect(parsed).toEqual({
      kind: "change",
      change: { arn: ARN, stateMachineArn: MACHINE, name: "run-1", status: "FAILED", startedAt: T0, stoppedAt: T0 + 5000, error: "States.Timeout", cause: "slow", redriveCount: 0 },
    });
  });

  it("ignores other events and damaged bodies, saying why", () => {
    expect(parseStatusChange("not json")).toEqual({ kind: "ignored", reason: "the message is not JSON" });
    expect(parseStatusChange(envelope({ status: "RUNNING", startDate: T0 }, { source: "aws.ec2" }))).toMatchObject({ kind: "ignored", reason: expect.stringContaining("aws.ec2") });
    expect(parseStatusChange(envelope({ status: "EXPLODED", startDate: T0 }))).toMatchObject({ kind: "ignored" });
  });
});

function change(status: ExecutionChange["status"], redriveCount = 0, extra: Partial<ExecutionChange> = {}): ExecutionChange {
  return { arn: ARN, stateMachineArn: MACHINE, name: "run-1", status, startedAt: T0, redriveCount, ...(status === "RUNNING" ? {} : { stoppedAt: T0 + 1000 * (redriveCount + 1) }), ...extra };
}

function applyAll(events: readonly ExecutionChange[], start?: KnownExecution): KnownExecution | undefined {
  let row: KnownExecution | undefined = start;
  for (const e of events) row = (mergeExecution<KnownExecution>(row, e) as KnownExecution | undefined) ?? row;
  return row;
}

describe("merging events that arrive lost, duplicated and out of order", () => {
  // A run that failed, was redriven and then succeeded: four events in the order they happened.
  const history = [change("RUNNING"), change("FAILED", 0, { error: "Boom", cause: "bad" }), change("RUNNING", 1), change("SUCCEEDED", 1)];
  const truth = applyAll(history);

  it("ends where the events in order end", () => {
    expect(truth).toMatchObject({ status: "SUCCEEDED", redriveCount: 1, stoppedAt: T0 + 2000 });
    expect(truth).not.toHaveProperty("error");
  });

  it("converges to the truth in any order and with any duplicates, as long as the last event arrives", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 0, maxLength: 6 }), fc.infiniteStream(fc.integer()), (dupes, seeds) => {
        const delivered = [...history, ...dupes.map((i) => history[i])];
        const shuffled = delivered.map((e) => ({ e, k: seeds.next().value })).sort((a, b) => a.k - b.k).map((x) => x.e);
        expect(applyAll(shuffled)).toEqual(truth);
      }),
    );
  });

  it("never goes back from a terminal status to RUNNING of the same run", () => {
    expect(mergeExecution<KnownExecution>({ status: "SUCCEEDED", startedAt: T0, stoppedAt: T0 + 1, redriveCount: 0 }, change("RUNNING"))).toBeUndefined();
  });

  it("writes nothing for a duplicate", () => {
    const row = applyAll([change("FAILED")]);
    expect(mergeExecution<KnownExecution>(row, change("FAILED"))).toBeUndefined();
  });
});
