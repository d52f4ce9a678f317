/** A caught Parallel shows the Catch rule that matched; a live Parallel's finished branches are finished. */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import { findStateDefinition } from "@/lib/postmortem/find-state";
import { matchedCatcher } from "@/lib/postmortem/retry-catch";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import { ev } from "../history/histories";
import { loadMotoHistory } from "../../fixtures/moto-histories";

describe("a caught Parallel", () => {
  it("shows the Catch rule that matched, as a Task does (moto: ParallelStateFailed has no error)", () => {
    const { events, definition } = loadMotoHistory("parallel-fail");
    const fan = foldExecution(events, definition).runs.find((r) => r.name === "Fan")!;
    expect(fan).toMatchObject({ status: "caught", caughtBy: "Handled" });
    const match = matchedCatcher(findStateDefinition(definition, "Fan"), fan);
    expect(match).toMatchObject({ index: 0, rule: { next: "Handled", errorEquals: ["Boom.Error"] } });
  });

  it("takes the error of the run inside that failed it, and matches the Catch by that error", () => {
    const definition = {
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Parallel",
          Branches: [{ StartAt: "Charge", States: { Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } }],
          Catch: [
            { ErrorEquals: ["Payment.Declined"], Next: "Declined" },
            { ErrorEquals: ["States.ALL"], Next: "Declined" },
          ],
          End: true,
        },
        Declined: { Type: "Pass", End: true },
      },
    };
    const history = [
      ev(1, 0, "ExecutionStarted", { input: "{}" }),
      ev(2, 1, "ParallelStateEntered", { name: "Fan", input: "{}" }),
      ev(3, 2, "ParallelStateStarted"),
      ev(4, 3, "TaskStateEntered", { name: "Charge", input: "{}" }),
      ev(5, 4, "TaskScheduled", { resourceType: "lambda", resource: "invoke", region: "us-east-1", parameters: "{}" }),
      ev(6, 5, "TaskStarted", { resourceType: "lambda", resource: "invoke" }),
      ev(7, 6, "TaskFailed", { resourceType: "lambda", resource: "invoke", error: "Payment.Declined", cause: "card declined" }),
      ev(8, 7, "ParallelStateFailed"),
      ev(9, 8, "ParallelStateExited", { name: "Fan", output: '{"Error":"Payment.Declined"}' }),
      ev(10, 9, "PassStateEntered", { name: "Declined", input: "{}" }),
      ev(11, 10, "PassStateExited", { name: "Declined", output: "{}" }),
      ev(12, 11, "ExecutionSucceeded", { output: "{}" }),
    ];
    const fan = foldExecution(history, definition).runs.find((r) => r.name === "Fan")!;
    expect(fan).toMatchObject({ status: "caught", error: "Payment.Declined", cause: "card declined", caughtBy: "Declined" });
    expect(matchedCatcher(findStateDefinition(definition, "Fan"), fan)?.index).toBe(0);
  });
});

describe("a live Parallel", () => {
  it("shows branches whose last state has exited as finished while the others still run", () => {
    const { events, definition } = loadMotoHistory("parallel-three");
    // Cut while the Wait of branch 0 is still waiting: Mid→MidDone and Quick have finished.
    const live = events.slice(0, events.findIndex((e) => e.type === "WaitStateExited"));
    const fan = foldExecution(live, definition).runs.find((r) => r.name === "Fan")!;
    expect(fan.status).toBe("running");
    expect(fan.branches!.map((b) => [b.path, b.status])).toEqual([
      ["Fan/branch 0", "running"],
      ["Fan/branch 1", "succeeded"],
      ["Fan/branch 2", "succeeded"],
    ]);
    const quickExited = live.find((e) => e.type === "PassStateExited" && (e.stateExitedEventDetails as { name: string }).name === "Quick")!;
    expect(fan.branches![2].endedAt).toBe(quickExited.timestamp);
  });

  it("without the definition it cannot know a branch is done, and waits for the Parallel", () => {
    const { events } = loadMotoHistory("parallel-three");
    const live = events.slice(0, events.findIndex((e) => e.type === "WaitStateExited"));
    expect(foldHistory(live).runs[0].branches!.every((b) => b.status === "running")).toBe(true);
  });
});
