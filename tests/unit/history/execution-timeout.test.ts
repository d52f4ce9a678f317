/** An execution stopped by its own TimeoutSeconds is named for that, not for a retried task error. */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import { postmortemMarkdown } from "@/lib/report/postmortem-markdown";
import { matchedCatcher } from "@/lib/postmortem/retry-catch";
import { ev } from "./histories";
import { loadMotoHistory } from "../../fixtures/moto-histories";

// A Task with HeartbeatSeconds and a Retry on States.HeartbeatTimeout: the first attempt misses
// its heartbeat, the retry is running when the execution's TimeoutSeconds runs out.
const history = [
  ev(1, 0, "ExecutionStarted", { input: "{}" }),
  ev(2, 1, "TaskStateEntered", { name: "Transcode", input: "{}" }),
  ev(3, 2, "TaskScheduled", { resourceType: "states", resource: "activity", region: "us-east-1", parameters: "{}" }),
  ev(4, 3, "TaskStarted", { resourceType: "states", resource: "activity" }),
  ev(5, 4, "TaskTimedOut", { resourceType: "states", resource: "activity", error: "States.HeartbeatTimeout" }),
  ev(6, 5, "TaskScheduled", { resourceType: "states", resource: "activity", region: "us-east-1", parameters: "{}" }),
  ev(7, 6, "TaskStarted", { resourceType: "states", resource: "activity" }),
  ev(8, 7, "ExecutionTimedOut", {}),
];

describe("execution time-outs", () => {
  it("blames the execution's TimeoutSeconds, not the heartbeat time-out that was retried", () => {
    const model = foldHistory(history);
    expect(model.status).toBe("TIMED_OUT");
    expect(model.error).toBe("States.Timeout");
    // The header reads the execution's own error and cause: it says the execution ran out of time.
    expect(model.cause).toMatch(/execution ran longer than its TimeoutSeconds/);
    const run = model.runs.find((r) => r.name === "Transcode")!;
    expect(model.failedRunPath).toBe("Transcode");
    expect(run.status).toBe("timed_out");
    expect(run.error).toBe("States.Timeout");
    expect(run.cause).toMatch(/TimeoutSeconds/);
    expect(run.attempts.map((a) => [a.status, a.error])).toEqual([
      ["timed_out", "States.HeartbeatTimeout"],
      ["timed_out", "States.Timeout"],
    ]);
    const md = postmortemMarkdown(
      { arn: "arn:x", name: "x", status: "TIMED_OUT", startedAt: model.startedAt!, stateMachineArn: "", stateMachineName: "m", stateMachineType: "STANDARD", definition: "" } as never,
      model,
    );
    expect(md).toMatch(/\*\*Error:\*\* `States.Timeout`/);
    expect(md).toMatch(/TimeoutSeconds/);
  });

  it("names no Catch rule for the state the execution's time-out stopped: the service catches nothing then", () => {
    const run = foldHistory(history).runs.find((r) => r.name === "Transcode")!;
    const state = { Type: "Task", Resource: "arn:aws:states:::activity", Catch: [{ ErrorEquals: ["States.Timeout"], Next: "Escalate" }] };
    expect(matchedCatcher(state, run)).toBeUndefined();
  });

  it("moto's ExecutionTimedOut during a Wait: the Wait timed out with the execution", () => {
    const model = foldHistory(loadMotoHistory("timeout").events);
    expect(model.status).toBe("TIMED_OUT");
    expect(model.runs[0]).toMatchObject({ name: "Hold", status: "timed_out", error: "States.Timeout" });
  });
});
