import { describe, expect, it } from "vitest";
import { importFiles } from "@/lib/import";
import { foldHistory } from "@/lib/history";
import { exportFileName, modelSummary, postmortemMarkdown } from "@/lib/report";
import { fixtureText } from "../import/fixture";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import { loadMotoHistory } from "../../fixtures/moto-histories";

function imported(name: string, extra: { name: string; text: string }[] = []) {
  return importFiles([{ name, text: fixtureText(name) }, ...extra]).executions[0];
}

describe("postmortemMarkdown on a recorded failure (a Lambda task retried twice, then failing)", () => {
  const description = {
    name: "execution.json",
    text: JSON.stringify({
      executionArn: "arn:aws:states:us-east-1:123456789012:execution:payments:incident-42",
      stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:payments",
      name: "incident-42",
      status: "FAILED",
      startDate: 1_700_000_000,
      stopDate: 1_700_000_011,
      error: "Exception",
    }),
  };
  const { detail, model } = imported("lambda-retries-failed.history.json", [description]);
  const md = postmortemMarkdown(detail, model);

  it("says what failed, where, when and after how many attempts", () => {
    expect(md.split("\n")[0]).toBe("# Postmortem: incident-42 — FAILED");
    expect(md).toContain("| State machine | payments (`arn:aws:states:us-east-1:123456789012:stateMachine:payments`) |");
    expect(md).toContain("| Duration | 11.0 s |");
    expect(md).toContain("| Retries | 2 |");
    expect(md).toContain("- **Error:** `Exception`");
    expect(md).toContain("- **Where:** `LambdaTask` (Task)");
    expect(md).toContain("- **When:** 2023-11-14 22:13:31 UTC (+11.000 s after the start)");
    expect(md).toContain("- **Attempts:** 3 (2 retries)");
  });

  it("pretty-prints the Lambda's JSON cause", () => {
    expect(md).toContain("### Cause\n\n`Exception`: Some exception was raised.\n\n```json\n{\n  \"errorMessage\": \"Some exception was raised.\",\n  \"errorType\": \"Exception\",");
  });

  it("lists the retries and ends with the timeline as a table", () => {
    expect(md).toContain("- `LambdaTask`: 3 attempts (2 retries), failed; errors: `Exception`");
    expect(md).toContain("| State path | Type | Status | Start | Duration | Attempts | Error |");
    expect(md.trimEnd().split("\n").pop()).toBe("| `LambdaTask` | Task | failed | +1.000 s | 10.0 s | 3 | Exception |");
  });
});

describe("postmortemMarkdown on a success with Map iterations and loops", () => {
  it("says it succeeded and has one timeline row per state run, nested paths included", () => {
    const { detail, model } = imported("map-loop-reentrant.history.json");
    const md = postmortemMarkdown(detail, model);
    expect(md).toContain("## Outcome\n\nThe execution succeeded.");
    expect(md).not.toContain("## What failed");
    const rows = md.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows).toHaveLength(model.runs.length);
    expect(rows).toContain("| `IterationBody#2/iteration 3/ProcessValue` | Pass | succeeded | +44.000 s | 1.00 s | — | — |");
  });

  it("keeps a state name with a pipe or backticks from breaking the table", () => {
    const { detail } = imported("lambda-retries-failed.history.json");
    const model = foldHistory([]);
    model.runs.push({ path: "a|b `x`", name: "a|b `x`", type: "Pass", status: "failed", enteredAt: 0, error: "E|1", attempts: [], eventIds: [], unknownEvents: [] });
    const md = postmortemMarkdown(detail, model);
    expect(md).toContain("| `` a\\|b `x` `` | Pass | failed |");
    expect(md).toContain("| E\\|1 |");
  });
});

describe("modelSummary", () => {
  it("gives the execution status and every run's path, type, status, attempts, start, end and error", () => {
    const summary = modelSummary(imported("lambda-retries-failed.history.json").model);
    expect(summary).toMatchObject({ status: "FAILED", error: "Exception", failedStatePath: "LambdaTask", start: "2023-11-14T22:13:20.000Z", end: "2023-11-14T22:13:31.000Z" });
    expect(summary.runs).toEqual([
      {
        path: "LambdaTask",
        name: "LambdaTask",
        type: "Task",
        status: "failed",
        attempts: 3,
        start: "2023-11-14T22:13:21.000Z",
        end: "2023-11-14T22:13:31.000Z",
        durationMs: 10_000,
        error: "Exception",
        cause: expect.stringContaining("Some exception was raised."),
      },
    ]);
  });
});

describe("exportFileName", () => {
  it("makes a safe file name from the execution's name", () => {
    const { detail } = imported("lambda-retries-failed.history.json");
    expect(exportFileName({ ...detail, name: "run 1/2:3" }, "json")).toBe("run-1-2-3.stepscope.json");
    expect(exportFileName({ ...detail, name: "run 1/2:3" }, "md")).toBe("run-1-2-3.postmortem.md");
  });
});

describe("branch numbering in the exports", () => {
  const { events, definition } = loadMotoHistory("parallel-three");
  const detail = { arn: "arn:x", name: "x", status: "SUCCEEDED", startedAt: 0, stateMachineArn: "", stateMachineName: "m", stateMachineType: "STANDARD", definition: "" } as never;

  it("a bare history (no definition) says its branches are numbered by arrival, in the Markdown and the JSON summary", () => {
    const model = foldHistory(events);
    expect(model.branchNumbering).toBe("arrival");
    expect(postmortemMarkdown(detail, model)).toMatch(/> \*\*Branch numbers by arrival\.\*\* Parallel branches are numbered in the order their events arrived/);
    expect(modelSummary(model).branchNumbering).toBe("arrival");
  });

  it("with the definition, branches are the definition's and nothing needs saying", () => {
    const model = foldExecution(events, definition);
    expect(postmortemMarkdown(detail, model)).not.toMatch(/by arrival/);
    expect(modelSummary(model).branchNumbering).toBe("definition");
  });
});
