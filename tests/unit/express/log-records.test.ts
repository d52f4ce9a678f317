import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history/fold";
import { loggingCoverage } from "@/lib/sfn/logs/level";
import { detailsKeyFor, parseExpressExecutionArn, parseLogRecord, recordToHistoryEvent } from "@/lib/sfn/logs/records";
import { executionsFromRecords, historyFromRecords } from "@/lib/sfn/logs/summarise";

const ARN = "arn:aws:states:us-east-1:123456789012:express:clicks:run-1:0f6c2c4e-8a3d-4f0e-9a49-7a2d3c1b9e01";
const T = 1_764_000_000_000;

/** Records as Step Functions writes them (numbers as strings, details beside the envelope). */
function line(id: number, prev: number, type: string, dt: number, details: Record<string, unknown> = {}, arn = ARN): string {
  return JSON.stringify({ id: String(id), type, details, previous_event_id: String(prev), event_timestamp: String(T + dt), execution_arn: arn, redrive_count: "0" });
}

const RECORDS = [
  line(1, 0, "ExecutionStarted", 0, { input: '{"path":"/docs"}', inputDetails: { truncated: false }, roleArn: "arn:aws:iam::123456789012:role/r" }),
  line(2, 1, "TaskStateEntered", 3, { name: "Enrich", input: '{"path":"/docs"}', inputDetails: { truncated: false } }),
  line(3, 2, "TaskScheduled", 3, { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: "{}" }),
  line(4, 3, "TaskStarted", 4, { resource: "invoke", resourceType: "lambda" }),
  line(5, 4, "TaskFailed", 40, { resource: "invoke", resourceType: "lambda", error: "Lambda.Unknown", cause: "boom" }),
  line(6, 5, "ExecutionFailed", 41, { error: "Lambda.Unknown", cause: "boom" }),
];

const ALL = { level: "ALL" as const, includeExecutionData: true, logGroupName: "/aws/vendedlogs/states/clicks" };

describe("Step Functions log records", () => {
  it("become the history events GetExecutionHistory would give, and fold into state runs", () => {
    const records = RECORDS.map((m) => parseLogRecord(m)!);
    const events = records.map(recordToHistoryEvent);
    expect(events[1]).toMatchObject({ id: 2, previousEventId: 1, timestamp: T + 3, type: "TaskStateEntered", stateEnteredEventDetails: { name: "Enrich" } });
    expect(events[0]).not.toHaveProperty("previousEventId");
    const model = foldHistory(events);
    expect(model.status).toBe("FAILED");
    const enrich = model.runs.find((r) => r.name === "Enrich")!;
    expect(enrich.status).toBe("failed");
    expect(enrich.error).toBe("Lambda.Unknown");
    expect(enrich.cause).toBe("boom");
  });

  it("name the details member the way the SDK does", () => {
    expect(detailsKeyFor("ChoiceStateEntered")).toBe("stateEnteredEventDetails");
    expect(detailsKeyFor("MapStateExited")).toBe("stateExitedEventDetails");
    expect(detailsKeyFor("LambdaFunctionScheduled")).toBe("lambdaFunctionScheduledEventDetails");
    expect(detailsKeyFor("MapIterationFailed")).toBe("mapIterationFailedEventDetails");
  });

  it("are refused when they are not Step Functions records", () => {
    expect(parseLogRecord("START RequestId: 42 Version: $LATEST")).toBeUndefined();
    expect(parseLogRecord('{"id":"1","type":"ExecutionStarted"')).toBeUndefined();
    expect(parseLogRecord('{"message":"hello"}')).toBeUndefined();
    expect(parseLogRecord("[1,2]")).toBeUndefined();
  });

  it("summarise executions for the list: outcome, stop, error and cause", () => {
    const other = "arn:aws:states:us-east-1:123456789012:express:clicks:run-2:aa";
    const records = [
      ...RECORDS,
      line(1, 0, "ExecutionStarted", 500, {}, other),
      line(9, 8, "ExecutionSucceeded", 700, { output: "{}" }, other),
      line(1, 0, "ExecutionStarted", 900, {}, "arn:aws:states:us-east-1:123456789012:express:clicks:run-3:bb"),
    ].map((m) => parseLogRecord(m)!);
    const list = executionsFromRecords(records);
    expect(list.map((e) => [e.name, e.status])).toEqual([
      ["run-3", "RUNNING"],
      ["run-2", "SUCCEEDED"],
      ["run-1", "FAILED"],
    ]);
    expect(list[2]).toMatchObject({ startedAt: T, stoppedAt: T + 41, error: "Lambda.Unknown", cause: "boom", stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:clicks" });
  });

  it("say which events expired when the oldest records are gone, and show the rest", () => {
    const records = RECORDS.slice(3).map((m) => parseLogRecord(m)!);
    const history = historyFromRecords(records, ALL, 1);
    expect(history.events.map((e) => e.id)).toEqual([4, 5, 6]);
    expect(history.finished).toBe(true);
    expect(history.problem).toMatch(/Events 1–3 of this execution are no longer in \/aws\/vendedlogs\/states\/clicks/);
    expect(history.problem).toMatch(/1 log record was not a Step Functions record/);
    // The fold still reads what is left, and says the history is cut.
    expect(foldHistory(history.events).status).toBe("FAILED");
  });

  it("keep a record delivered twice once, and count a gap in the middle", () => {
    const records = [RECORDS[0], RECORDS[1], RECORDS[1], RECORDS[4], RECORDS[5]].map((m) => parseLogRecord(m)!);
    const history = historyFromRecords(records, ALL);
    expect(history.events.map((e) => e.id)).toEqual([1, 2, 5, 6]);
    expect(history.problem).toMatch(/2 events are missing between the first and the last/);
  });

  it("turn an Express execution ARN into its machine and name", () => {
    expect(parseExpressExecutionArn(ARN)).toEqual({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:clicks", name: "run-1" });
    expect(parseExpressExecutionArn("arn:aws:states:us-east-1:123456789012:execution:clicks:run-1")).toBeUndefined();
  });
});

describe("what a logging level allows", () => {
  it("is said for each level, with how to get more", () => {
    expect(loggingCoverage(ALL)).toMatchObject({ readable: true, fullHistory: true });
    expect(loggingCoverage(ALL).advice).toBeUndefined();
    expect(loggingCoverage({ ...ALL, includeExecutionData: false }).coverage).toMatch(/without payloads/);
    expect(loggingCoverage({ ...ALL, includeExecutionData: false }).advice).toMatch(/Include execution data/);
    expect(loggingCoverage({ ...ALL, level: "ERROR" }).coverage).toMatch(/succeeded ones are not logged/);
    expect(loggingCoverage({ ...ALL, level: "FATAL" }).coverage).toMatch(/without their states/);
    const off = loggingCoverage({ level: "OFF", includeExecutionData: false });
    expect(off.readable).toBe(false);
    expect(off.advice).toMatch(/update-state-machine .*level=ALL,includeExecutionData=true/);
  });

  it("at ERROR says that succeeded states are not shown instead of calling them missing", () => {
    const records = [RECORDS[4], RECORDS[5]].map((m) => parseLogRecord(m)!);
    const history = historyFromRecords(records, { ...ALL, level: "ERROR" });
    expect(history.problem).toMatch(/level is ERROR: only failed events are logged/);
    expect(history.problem).not.toMatch(/no longer in/);
  });
});
