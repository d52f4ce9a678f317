import { describe, expect, it } from "vitest";
import { buildStateGraph } from "@/lib/asl";
import { foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { executionOverlay } from "@/lib/postmortem/execution-overlay";
import { statesInChildExecutions } from "@/lib/postmortem/child-execution-states";

const definition = {
  StartAt: "Split",
  States: {
    Split: { Type: "Choice", Choices: [{ Variable: "$.big", BooleanEquals: true, Next: "Fan" }], Default: "Small" },
    Small: { Type: "Pass", End: true },
    Fan: {
      Type: "Map",
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
        StartAt: "Work",
        States: { Work: { Type: "Pass", End: true } },
      },
      End: true,
    },
  },
};

const t = (s: number) => 1_700_000_000 + s;
const smallPath: HistoryEvent[] = [
  { id: 1, previousEventId: 0, timestamp: t(0), type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", inputDetails: { truncated: false } } },
  { id: 2, previousEventId: 0, timestamp: t(1), type: "ChoiceStateEntered", stateEnteredEventDetails: { name: "Split", input: "{}" } },
  { id: 3, previousEventId: 2, timestamp: t(2), type: "ChoiceStateExited", stateExitedEventDetails: { name: "Split", output: "{}" } },
  { id: 4, previousEventId: 3, timestamp: t(3), type: "PassStateEntered", stateEnteredEventDetails: { name: "Small", input: "{}" } },
  { id: 5, previousEventId: 4, timestamp: t(4), type: "PassStateExited", stateExitedEventDetails: { name: "Small", output: "{}" } },
  { id: 6, previousEventId: 5, timestamp: t(5), type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "{}" } },
];

describe("execution overlay", () => {
  const graph = buildStateGraph(definition).graph!;

  it("marks the branch not taken as not reached once the execution is over", () => {
    const overlay = executionOverlay(foldHistory(smallPath), graph);
    expect(overlay.Split.status).toBe("succeeded");
    expect(overlay.Small.status).toBe("succeeded");
    expect(overlay.Fan.status).toBe("not_reached");
  });

  it("never calls states of a distributed Map's child executions 'not reached'", () => {
    expect([...statesInChildExecutions(graph)]).toEqual(["Work"]);
    const overlay = executionOverlay(foldHistory(smallPath), graph);
    expect(overlay.Work).toBeUndefined();
  });

  it("leaves later states alone while the execution is still running", () => {
    const overlay = executionOverlay(foldHistory(smallPath.slice(0, 4)), graph);
    expect(overlay.Split.status).toBe("succeeded");
    expect(overlay.Fan).toBeUndefined();
  });
});
