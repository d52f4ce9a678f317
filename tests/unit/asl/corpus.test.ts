import { describe, expect, it } from "vitest";
import { buildStateGraph, layoutStateGraph } from "@/lib/asl";
import { allStateNames, corpusFiles } from "./corpus-files";
import { edgesOffTheirNodes, groupsNotContainingChildren, overlappingNodes } from "./layout-invariants";

const corpus = corpusFiles();
// Step Functions rejects `"ErrorEquals": []`; LocalStack fills these templates in at test time.
const REJECTED = new Set(corpus.filter((c) => c.file.includes("_catch_tbd_")).map((c) => c.file));

describe("every corpus definition", () => {
  it("is there, with its origin", () => {
    expect(corpus.length).toBeGreaterThan(250);
    for (const c of corpus) expect(c.origin).toMatch(/^(aws-samples-workflows|localstack) /);
  });

  for (const { file, definition } of corpus.filter((c) => !REJECTED.has(c.file))) {
    it(`builds and lays out ${file}`, () => {
      const result = buildStateGraph(definition);
      expect(result.errors).toEqual([]);
      const graph = result.graph!;
      expect(new Set(graph.stateNames)).toEqual(new Set(allStateNames(definition)));
      expect(graph.nodes.filter((n) => n.kind === "state").map((n) => n.id).sort()).toEqual([...allStateNames(definition)].sort());

      const layout = layoutStateGraph(graph);
      expect(new Set(layout.nodes.map((n) => n.id))).toEqual(new Set(graph.nodes.map((n) => n.id)));
      expect(overlappingNodes(graph, layout)).toEqual([]);
      expect(edgesOffTheirNodes(graph, layout)).toEqual([]);
      expect(groupsNotContainingChildren(graph, layout)).toEqual([]);
      for (const n of layout.nodes) {
        expect(n.x).toBeGreaterThanOrEqual(-0.5);
        expect(n.y).toBeGreaterThanOrEqual(-0.5);
        expect(n.x + n.width).toBeLessThanOrEqual(layout.width + 0.5);
        expect(n.y + n.height).toBeLessThanOrEqual(layout.height + 0.5);
      }
    });
  }

  it("rejects the two with an empty ErrorEquals, naming the state", () => {
    expect(REJECTED.size).toBe(2);
    for (const file of REJECTED) {
      const result = buildStateGraph(corpus.find((c) => c.file === file)!.definition);
      expect(result.graph).toBeUndefined();
      expect(result.errors).toEqual([
        expect.objectContaining({ code: "catch_invalid", state: "InvokeLambda", path: "States.InvokeLambda.Catch[0].ErrorEquals" }),
      ]);
      expect(result.errors[0].message).toContain("ErrorEquals");
    }
  });
});
