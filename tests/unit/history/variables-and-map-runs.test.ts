/**
 * What the fold keeps of workflow variables, failed evaluations and map-run tries: the
 * detail panel shows them, so losing one on the way hides why a state did what it did.
 */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import type { StateRun } from "@/lib/history/model";
import { corpusFiles, ev, loadRecorded } from "./histories";

function runWithEvent(runs: StateRun[], id: number): StateRun | undefined {
  return runs.find((r) => r.eventIds.includes(id));
}

describe("assigned variables", () => {
  it.each(corpusFiles())("%s: every StateExited's assignedVariables is on the run it closes", (file) => {
    const { events } = loadRecorded(file);
    const model = foldHistory(events);
    for (const e of events) {
      const d = e.stateExitedEventDetails as { assignedVariables?: Record<string, unknown>; assignedVariablesDetails?: { truncated?: boolean } } | undefined;
      if (!d?.assignedVariables) continue;
      const run = runWithEvent(model.runs, e.id);
      expect(run, `run of event ${e.id}`).toBeDefined();
      const expected = Object.fromEntries(Object.entries(d.assignedVariables).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
      expect({ ...run!.assignedVariables!.values }).toEqual(expected);
      expect(run!.assignedVariables!.truncated).toBe(d.assignedVariablesDetails?.truncated === true);
    }
  });

  it("keeps the values as JSON text and says when Step Functions truncated them", () => {
    const model = foldHistory([
      ev(1, 0, "ExecutionStarted", { input: "{}" }),
      ev(2, 1, "PassStateEntered", { name: "Init", input: "{}" }),
      ev(3, 2, "PassStateExited", { name: "Init", output: "{}", assignedVariables: { big: '"aaaa' }, assignedVariablesDetails: { truncated: true } }),
      ev(4, 3, "ExecutionSucceeded", { output: "{}" }),
    ]);
    expect(model.runs[0].assignedVariables).toEqual({ values: { big: '"aaaa' }, truncated: true });
  });

  it("a state that assigned nothing has no variables", () => {
    const { events } = loadRecorded("test_arguments_test_base_cases_BASE_LAMBDA_EXPRESSION");
    const model = foldHistory(events);
    expect(model.runs.map((r) => Object.keys(r.assignedVariables?.values ?? {}))).toEqual([
      ["var_constant_1", "var_input_value"],
      ["ja_expr", "ja_var_access"],
    ]);
  });
});

describe("EvaluationFailed", () => {
  it("is kept on the state it failed, with its state, location, error and cause", () => {
    const { events } = loadRecorded("test_assign_reference_variables_test_undefined_reference_BASE_UNDEFINED_ARGUMENTS_FIELD");
    const model = foldHistory(events);
    const run = model.runs.find((r) => r.name === "State0")!;
    expect(run.status).toBe("failed");
    expect(run.evaluationFailure).toEqual({
      state: "State0",
      location: "Arguments/FunctionName",
      error: "States.QueryEvaluationError",
      cause: expect.stringContaining("'$doesNotExist'"),
      eventId: 3,
    });
  });

  it.each(corpusFiles())("%s: every EvaluationFailed lands on a run of the state it names", (file) => {
    const { events } = loadRecorded(file);
    const model = foldHistory(events);
    for (const e of events) {
      if (e.type !== "EvaluationFailed") continue;
      const d = e.evaluationFailedEventDetails as { state?: string; location?: string };
      const run = runWithEvent(model.runs, e.id);
      expect(run?.name).toBe(d.state);
      expect(run?.evaluationFailure?.location).toBe(d.location);
    }
  });
});

describe("map run tries", () => {
  const mapRunArn = "arn:aws:states:us-east-1:111111111111:mapRun:etl/Fan:1a2b";
  const redriven = [
    ev(1, 0, "ExecutionStarted", { input: "{}" }),
    ev(2, 1, "MapStateEntered", { name: "Fan", input: "{}" }),
    ev(3, 2, "MapStateStarted", { length: 10 }),
    ev(4, 3, "MapRunStarted", { mapRunArn }),
    ev(5, 4, "MapRunFailed", { error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" }),
    ev(6, 5, "MapStateFailed", {}),
    ev(7, 6, "ExecutionFailed", { error: "States.ExceedToleratedFailureThreshold" }),
    ev(8, 7, "ExecutionRedriven", { redriveCount: 1 }),
    ev(9, 8, "MapRunRedriven", { mapRunArn, redriveCount: 1 }),
    ev(10, 9, "MapRunSucceeded", {}),
    ev(11, 10, "MapStateSucceeded", {}),
    ev(12, 10, "MapStateExited", { name: "Fan", output: "[]" }),
    ev(13, 12, "ExecutionSucceeded", { output: "[]" }),
  ];

  it("a redriven map run keeps what its first try ended with", () => {
    const model = foldHistory(redriven);
    const map = model.runs.find((r) => r.name === "Fan")!;
    expect(map.mapRun?.mapRunArn).toBe(mapRunArn);
    expect(map.mapRun?.status).toBe("succeeded");
    expect(map.mapRun?.tries).toEqual([
      { status: "failed", startedAt: 4_000 + 1_700_000_000_000, endedAt: 5_000 + 1_700_000_000_000, error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded", redriveCount: 0 },
      { status: "succeeded", startedAt: 9_000 + 1_700_000_000_000, endedAt: 10_000 + 1_700_000_000_000, redriveCount: 1 },
    ]);
  });

  it("finds the map run by its ARN when the redrive links to the execution's event", () => {
    const linkedToExecution = redriven.map((e) => (e.id === 9 ? { ...e, previousEventId: 8 } : e));
    const model = foldHistory(linkedToExecution);
    expect(model.runs.find((r) => r.name === "Fan")!.mapRun?.tries?.length).toBe(2);
    expect(model.unknownEvents).toEqual([]);
  });

  it.each(corpusFiles())("%s: one try per MapRunStarted", (file) => {
    const { events } = loadRecorded(file);
    const model = foldHistory(events);
    const starts = events.filter((e) => e.type === "MapRunStarted").length;
    const tries = model.runs.reduce((n, r) => n + (r.mapRun?.tries?.length ?? 0), 0);
    expect(tries).toBe(starts);
  });
});

describe("a redrive that enters the Map again", () => {
  it("gives the second run one try, and the map run both", async () => {
    const { mapRunTriesOf } = await import("@/lib/postmortem/map-run-tries-of");
    const mapRunArn = "arn:aws:states:us-east-1:111111111111:mapRun:etl/Fan:1a2b";
    const model = foldHistory([
      ev(1, 0, "ExecutionStarted", { input: "{}" }),
      ev(2, 1, "MapStateEntered", { name: "Fan", input: "{}" }),
      ev(3, 2, "MapStateStarted", { length: 10 }),
      ev(4, 3, "MapRunStarted", { mapRunArn }),
      ev(5, 4, "MapRunFailed", { error: "States.ExceedToleratedFailureThreshold" }),
      ev(6, 5, "MapStateFailed", {}),
      ev(7, 6, "ExecutionFailed", { error: "States.ExceedToleratedFailureThreshold" }),
      ev(8, 7, "ExecutionRedriven", { redriveCount: 1 }),
      ev(9, 8, "MapStateEntered", { name: "Fan", input: "{}" }),
      ev(10, 9, "MapStateStarted", { length: 10 }),
      ev(11, 10, "MapRunRedriven", { mapRunArn, redriveCount: 1 }),
      ev(12, 11, "MapRunSucceeded", {}),
      ev(13, 12, "MapStateSucceeded", {}),
      ev(14, 12, "MapStateExited", { name: "Fan", output: "[]" }),
      ev(15, 14, "ExecutionSucceeded", { output: "[]" }),
    ]);
    const runs = model.runs.filter((r) => r.name === "Fan");
    expect(runs.map((r) => r.mapRun?.tries?.map((t) => [t.status, t.redriveCount]))).toEqual([[["failed", 0]], [["succeeded", 1]]]);
    expect(mapRunTriesOf(model, mapRunArn).map((t) => t.status)).toEqual(["failed", "succeeded"]);
  });
});
