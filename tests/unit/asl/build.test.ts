import { statesInChildExecutions } from "@/lib/postmortem/child-execution-states";
import { describe, expect, it } from "vitest";
import { buildStateGraph, endNodeId, startNodeId, type StateGraph } from "@/lib/asl";
import { corpusFiles } from "./corpus-files";

function build(definition: unknown): StateGraph {
  const result = buildStateGraph(definition);
  expect(result.errors).toEqual([]);
  return result.graph!;
}

function edge(graph: StateGraph, from: string, to: string) {
  return graph.edges.filter((e) => e.from === from && e.to === to);
}

const ORDER = {
  QueryLanguage: "JSONPath",
  StartAt: "Charge",
  States: {
    Charge: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Retry: [{ ErrorEquals: ["States.Timeout"], MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ["Payment.Declined", "States.Timeout"], Next: "Refund" }],
      Assign: { chargeId: "$.id", attempts: 1 },
      Next: "Big?",
    },
    "Big?": {
      Type: "Choice",
      Choices: [
        { Variable: "$.amount", NumericGreaterThan: 100, Next: "Review" },
        { And: [{ Variable: "$.vip", BooleanEquals: true }, { Variable: "$.country", StringEquals: "FR" }], Next: "Ship" },
      ],
      Default: "Ship",
    },
    Review: { Type: "Task", Resource: "arn:aws:states:eu-west-1:123456789012:activity:Review", Next: "Ship" },
    Ship: { Type: "Task", Resource: "arn:aws:states:::dynamodb:getItem", QueryLanguage: "JSONata", Arguments: {}, End: true },
    Refund: { Type: "Task", Resource: "arn:aws:lambda:eu-west-1:123456789012:function:Refund", Next: "Failed" },
    Failed: { Type: "Fail", Error: "Declined" },
  },
};

