import { describe, expect, it } from "vitest";
import { buildStateGraph, endNodeId, layoutStateGraph, startNodeId, type GraphLayout, type StateGraph } from "@/lib/asl";
import { contains } from "@/lib/asl/geometry";
import { syntheticDefinition } from "../../fixtures/synthetic-definitions";
import { edgesOffTheirNodes, groupsNotContainingChildren, overlappingNodes } from "./layout-invariants";

function laidOut(definition: unknown): { graph: StateGraph; layout: GraphLayout } {
  const result = buildStateGraph(definition);
  expect(result.errors).toEqual([]);
  return { graph: result.graph!, layout: layoutStateGraph(result.graph!) };
}

const box = (layout: GraphLayout, id: string) => layout.nodes.find((n) => n.id === id)!;
const edgeBetween = (graph: StateGraph, layout: GraphLayout, from: string, to: string) => {
  const e = graph.edges.find((x) => x.from === from && x.to === to)!;
  return layout.edges.find((p) => p.id === e.id)!;
};

const LOOP = {
  StartAt: "Submit",
  States: {
    Submit: { Type: "Task", Resource: "arn:aws:states:::batch:submitJob", Next: "Wait" },
    Wait: { Type: "Wait", Seconds: 10, Next: "Status" },
    Status: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:batch:describeJobs", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Submit" }], Next: "Done?" },
    "Done?": { Type: "Choice", Choices: [{ Variable: "$.status", StringEquals: "RUNNING", Next: "Wait" }], Default: "Ok" },
    Ok: { Type: "Succeed" },
  },
};

describe("layoutStateGraph", () => {
  it("flows top to bottom: Start above the first state, the last state above End", () => {
    const { layout } = laidOut(LOOP);
    expect(box(layout, startNodeId("")).y).toBeLessThan(box(layout, "Submit").y);
    expect(box(layout, "Submit").y).toBeLessThan(box(layout, "Wait").y);
    expect(box(layout, "Wait").y).toBeLessThan(box(layout, "Done?").y);
    expect(box(layout, "Ok").y).toBeLessThan(box(layout, endNodeId("")).y);
  });

  it("keeps loops as back edges drawn from the later state up to the earlier one", () => {
    const { graph, layout } = laidOut(LOOP);
    for (const [from, to] of [["Done?", "Wait"], ["Status", "Submit"]]) {
      const e = edgeBetween(graph, layout, from, to);
      expect(e.back).toBe(true);
      const first = e.points[0];
      const last = e.points[e.points.length - 1];
      expect(first.y).toBeGreaterThan(last.y);
    }
    expect(edgesOffTheirNodes(graph, layout)).toEqual([]);
    expect(overlappingNodes(graph, layout)).toEqual([]);
  });

  it("draws a state that catches into itself as a loop on its side", () => {
    const { graph, layout } = laidOut({
      StartAt: "Try",
      States: { Try: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Try" }], End: true } },
    });
    const e = edgeBetween(graph, layout, "Try", "Try");
    expect(e.back).toBe(true);
    expect(Math.max(...e.points.map((p) => p.x))).toBeGreaterThan(box(layout, "Try").x + box(layout, "Try").width);
    expect(Math.max(...e.points.map((p) => p.x))).toBeLessThanOrEqual(layout.width);
    expect(edgesOffTheirNodes(graph, layout)).toEqual([]);
  });

  it("lays out Parallel in Map in Parallel: each group inside its owner, each node inside its group", () => {
    const leaf = (name: string) => ({ StartAt: name, States: { [name]: { Type: "Pass", End: true } } });
    const { graph, layout } = laidOut({
      StartAt: "Outer",
      States: {
        Outer: {
          Type: "Parallel",
          Next: "After",
          Branches: [
            leaf("Solo"),
            {
              StartAt: "Each",
              States: {
                Each: {
                  Type: "Map",
                  End: true,
                  ItemProcessor: {
                    StartAt: "Inner",
                    States: { Inner: { Type: "Parallel", End: true, Branches: [leaf("Left"), leaf("Right"), leaf("Far right")] } },
                  },
                },
              },
            },
          ],
        },
        After: { Type: "Succeed" },
      },
    });
    expect(groupsNotContainingChildren(graph, layout)).toEqual([]);
    expect(overlappingNodes(graph, layout)).toEqual([]);
    expect(edgesOffTheirNodes(graph, layout)).toEqual([]);
    const groups = new Map(layout.groups.map((g) => [g.id, g]));
    expect(contains(groups.get("Outer/branch 2")!, box(layout, "Each"))).toBe(true);
    expect(contains(groups.get("Each/processor")!, box(layout, "Inner"))).toBe(true);
    expect(contains(box(layout, "Outer"), box(layout, "Far right"))).toBe(true);
    // Branches sit side by side, not on top of each other.
    const left = groups.get("Inner/branch 1")!;
    const right = groups.get("Inner/branch 2")!;
    expect(left.x + left.width).toBeLessThanOrEqual(right.x);
    expect(box(layout, "Outer").y + box(layout, "Outer").height).toBeLessThan(box(layout, "After").y);
  });

  it("makes room for long names", () => {
    const long = "Notify the customer that the refund was issued";
    const { layout } = laidOut({ StartAt: long, States: { [long]: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } });
    expect(box(layout, long).width).toBeGreaterThan(box(layout, "B").width);
    expect(box(layout, long).width).toBeGreaterThanOrEqual(long.length * 6);
  });

  it("stays clean at 500 and 1,000 states", () => {
    for (const size of [500, 1000]) {
      const { graph, layout } = laidOut(syntheticDefinition(size));
      expect(graph.stateNames).toHaveLength(size);
      expect(layout.nodes).toHaveLength(graph.nodes.length);
      expect(overlappingNodes(graph, layout)).toEqual([]);
      expect(edgesOffTheirNodes(graph, layout)).toEqual([]);
      expect(groupsNotContainingChildren(graph, layout)).toEqual([]);
      expect(layout.edges.filter((e) => e.back).length).toBeGreaterThan(0);
    }
  });

  it("has invariant checks that catch a broken layout", () => {
    const { graph, layout } = laidOut(LOOP);
    const broken: GraphLayout = {
      ...layout,
      nodes: layout.nodes.map((n) => (n.id === "Wait" ? { ...n, x: box(layout, "Submit").x, y: box(layout, "Submit").y } : n)),
    };
    expect(overlappingNodes(graph, broken)).toContain("Submit overlaps Wait");
    expect(edgesOffTheirNodes(graph, broken).length).toBeGreaterThan(0);
  });

  it("gives the same layout for the same graph", () => {
    const a = laidOut(LOOP).layout;
    const b = laidOut(LOOP).layout;
    expect(b).toEqual(a);
  });
});
