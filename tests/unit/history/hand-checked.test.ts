/**
 * Histories whose model was worked out by hand, asserted exactly: recorded ones where the
 * corpus has the case, small hand-written ones in the same shape where it does not.
 */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import type { ExecutionModel, StateRun } from "@/lib/history/model";
import { at, entered, ev, exited, loadRecorded, started, T0 } from "./histories";

/** Recorded histories have synthesised times: event n at 1,700,000,000 + n - 1 seconds. */
const recordedAt = (id: number) => (T0 + id - 1) * 1000;

function run(model: ExecutionModel, path: string): StateRun {
  const found = model.runs.find((r) => r.path === path);
  if (!found) throw new Error(`no run ${path} in ${model.runs.map((r) => r.path).join(", ")}`);
  return found;
}

const lambdaCause = (n: number) =>
  JSON.stringify({ errorMessage: `Upstream refused (${n})`, errorType: "Exception", stackTrace: ['  File "/var/task/handler.py", line 4, in handler\n'] });

describe("a Task retried twice, then caught", () => {
  // Same shape as the recorded test_lambda_invoke_with_retry_base, with one retry fewer and
  // back-offs of 2 s then 4 s.
  const events = [
    ev(1, 0, "ExecutionStarted", started('{"order":42}'), T0),
    ev(2, 0, "TaskStateEntered", entered("InvokeLambdaWithRetry", '{"order":42}'), T0 + 1),
    ev(3, 2, "LambdaFunctionScheduled", { input: '{"order":42}', inputDetails: { truncated: false }, resource: "arn:aws:lambda:eu-west-1:111111111111:function:charge" }, T0 + 2),
    ev(4, 3, "LambdaFunctionStarted", undefined, T0 + 3),
    ev(5, 4, "LambdaFunctionFailed", { error: "Exception", cause: lambdaCause(1) }, T0 + 4),
    ev(6, 5, "LambdaFunctionScheduled", { input: '{"order":42}', inputDetails: { truncated: false }, resource: "arn:aws:lambda:eu-west-1:111111111111:function:charge" }, T0 + 6),
    ev(7, 6, "LambdaFunctionStarted", undefined, T0 + 7),
    ev(8, 7, "LambdaFunctionFailed", { error: "Exception", cause: lambdaCause(2) }, T0 + 8),
    ev(9, 8, "LambdaFunctionScheduled", { input: '{"order":42}', inputDetails: { truncated: false }, resource: "arn:aws:lambda:eu-west-1:111111111111:function:charge" }, T0 + 12),
    ev(10, 9, "LambdaFunctionStarted", undefined, T0 + 13),
    ev(11, 10, "LambdaFunctionFailed", { error: "Exception", cause: lambdaCause(3) }, T0 + 14),
    ev(12, 11, "TaskStateExited", exited("InvokeLambdaWithRetry", '{"Error":"Exception"}'), T0 + 15),
    ev(13, 12, "PassStateEntered", entered("HandleError", '{"Error":"Exception"}'), T0 + 16),
    ev(14, 13, "PassStateExited", exited("HandleError", '{"Error":"Exception"}'), T0 + 17),
    ev(15, 14, "ExecutionSucceeded", { output: '{"Error":"Exception"}', outputDetails: { truncated: false } }, T0 + 18),
  ];

  it("shows three failed attempts with their back-offs, and where the Catch went", () => {
    const model = foldHistory(events);
    expect(model.status).toBe("SUCCEEDED");
    expect(model.complete).toBe(true);
    expect(model.runs.map((r) => [r.path, r.status])).toEqual([
      ["InvokeLambdaWithRetry", "caught"],
      ["HandleError", "succeeded"],
    ]);
    const task = run(model, "InvokeLambdaWithRetry");
    expect(task.caughtBy).toBe("HandleError");
    expect(task.error).toBe("Exception");
    expect(task.cause).toBe(lambdaCause(3));
    expect(task.attempts.map((a) => [a.index, a.status, a.waitBeforeMs, a.error])).toEqual([
      [0, "failed", undefined, "Exception"],
      [1, "failed", 2000, "Exception"],
      [2, "failed", 4000, "Exception"],
    ]);
    expect(task.attempts[1]).toMatchObject({ scheduledAt: (T0 + 6) * 1000, startedAt: (T0 + 7) * 1000, endedAt: (T0 + 8) * 1000, eventIds: [6, 7, 8] });
    expect(task.attempts[0].parameters).toEqual({ text: '{"order":42}', truncated: false });
    expect(task.attempts[0].resource).toBe("arn:aws:lambda:eu-west-1:111111111111:function:charge");
    expect(task.exitedAt).toBe((T0 + 15) * 1000);
    expect(model.failedRunPath).toBeUndefined();
  });

  it("matches the recorded AWS history retried three times", () => {
    const model = foldHistory(loadRecorded("test_base_scenarios_test_lambda_invoke_with_retry_base").events);
    const task = run(model, "InvokeLambdaWithRetry");
    expect(task.status).toBe("caught");
    expect(task.caughtBy).toBe("HandleError");
    expect(task.attempts.map((a) => a.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(task.attempts.map((a) => a.waitBeforeMs)).toEqual([undefined, 1000, 1000, 1000]);
  });
});

describe("a Map with a failed iteration (recorded)", () => {
  const model = foldHistory(loadRecorded("test_base_scenarios_test_map_state_break_condition").events);

  it("fails the execution at the Fail state inside iteration 4", () => {
    expect(model.status).toBe("FAILED");
    expect(model.error).toBe("SomeFailure");
    expect(model.cause).toBe("This state machines raises a 'SomeFailure' failure.");
    expect(model.failedRunPath).toBe("MapState/iteration 4/Break");
    expect(run(model, "MapState/iteration 4/Break")).toMatchObject({ status: "failed", error: "SomeFailure", parentPath: "MapState", iteration: 4 });
  });

  it("nests the iterations' runs under the Map run", () => {
    const map = run(model, "MapState");
    expect(map.status).toBe("failed");
    expect(map.iterations?.map((g) => [g.index, g.status])).toEqual([
      [0, "succeeded"],
      [1, "succeeded"],
      [2, "succeeded"],
      [3, "succeeded"],
      [4, "failed"],
    ]);
    expect(map.iterations?.[0]).toEqual({
      index: 0,
      path: "MapState/iteration 0",
      status: "succeeded",
      startedAt: recordedAt(6),
      endedAt: recordedAt(11),
      runPaths: ["MapState/iteration 0/Equals3", "MapState/iteration 0/Pass"],
    });
    expect(map.iterations?.[4].runPaths).toEqual(["MapState/iteration 4/Equals3", "MapState/iteration 4/Break"]);
  });

  it("says where a Map's Catch sent the execution (recorded)", () => {
    const caught = foldHistory(loadRecorded("test_base_scenarios_test_map_state_catch").events);
    expect(run(caught, "MapState")).toMatchObject({ status: "caught", caughtBy: "FinalCaught" });
    expect(caught.status).toBe("SUCCEEDED");
    expect(caught.failedRunPath).toBeUndefined();
  });
});

describe("a Map whose interleaved iterations time out (recorded)", () => {
  const model = foldHistory(loadRecorded("test_timeouts_test_service_lambda_map_timeout").events);

  it("attributes each task to its iteration by following previousEventId", () => {
    for (let i = 0; i < 4; i++) {
      const task = run(model, `MapWait/iteration ${i}/LambdaInvoke`);
      expect(task.status).toBe("timed_out");
      expect(task.attempts.map((a) => a.status)).toEqual(["timed_out"]);
    }
    expect(run(model, "MapWait/iteration 2/LambdaInvoke").eventIds.slice(0, 4)).toEqual([12, 13, 18, 21]);
    expect(run(model, "MapWait").iterations?.map((g) => g.status)).toEqual(["failed", "aborted", "aborted", "aborted"]);
    expect(model.failedRunPath).toBe("MapWait/iteration 0/LambdaInvoke");
  });
});

describe("a Parallel branch failing the whole", () => {
  const events = [
    ev(1, 0, "ExecutionStarted", started()),
    ev(2, 0, "ParallelStateEntered", entered("Fan")),
    ev(3, 2, "ParallelStateStarted"),
    ev(4, 3, "TaskStateEntered", entered("Charge")),
    ev(5, 3, "PassStateEntered", entered("Notify")),
    ev(6, 4, "TaskScheduled", { resource: "invoke", resourceType: "lambda", region: "eu-west-1", parameters: '{"FunctionName":"charge"}' }),
    ev(7, 5, "PassStateExited", exited("Notify")),
    ev(8, 6, "TaskStarted", { resource: "invoke", resourceType: "lambda" }),
    ev(9, 7, "WaitStateEntered", entered("Settle")),
    ev(10, 8, "TaskFailed", { error: "Payment.Declined", cause: "card declined", resource: "invoke", resourceType: "lambda" }),
    ev(11, 10, "WaitStateAborted"),
    ev(12, 10, "ParallelStateFailed"),
    ev(13, 12, "ExecutionFailed", { error: "Payment.Declined", cause: "card declined" }),
  ];
  const model = foldHistory(events);

  it("puts each branch's runs in its own branch and blames the failing one", () => {
    expect(model.status).toBe("FAILED");
    expect(model.failedRunPath).toBe("Fan/branch 0/Charge");
    expect(model.runs.map((r) => [r.path, r.status])).toEqual([
      ["Fan", "failed"],
      ["Fan/branch 0/Charge", "failed"],
      ["Fan/branch 1/Notify", "succeeded"],
      ["Fan/branch 1/Settle", "aborted"],
    ]);
    expect(run(model, "Fan").branches).toEqual([
      { index: 0, path: "Fan/branch 0", status: "failed", startedAt: at(4), endedAt: at(12), runPaths: ["Fan/branch 0/Charge"] },
      { index: 1, path: "Fan/branch 1", status: "aborted", startedAt: at(5), endedAt: at(11), runPaths: ["Fan/branch 1/Notify", "Fan/branch 1/Settle"] },
    ]);
    expect(run(model, "Fan/branch 0/Charge")).toMatchObject({ error: "Payment.Declined", cause: "card declined", branch: 0, parentPath: "Fan" });
    expect(run(model, "Fan/branch 0/Charge").attempts[0]).toMatchObject({ status: "failed", resourceType: "lambda", resource: "invoke" });
    expect(run(model, "Fan")).toMatchObject({ error: "Payment.Declined", exitedAt: at(13) });
  });
});

describe("a timed-out execution", () => {
  const events = [
    ev(1, 0, "ExecutionStarted", started()),
    ev(2, 0, "TaskStateEntered", entered("WaitForApproval")),
    ev(3, 2, "TaskScheduled", { resource: "sendMessage.waitForTaskToken", resourceType: "sqs", region: "eu-west-1", parameters: '{"QueueUrl":"q"}' }),
    ev(4, 3, "TaskStarted", { resource: "sendMessage.waitForTaskToken", resourceType: "sqs" }),
    ev(5, 4, "TaskSubmitted", { output: '{"MessageId":"m-1"}', outputDetails: { truncated: false }, resource: "sendMessage.waitForTaskToken", resourceType: "sqs" }),
    ev(6, 5, "ExecutionTimedOut", {}),
  ];

  it("shows the state it was waiting in as timed out", () => {
    const model = foldHistory(events);
    expect(model).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout", startedAt: at(1), stoppedAt: at(6), durationMs: 5000, complete: true });
    expect(model.failedRunPath).toBe("WaitForApproval");
    const task = run(model, "WaitForApproval");
    expect(task).toMatchObject({ status: "timed_out", exitedAt: at(6) });
    expect(task.attempts).toEqual([
      {
        index: 0,
        status: "timed_out",
        scheduledAt: at(3),
        resourceType: "sqs",
        resource: "sendMessage.waitForTaskToken",
        parameters: { text: '{"QueueUrl":"q"}', truncated: false },
        eventIds: [3, 4, 5],
        startedAt: at(4),
        endedAt: at(6),
        // Cut short by the execution's TimeoutSeconds: named so, not "aborted" or a task error.
        error: "States.Timeout",
        cause: expect.stringMatching(/TimeoutSeconds/),
      },
    ]);
  });
});

describe("an aborted execution (recorded)", () => {
  it("shows the state it was in as aborted and blames no state", () => {
    const model = foldHistory(loadRecorded("test_sfn_api_test_stop_execution").events);
    expect(model).toMatchObject({ status: "ABORTED", complete: true, stoppedAt: recordedAt(3), durationMs: 2000 });
    expect(model.runs.map((r) => [r.path, r.type, r.status, r.exitedAt])).toEqual([["State_1", "Wait", "aborted", recordedAt(3)]]);
    expect(model.failedRunPath).toBeUndefined();
  });
});

describe("a running execution", () => {
  it("is incomplete, says it is running, and shows open states as running (recorded)", () => {
    const model = foldHistory(loadRecorded("test_wait_test_timestamp_too_far_in_future_boundary_24855").events);
    expect(model.status).toBe("RUNNING");
    expect(model.complete).toBe(false);
    expect(model.incompleteReason).toBe("The execution is still running: more events will come.");
    expect(model.stoppedAt).toBeUndefined();
    expect(model.durationMs).toBeUndefined();
    expect(model.runs.map((r) => [r.path, r.status, r.exitedAt])).toEqual([["State_1", "running", undefined]]);
  });

  it("does not call a failed attempt final while a retry may follow", () => {
    const { events } = loadRecorded("test_base_scenarios_test_lambda_invoke_with_retry_base");
    const model = foldHistory(events.slice(0, 5)); // cut right after the first LambdaFunctionFailed
    const task = run(model, "InvokeLambdaWithRetry");
    expect(task.status).toBe("running");
    expect(task.attempts.map((a) => a.status)).toEqual(["failed"]);
  });
});

describe("an event type the fold does not know", () => {
  const events = [
    ev(1, 0, "ExecutionStarted", started()),
    ev(2, 0, "PassStateEntered", entered("Start")),
    ev(3, 2, "StateProgressReported", { percent: 50 }),
    ev(4, 3, "PassStateExited", exited("Start")),
    ev(5, 0, "ExecutionAnnotated", { note: "hello" }),
    ev(6, 4, "ExecutionSucceeded", { output: "{}", outputDetails: { truncated: false } }),
  ];

  it("is kept raw on its run, or on the execution, and the rest folds as usual", () => {
    const model = foldHistory(events);
    expect(model.status).toBe("SUCCEEDED");
    expect(model.complete).toBe(true);
    const start = run(model, "Start");
    expect(start.status).toBe("succeeded");
    expect(start.eventIds).toEqual([2, 3, 4]);
    expect(start.unknownEvents).toEqual([{ id: 3, previousEventId: 2, timestamp: at(3), type: "StateProgressReported", stateProgressReportedEventDetails: { percent: 50 } }]);
    expect(model.unknownEvents).toEqual([{ id: 5, previousEventId: 0, timestamp: at(5), type: "ExecutionAnnotated", executionAnnotatedEventDetails: { note: "hello" } }]);
  });
});

describe("a redriven execution", () => {
  const events = [
    ev(1, 0, "ExecutionStarted", started()),
    ev(2, 0, "TaskStateEntered", entered("Charge")),
    ev(3, 2, "TaskScheduled", { resource: "invoke", resourceType: "lambda" }),
    ev(4, 3, "TaskStarted", { resource: "invoke", resourceType: "lambda" }),
    ev(5, 4, "TaskFailed", { error: "Boom", cause: "it broke" }),
    ev(6, 5, "ExecutionFailed", { error: "Boom", cause: "it broke" }),
    ev(7, 6, "ExecutionRedriven", { redriveCount: 1 }),
    ev(8, 7, "TaskStateEntered", entered("Charge")),
    ev(9, 8, "TaskScheduled", { resource: "invoke", resourceType: "lambda" }),
    ev(10, 9, "TaskStarted", { resource: "invoke", resourceType: "lambda" }),
    ev(11, 10, "TaskSucceeded", { output: '{"ok":true}', outputDetails: { truncated: false } }),
    ev(12, 11, "TaskStateExited", exited("Charge", '{"ok":true}')),
    ev(13, 12, "ExecutionSucceeded", { output: '{"ok":true}', outputDetails: { truncated: false } }),
  ];

  it("continues with new runs after the redrive and remembers how the first attempt ended", () => {
    const model = foldHistory(events);
    expect(model.runs.map((r) => [r.path, r.status])).toEqual([
      ["Charge", "failed"],
      ["Charge#2", "succeeded"],
    ]);
    expect(model.redrives).toEqual([{ at: at(7), eventId: 7, redriveCount: 1, previousStatus: "FAILED", previousError: "Boom", previousCause: "it broke" }]);
    expect(model).toMatchObject({ status: "SUCCEEDED", stoppedAt: at(13), complete: true });
    expect(model.error).toBeUndefined();
    expect(model.failedRunPath).toBeUndefined();
    expect(run(model, "Charge#2").attempts[0].result).toEqual({ text: '{"ok":true}', truncated: false });
  });

  it("shows the failure again while the redrive is only started", () => {
    const model = foldHistory(events.slice(0, 6));
    expect(model.failedRunPath).toBe("Charge");
    const redriving = foldHistory(events.slice(0, 8));
    expect(redriving.status).toBe("RUNNING");
    expect(redriving.complete).toBe(false);
  });
});

describe("other recorded cases", () => {
  it("a distributed Map keeps its map run", () => {
    const model = foldHistory(loadRecorded("test_assign_reference_variables_test_reference_in_map_state_max_items_path_MAP_STATE_REFERENCE_IN_MAX_PER_BATCH").events);
    expect(run(model, "BatchMapState").mapRun).toEqual({
      mapRunArn: "arn:<partition>:states:<region>:111111111111:mapRun:<ArnPart_0idx>/<MapRunArnPart0_0idx>:<MapRunArnPart1_0idx>",
      status: "succeeded",
      startedAt: recordedAt(6),
      endedAt: recordedAt(7),
      tries: [{ status: "succeeded", startedAt: recordedAt(6), endedAt: recordedAt(7), redriveCount: 0 }],
    });
  });

  it("an expression that fails to evaluate fails its state", () => {
    const model = foldHistory(loadRecorded("test_assign_reference_variables_test_undefined_reference_BASE_UNDEFINED_ARGUMENTS_FIELD").events);
    expect(model.failedRunPath).toBe("State0");
    expect(run(model, "State0")).toMatchObject({ status: "failed", error: "States.QueryEvaluationError" });
  });
});
