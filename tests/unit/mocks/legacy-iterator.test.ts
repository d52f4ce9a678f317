/**
 * The simulator reads a Map's processor and mode through the one ASL walk (lib/asl/walk), as the
 * graph does: a legacy `Iterator` runs inline, and with `ProcessorConfig.Mode: DISTRIBUTED` it is
 * a distributed Map whose items run as a map run of child executions.
 */
import { describe, expect, it } from "vitest";
import { planExecution, type PlanRequest } from "@/mocks/sim/interpreter";
import type { AslMachine } from "@/mocks/sim/asl";

function plan(processorConfig: object | undefined) {
  const definition = {
    StartAt: "Each",
    States: {
      Each: {
        Type: "Map",
        ItemsPath: "$.items",
        Iterator: { ...(processorConfig ? { ProcessorConfig: processorConfig } : {}), StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
        End: true,
      },
    },
  } as unknown as AslMachine;
  const request: PlanRequest = {
    definition,
    input: { items: [1, 2, 3] },
    startMs: 1_700_000_000_000,
    seed: 1,
    executionArn: "arn:aws:states:us-east-1:123456789012:execution:legacy:run-1",
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:legacy",
    name: "run-1",
    roleArn: "arn:aws:iam::123456789012:role/x",
    region: "us-east-1",
    traits: {},
    behaviours: {},
    fallbackBehaviour: () => ({ ok: true, result: {} }) as never,
  };
  return planExecution(request);
}

describe("a legacy Iterator in the demo's simulator", () => {
  it("runs inline without a ProcessorConfig", () => {
    const p = plan(undefined);
    expect(p.status).toBe("SUCCEEDED");
    expect(p.events.filter((e) => e.type === "MapIterationStarted")).toHaveLength(3);
    expect(p.events.some((e) => e.type === "MapRunStarted")).toBe(false);
  });

  it("with Mode DISTRIBUTED runs as a map run of child executions, as AWS does", () => {
    const p = plan({ Mode: "DISTRIBUTED", ExecutionType: "STANDARD" });
    expect(p.status).toBe("SUCCEEDED");
    expect(p.events.some((e) => e.type === "MapRunStarted")).toBe(true);
    expect(p.events.some((e) => e.type === "MapIterationStarted")).toBe(false);
    expect(p.mapRuns).toHaveLength(1);
  });
});
