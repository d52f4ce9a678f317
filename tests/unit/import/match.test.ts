import { describe, expect, it } from "vitest";
import { importFiles } from "@/lib/import";
import { postmortemMarkdown, stepscopeExport } from "@/lib/report";
import { fixtureEvents, fixtureText } from "./fixture";

const MAP = "map-8-iterations.history.json";
const LOOP = "map-loop-reentrant.history.json";
const ARN = "arn:aws:states:us-east-1:123456789012:execution:map-demo:run-7";
const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:map-demo";

/** describe-execution output for the recorded map history (it starts at 1,700,000,000 s with input {}). */
function describeMap(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({ executionArn: ARN, stateMachineArn: MACHINE, name: "run-7", status: "SUCCEEDED", startDate: 1_700_000_000.2, input: "{ }", ...overrides });
}

describe("importFiles: matching several files", () => {
  it("joins a history, its description (by start time and input) and its definition (by state names)", () => {
    const result = importFiles([
      { name: "loop-definition.json", text: fixtureText("map-loop-reentrant.definition.json") },
      { name: "history.json", text: fixtureText(MAP) },
      { name: "execution.json", text: describeMap() },
      { name: "definition.json", text: fixtureText("map-8-iterations.definition.json") },
    ]);
    const [execution] = result.executions;
    expect(result.executions).toHaveLength(1);
    expect(execution.files).toEqual(["history.json", "execution.json", "definition.json"]);
    expect(execution.detail).toMatchObject({ arn: ARN, name: "run-7", stateMachineArn: MACHINE, stateMachineName: "map-demo", status: "SUCCEEDED" });
    expect(JSON.parse(execution.detail.definition).States.MapState.Type).toBe("Map");
    expect(execution.model.runs).toHaveLength(11);
    expect(result.notes).toEqual(["loop-definition.json: no imported history ran the states of this definition."]);
  });

  it("pairs two histories with their own descriptions", () => {
    // The recorded histories all start at the same synthesised second: move this one an hour on.
    const loopEvents = fixtureEvents(LOOP).map((e) => ({ ...e, timestamp: (e.timestamp as number) + 3600 }));
    const loopStart = (loopEvents[0].timestamp as number) + 0.1;
    const result = importFiles([
      { name: "loop.json", text: JSON.stringify({ events: loopEvents }) },
      { name: "loop-execution.json", text: describeMap({ executionArn: `${ARN}-loop`, name: "loop-run", startDate: loopStart, input: "{\"not\":\"the same\"}" }) },
      { name: "map.json", text: fixtureText(MAP) },
      { name: "map-execution.json", text: describeMap() },
    ]);
    expect(result.executions.map((x) => [x.files[0], x.detail.name])).toEqual([
      ["loop.json", "loop-run"],
      ["map.json", "run-7"],
    ]);
    expect(result.notes).toEqual([]);
  });

  it("does not pair a description that started at another time with other input", () => {
    const result = importFiles([
      { name: "map.json", text: fixtureText(MAP) },
      { name: "other.json", text: describeMap({ startDate: 1_800_000_000, input: "{\"x\":1}" }) },
    ]);
    expect(result.executions[0].detail.arn).toBe("imported:map.json");
    expect(result.notes).toEqual(["other.json: no imported history has this execution's ARN, start time or input."]);
  });

  it("without a definition still gives the model, and says the definition is missing", () => {
    const { executions } = importFiles([{ name: "history.json", text: fixtureText("lambda-retries-failed.history.json") }]);
    expect(executions[0].hasDefinition).toBe(false);
    expect(executions[0].detail).toMatchObject({ name: "history", status: "FAILED", error: "Exception", definition: "" });
    expect(executions[0].model.failedRunPath).toBe("LambdaTask");
  });

  it("keeps loading the good files when one is bad", () => {
    const result = importFiles([
      { name: "bad.json", text: fixtureText("broken/bad-event-id.history.json") },
      { name: "good.json", text: fixtureText(MAP) },
    ]);
    expect(result.files.map((f) => f.kind)).toEqual(["error", "history"]);
    expect(result.executions.map((x) => x.files[0])).toEqual(["good.json"]);
  });

  it("reads back a Stepscope export: same execution, same model, same summary", () => {
    const first = importFiles([
      { name: "h.json", text: fixtureText(MAP) },
      { name: "d.json", text: describeMap() },
      { name: "def.json", text: fixtureText("map-8-iterations.definition.json") },
    ]).executions[0];
    const file = JSON.stringify(stepscopeExport(first.detail, first.events, 1_800_000_000_000));
    const again = importFiles([{ name: "run-7.stepscope.json", text: file }]).executions[0];
    expect(again.detail).toEqual(first.detail);
    expect(again.hasDefinition).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(postmortemMarkdown(again.detail, again.model)).toBe(postmortemMarkdown(first.detail, first.model));
  });
});
