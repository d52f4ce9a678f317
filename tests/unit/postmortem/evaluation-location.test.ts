import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import { expressionAt, jsonataFieldsOf } from "@/lib/postmortem/evaluation-location";
import { findStateDefinition } from "@/lib/postmortem/find-state";
import { loadRecorded } from "../history/histories";
import { JSONATA_DEFINITION } from "../../support/map-run-world";

describe("where an EvaluationFailed points", () => {
  const definition = JSON.parse(JSONATA_DEFINITION);

  it("finds the expression at the location in the state's definition", () => {
    const charge = findStateDefinition(definition, "Charge");
    expect(expressionAt(charge, "Arguments/Payload/amount")).toBe("{% $totl %}");
    expect(expressionAt(charge, "Arguments/FunctionName")).toBe("charge");
  });

  it("follows JSONPath's .$ keys and array indexes, and says nothing where the definition has nothing", () => {
    const state = { Type: "Task", Parameters: { "Payload.$": "$.x", List: [{ "v.$": "$.y" }] } };
    expect(expressionAt(state, "Parameters/Payload")).toBe("$.x");
    expect(expressionAt(state, "Parameters/List/0/v")).toBe("$.y");
    expect(expressionAt(state, "Parameters/Missing/deeper")).toBeUndefined();
    expect(expressionAt(state, undefined)).toBeUndefined();
  });

  it("a recorded failure's location is found in a definition written like the one it ran", () => {
    const { events } = loadRecorded("test_assign_reference_variables_test_undefined_reference_BASE_UNDEFINED_ARGUMENTS_FIELD");
    const failure = foldHistory(events).runs[0].evaluationFailure!;
    const state = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: { FunctionName: "{% $doesNotExist %}" } };
    expect(expressionAt(state, failure.location)).toBe("{% $doesNotExist %}");
  });

  it("lists a JSONata state's fields in evaluation order", () => {
    expect(jsonataFieldsOf(findStateDefinition(definition, "PriceItems")).map((f) => f.field)).toEqual(["Arguments", "Output", "Assign"]);
  });
});