describe("buildStateGraph", () => {
  it("makes a node per state plus Start and End, with type, short resource, query language and Assign", () => {
    const g = build(JSON.stringify(ORDER));
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get(startNodeId(""))?.kind).toBe("start");
    expect(byId.get(endNodeId(""))?.kind).toBe("end");
    expect(byId.get("Charge")).toMatchObject({ type: "Task", resource: "lambda:invoke", queryLanguage: "JSONPath", assigns: ["chargeId", "attempts"], retries: true });
    expect(byId.get("Review")?.resource).toBe("activity:Review");
    expect(byId.get("Ship")).toMatchObject({ resource: "dynamodb:getItem", queryLanguage: "JSONata" });
    expect(byId.get("Refund")?.resource).toBe("lambda:Refund");
    expect(byId.get("Big?")?.type).toBe("Choice");
  });

  it("types and labels the edges", () => {
    const g = build(ORDER);
    expect(edge(g, startNodeId(""), "Charge")).toMatchObject([{ kind: "next" }]);
    expect(edge(g, "Charge", "Big?")).toMatchObject([{ kind: "next" }]);
    expect(edge(g, "Charge", "Refund")).toMatchObject([{ kind: "catch", label: "Payment.Declined, States.Timeout" }]);
    expect(edge(g, "Big?", "Review")).toMatchObject([{ kind: "choice", label: "$.amount > 100" }]);
    expect(edge(g, "Big?", "Ship")).toMatchObject([
      { kind: "choice", label: '$.vip == true and $.country == "FR"' },
      { kind: "default", label: "Default" },
    ]);
    expect(edge(g, "Ship", endNodeId(""))).toMatchObject([{ kind: "end" }]);
    expect(edge(g, "Failed", endNodeId(""))).toMatchObject([{ kind: "end" }]);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
    expect(g.edges.some((e) => e.back)).toBe(false);
  });

  it("labels a JSONata Condition without its {% %} and shortens a long one", () => {
    const g = build({
      QueryLanguage: "JSONata",
      StartAt: "C",
      States: {
        C: {
          Type: "Choice",
          Choices: [
            { Condition: "{% $states.input.total > 10 %}", Next: "A" },
            { Condition: "{% $count($states.input.items[price > 100 and category = 'books']) > 3 %}", Next: "A" },
          ],
          Default: "A",
        },
        A: { Type: "Succeed" },
      },
    });
    const labels = edge(g, "C", "A").map((e) => e.label);
    expect(labels[0]).toBe("$states.input.total > 10");
    expect(labels[1]!.length).toBeLessThanOrEqual(36);
    expect(labels[1]).toMatch(/^\$count\(\$states\.input.*…$/);
  });

  it("marks the edge that closes a loop as a back edge: Choice back to a Wait, Catch back to an earlier state", () => {
    const g = build({
      StartAt: "Start job",
      States: {
        "Start job": { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun", Next: "Wait" },
        Wait: { Type: "Wait", Seconds: 30, Next: "Poll" },
        Poll: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:getJobRun", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Start job" }], Next: "Done?" },
        "Done?": { Type: "Choice", Choices: [{ Variable: "$.state", StringEquals: "RUNNING", Next: "Wait" }], Default: "Finished" },
        Finished: { Type: "Succeed" },
      },
    });
    expect(edge(g, "Done?", "Wait")).toMatchObject([{ kind: "choice", back: true, label: '$.state == "RUNNING"' }]);
    expect(edge(g, "Poll", "Start job")).toMatchObject([{ kind: "catch", back: true, label: "States.ALL" }]);
    expect(edge(g, "Poll", "Done?")[0].back).toBeUndefined();
    expect(g.nodes.find((n) => n.id === "Poll")?.resource).toBe("glue:getJobRun");
  });

  it("nests Parallel branches and Map processors (inline, distributed, legacy Iterator) to any depth", () => {
    const g = build({
      StartAt: "Outer",
      States: {
        Outer: {
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
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
                    StartAt: "Inner",
                    States: {
                      Inner: {
                        Type: "Parallel",
                        End: true,
                        Branches: [{ StartAt: "Leaf", States: { Leaf: { Type: "Pass", End: true } } }],
                      },
                    },
                  },
                },
              },
            },
            { StartAt: "Old", States: { Old: { Type: "Map", Iterator: { StartAt: "OldLeaf", States: { OldLeaf: { Type: "Pass", End: true } } }, End: true } } },
          ],
        },
      },
    });
    const groups = new Map(g.groups.map((x) => [x.id, x]));
    expect([...groups.keys()]).toEqual(["Outer/branch 1", "Each/processor", "Inner/branch 1", "Outer/branch 2", "Old/processor"]);
    expect(groups.get("Each/processor")).toMatchObject({ owner: "Each", parentScope: "Outer/branch 1", mapMode: "distributed", kind: "processor" });
    expect(groups.get("Old/processor")).toMatchObject({ mapMode: "legacy", label: "Iterator" });
    expect(groups.get("Inner/branch 1")?.nodeIds).toEqual([startNodeId("Inner/branch 1"), "Leaf", endNodeId("Inner/branch 1")]);
    expect(g.nodes.find((n) => n.id === "Leaf")?.scope).toBe("Inner/branch 1");
    expect(g.nodes.find((n) => n.id === "Outer")?.groups).toEqual(["Outer/branch 1", "Outer/branch 2"]);
    expect(g.nodes.find((n) => n.id === "Each")?.mapMode).toBe("distributed");
  });

  it("labels branches with the number run paths give them (the definition's index, from 0)", () => {
    const g = build({
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Parallel",
          End: true,
          Branches: [
            { StartAt: "A", States: { A: { Type: "Pass", End: true } } },
            { StartAt: "B", States: { B: { Type: "Pass", End: true } } },
          ],
        },
      },
    });
    expect(g.groups.map((x) => x.label)).toEqual(["Branch 0", "Branch 1"]);
  });

  it("treats a legacy Iterator with ProcessorConfig.Mode DISTRIBUTED as a distributed Map", () => {
    const def = {
      StartAt: "Old",
      States: {
        Old: {
          Type: "Map",
          End: true,
          Iterator: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Leaf", States: { Leaf: { Type: "Pass", End: true } } },
        },
      },
    };
    const g = build(def);
    expect(g.nodes.find((n) => n.id === "Old")?.mapMode).toBe("distributed");
    expect(g.groups[0]).toMatchObject({ mapMode: "distributed", label: "Distributed item processor" });
    // Its processor's states run in child executions: not "not reached" when the parent history lacks them.
    expect([...statesInChildExecutions(g)]).toEqual(["Leaf"]);
  });

  it("reads both query languages and Assign across the corpus", () => {
    const graphs = corpusFiles().map((c) => buildStateGraph(c.definition).graph).filter((x) => x !== undefined);
    const states = graphs.flatMap((g) => g.nodes.filter((n) => n.kind === "state"));
    expect(states.some((n) => n.queryLanguage === "JSONata")).toBe(true);
    expect(states.some((n) => n.queryLanguage === "JSONPath")).toBe(true);
    expect(states.some((n) => (n.assigns?.length ?? 0) > 0)).toBe(true);
    expect(states.some((n) => n.mapMode === "distributed")).toBe(true);
    expect(states.some((n) => n.mapMode === "legacy")).toBe(true);
    expect(graphs.some((g) => g.edges.some((e) => e.back))).toBe(true);
  });

  it("warns about a state nothing leads to, but still builds", () => {
    const result = buildStateGraph({ StartAt: "A", States: { A: { Type: "Succeed" }, Orphan: { Type: "Pass", End: true } } });
    expect(result.graph).toBeDefined();
    expect(result.warnings).toEqual([expect.objectContaining({ code: "unreachable_state", state: "Orphan" })]);
  });
});
