import { describe, expect, it } from "vitest";
import { buildStateGraph, type AslProblemCode } from "@/lib/asl";
import { corpusFiles } from "./corpus-files";

const broken = new Map(corpusFiles("broken").map((c) => [c.file, c.definition]));

function errorsOf(file: string) {
  const definition = broken.get(file);
  if (definition === undefined) throw new Error(`no fixture ${file}`);
  const result = buildStateGraph(definition);
  expect(result.graph).toBeUndefined();
  return result.errors;
}

const CASES: Array<[file: string, code: AslProblemCode, state: string | undefined, words: RegExp]> = [
  ["not-json.json", "not_json", undefined, /not valid JSON/],
  ["not-object.json", "not_object", undefined, /must be a JSON object.*an array/],
  ["no-start-at.json", "missing_start_at", undefined, /no StartAt/],
  ["start-at-missing.json", "start_at_missing_state", "Begin", /starts at "Begin", but there is no state "Begin"/],
  ["unknown-type.json", "unknown_type", "A", /State "A" has an unknown Type "Lambda"/],
  ["missing-transition.json", "missing_transition", "A", /State "A" has neither Next nor "End": true/],
  ["next-missing.json", "next_missing_state", "A", /Next goes to "Nowhere", but there is no state "Nowhere"/],
  ["choice-without-choices.json", "choice_without_choices", "Route", /Choice "Route" has no Choices/],
  ["parallel-without-branches.json", "parallel_without_branches", "Fan", /Parallel "Fan" has no Branches/],
  ["map-without-processor.json", "map_without_processor", "Each", /Map "Each" has no ItemProcessor/],
];

describe("broken definitions give clear errors", () => {
  for (const [file, code, state, words] of CASES) {
    it(`${file}: ${code}`, () => {
      const errors = errorsOf(file);
      expect(errors).toHaveLength(1);
      expect(errors[0].code).toBe(code);
      expect(errors[0].state).toBe(state);
      expect(errors[0].message).toMatch(words);
    });
  }

  it("lists every problem at once, each with its state", () => {
    const errors = errorsOf("several-problems.json");
    expect(errors.map((e) => [e.code, e.state])).toEqual([
      ["next_missing_state", "A"],
      ["unknown_type", "B"],
      ["state_not_object", "C"],
      ["task_without_resource", "D"],
    ]);
  });

  it("finds a problem deep inside Parallel → Map, with its path", () => {
    const errors = errorsOf("nested-problems.json");
    expect(errors).toEqual([
      expect.objectContaining({
        code: "missing_transition",
        state: "Deep",
        path: "States.Fan.Branches[1].States.Inner.ItemProcessor.States.Deep",
      }),
    ]);
  });

  it("never throws, whatever it is given", () => {
    for (const input of [undefined, null, 42, "", "[]", "null", "{", { States: 3 }, { StartAt: 1, States: [] }, { StartAt: "A", States: { A: null } }]) {
      const result = buildStateGraph(input);
      expect(result.graph).toBeUndefined();
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10);
    }
  });

  it("reports a state name used twice, even across branches", () => {
    const errors = buildStateGraph({
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Parallel",
          End: true,
          Branches: [
            { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
            { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
          ],
        },
      },
    }).errors;
    expect(errors).toEqual([expect.objectContaining({ code: "duplicate_state", state: "Work" })]);
  });
});
