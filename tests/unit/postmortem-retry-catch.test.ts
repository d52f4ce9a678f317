import { describe, expect, it } from "vitest";
import { catchersOf, errorMatches, matchingRule, retriersOf, retrySchedule } from "@/lib/postmortem/retry-catch";
import { findStateDefinition } from "@/lib/postmortem/find-state";

const definition = {
  StartAt: "Fan",
  States: {
    Fan: {
      Type: "Parallel",
      End: true,
      Branches: [
        {
          StartAt: "Each",
          States: {
            Each: {
              Type: "Map",
              End: true,
              ItemProcessor: {
                StartAt: "Charge",
                States: {
                  Charge: {
                    Type: "Task",
                    Resource: "arn:aws:states:::lambda:invoke",
                    End: true,
                    Retry: [
                      { ErrorEquals: ["States.Timeout"], MaxAttempts: 1 },
                      { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 10 },
                    ],
                    Catch: [{ ErrorEquals: ["PaymentDeclined"], Next: "Refund" }, { ErrorEquals: ["States.ALL"], Next: "Alert", ResultPath: "$.error" }],
                  },
                },
              },
            },
          },
        },
      ],
    },
  },
};

describe("retry and catch matching", () => {
  it("finds a state nested in a Parallel branch inside a Map processor", () => {
    expect(findStateDefinition(definition, "Charge")?.Type).toBe("Task");
    expect(findStateDefinition(definition, "Nope")).toBeUndefined();
  });

  it("picks retriers in order, with States.TaskFailed not matching a timeout", () => {
    const retriers = retriersOf(findStateDefinition(definition, "Charge"));
    expect(matchingRule(retriers, "States.Timeout")?.index).toBe(0);
    expect(matchingRule(retriers, "Lambda.ServiceException")?.index).toBe(1);
    expect(matchingRule(retriers, "States.Runtime")).toBeUndefined();
  });

  it("computes the back-off schedule capped by MaxDelaySeconds", () => {
    const [, taskFailed] = retriersOf(findStateDefinition(definition, "Charge"));
    expect(retrySchedule(taskFailed)).toEqual([2, 6, 10, 10]);
  });

  it("says which catcher matched and where it went", () => {
    const catchers = catchersOf(findStateDefinition(definition, "Charge"));
    expect(matchingRule(catchers, "PaymentDeclined")?.rule.next).toBe("Refund");
    expect(matchingRule(catchers, "States.Timeout")?.rule.next).toBe("Alert");
    expect(errorMatches(["States.ALL"], "States.Runtime")).toBe(false);
  });
});
