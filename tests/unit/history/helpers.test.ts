import { describe, expect, it } from "vitest";
import { foldHistory, markNotReached, normaliseEvent, normaliseTimestamp, parseCause, summariseStates } from "@/lib/history";
import { loadRecorded } from "./histories";

describe("normaliseTimestamp", () => {
  it("reads Dates, epoch seconds, epoch ms and ISO strings as epoch ms", () => {
    expect(normaliseTimestamp(new Date("2024-05-01T10:00:00.250Z"))).toBe(1714557600250);
    expect(normaliseTimestamp(1714557600.25)).toBe(1714557600250);
    expect(normaliseTimestamp(1714557600250)).toBe(1714557600250);
    expect(normaliseTimestamp("2024-05-01T10:00:00.250Z")).toBe(1714557600250);
    expect(normaliseTimestamp("1714557600.25")).toBe(1714557600250);
    expect(normaliseTimestamp("not a time")).toBeNaN();
  });

  it("normaliseEvent converts the timestamp and leaves the rest", () => {
    const e = { id: 1, type: "ExecutionStarted", timestamp: new Date(1714557600250), executionStartedEventDetails: { input: "{}" } };
    expect(normaliseEvent(e)).toEqual({ ...e, timestamp: 1714557600250 });
  });
});

describe("parseCause", () => {
  it("reads a Lambda error", () => {
    const cause = JSON.stringify({
      errorMessage: "Some exception was raised.",
      errorType: "Exception",
      requestId: "r-1",
      stackTrace: ['  File "/var/task/handler.py", line 2, in handler\n    raise Exception("Some exception was raised.")\n'],
    });
    const parsed = parseCause(cause);
    expect(parsed.message).toBe("Some exception was raised.");
    expect(parsed.type).toBe("Exception");
    expect(parsed.stackTrace).toEqual(['  File "/var/task/handler.py", line 2, in handler', '    raise Exception("Some exception was raised.")']);
    expect((parsed.json as { requestId: string }).requestId).toBe("r-1");
  });

  it("returns plain text as the message, and never throws", () => {
    expect(parseCause("card declined")).toEqual({ message: "card declined", stackTrace: [] });
    expect(parseCause("{not json")).toEqual({ message: "{not json", stackTrace: [] });
    expect(parseCause(undefined)).toEqual({ message: "", stackTrace: [] });
    expect(parseCause('{"detail":1}')).toEqual({ message: '{"detail":1}', stackTrace: [], json: { detail: 1 } });
  });
});

describe("summariseStates and markNotReached", () => {
  it("aggregates every run of a state, worst status first", () => {
    const model = foldHistory(loadRecorded("test_base_scenarios_test_map_state_break_condition").events);
    const outcomes = summariseStates(model);
    expect(outcomes.get("Pass")).toMatchObject({ status: "succeeded", runCount: 4, attemptCount: 0, retryCount: 0, onFailurePath: false });
    // Four Map iterations overlap in time: the state took as long as its longest run, not their sum.
    expect(outcomes.get("Pass")).toMatchObject({ durationMs: 1000, durationIsMax: true, lastDurationMs: 1000 });
    expect(outcomes.get("Break")).toMatchObject({ status: "failed", runCount: 1, onFailurePath: true });
    expect(outcomes.get("MapState")).toMatchObject({ status: "failed", onFailurePath: true });
    expect(outcomes.get("StartState")?.onFailurePath).toBe(false);
  });

  it("counts retries and where the Catch went", () => {
    const model = foldHistory(loadRecorded("test_base_scenarios_test_lambda_invoke_with_retry_base").events);
    expect(summariseStates(model).get("InvokeLambdaWithRetry")).toMatchObject({ status: "caught", runCount: 1, attemptCount: 4, retryCount: 3, caughtBy: ["HandleError"] });
  });

  it("lists the definition's states that never ran", () => {
    const model = foldHistory(loadRecorded("test_base_scenarios_test_lambda_invoke_with_retry_base").events);
    expect(markNotReached(model, ["InvokeLambdaWithRetry", "Success", "HandleError", "Audit"])).toEqual(["Success", "Audit"]);
  });
});
