import { describe, expect, it } from "vitest";
import type { ExecutionSummary } from "@/lib/contract/api";
import { MachineIndex } from "@/lib/server/fleet/machine-index";

const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const T0 = 1_790_000_000_000;
const run = (over: Partial<ExecutionSummary>): ExecutionSummary => ({ arn: `${MACHINE.replace(":stateMachine:", ":execution:")}:o-1`, name: "o-1", stateMachineArn: MACHINE, status: "RUNNING", startedAt: T0, ...over });

describe("the execution index merges what it is told by the store's rule", () => {
  it("keeps a finished execution finished when a late event or page still says RUNNING", async () => {
    const index = new MachineIndex(MACHINE);
    index.absorb([run({ status: "SUCCEEDED", stoppedAt: T0 + 5000, redriveCount: 0 })]);
    index.absorb([run({ status: "RUNNING", redriveCount: 0 })]);
    expect((await index.executions())).toEqual([run({ status: "SUCCEEDED", stoppedAt: T0 + 5000, redriveCount: 0 })]);
  });

  it("drops the failed try's error once the execution is redriven", async () => {
    const index = new MachineIndex(MACHINE);
    index.absorb([run({ status: "FAILED", stoppedAt: T0 + 5000, error: "PaymentDeclined", cause: "card expired", redriveCount: 0 })]);
    index.absorb([run({ status: "RUNNING", redriveCount: 1 })]);
    expect((await index.executions())).toEqual([run({ status: "RUNNING", redriveCount: 1 })]);
  });
});

describe("what the index can say before its first listing", () => {
  it("is still loading when only events have told it of executions", async () => {
    const index = new MachineIndex(MACHINE);
    index.absorb([run({ status: "RUNNING", redriveCount: 0 })]);
    // Before, the event's row made the machine "partial since —" with a row of zeros.
    expect(index.hasData()).toBe(false);
    expect(await index.executions()).toHaveLength(1);
  });
});
