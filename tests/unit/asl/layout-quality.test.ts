import { describe, expect, it } from "vitest";
import { buildStateGraph, layoutStateGraph, GROUP_HEADER, type GraphLayout, type StateGraph } from "@/lib/asl";
import { widestBadgeBoxes } from "@/lib/asl/badges";
import { countEdgesThroughBoxes, edgesThroughBoxes, labelOverlaps, layoutArea, segmentCrossesBox } from "@/lib/asl/layout-quality";
import { edgeLabelSize, edgeLabelText } from "@/lib/asl/text-measure";
import { syntheticDefinition } from "../../fixtures/synthetic-definitions";
import { corpusFiles } from "./corpus-files";

function laidOut(definition: unknown): { graph: StateGraph; layout: GraphLayout } {
  const result = buildStateGraph(definition);
  expect(result.errors).toEqual([]);
  return { graph: result.graph!, layout: layoutStateGraph(result.graph!) };
}

/** Everything a label must stay clear of: other labels, states, group titles, the widest badges. */
function overlapsOf(graph: StateGraph, layout: GraphLayout): string[] {
  return labelOverlaps(graph, layout, widestBadgeBoxes(graph, layout), GROUP_HEADER);
}

/** Every edge with something to say has a label box, of the size the one measurer gives its text. */
function labelsAsMeasured(graph: StateGraph, layout: GraphLayout): string[] {
  const placed = new Map(layout.edges.map((e) => [e.id, e]));
  const bad: string[] = [];
  for (const edge of graph.edges) {
    const text = edgeLabelText(edge);
    const label = placed.get(edge.id)?.label;
    if (!text) continue;
    const size = edgeLabelSize(text);
    if (!label || label.text !== text || label.width !== size.width || label.height !== size.height) bad.push(`${edge.id} (${text}) has no label box of its measured size`);
  }
  return bad;
}

const CHOICES = {
  StartAt: "Check order",
  States: {
    "Check order": {
      Type: "Choice",
      Choices: [
        { Variable: "$.total", NumericGreaterThan: 1000, Next: "Manual review" },
        { Variable: "$.country", StringEquals: "NZ", Next: "Ship" },
        { Variable: "$.express", BooleanEquals: true, Next: "Ship" },
      ],
      Default: "Ship",
    },
    "Manual review": { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Retry: [{ ErrorEquals: ["States.ALL"] }], Catch: [{ ErrorEquals: ["States.TaskFailed", "States.Timeout"], Next: "Ship" }], Next: "Ship" },
    Ship: { Type: "Succeed" },
  },
};

describe("layout quality measures", () => {
  it("sees a segment that crosses a box, not one that passes by or touches it", () => {
    const box = { x: 10, y: 10, width: 20, height: 20 };
    expect(segmentCrossesBox({ x: 0, y: 20 }, { x: 40, y: 20 }, box)).toBe(true);
    expect(segmentCrossesBox({ x: 20, y: 0 }, { x: 20, y: 15 }, box)).toBe(true);
    expect(segmentCrossesBox({ x: 0, y: 0 }, { x: 40, y: 5 }, box)).toBe(false);
    expect(segmentCrossesBox({ x: 20, y: 0 }, { x: 20, y: 10 }, box)).toBe(false);
  });

  it("catches a label moved onto a state, onto another label and onto a badge", () => {
    const { graph, layout } = laidOut(CHOICES);
    expect(overlapsOf(graph, layout)).toEqual([]);
    const labelled = layout.edges.filter((e) => e.label);
    expect(labelled.length).toBe(5);
    const ship = layout.nodes.find((n) => n.id === "Ship")!;
    const onShip: GraphLayout = { ...layout, edges: layout.edges.map((e) => (e === labelled[0] ? { ...e, label: { ...e.label!, x: ship.x + 2, y: ship.y + 2 } } : e)) };
    expect(overlapsOf(graph, onShip)).toContain(`label of ${labelled[0].id} overlaps state Ship`);
    const onLabel: GraphLayout = { ...layout, edges: layout.edges.map((e) => (e === labelled[0] ? { ...e, label: { ...e.label!, x: labelled[1].label!.x + 3, y: labelled[1].label!.y } } : e)) };
    expect(overlapsOf(graph, onLabel).some((l) => l.includes("overlaps label of"))).toBe(true);
    const review = layout.nodes.find((n) => n.id === "Manual review")!;
    const onBadge: GraphLayout = { ...layout, edges: layout.edges.map((e) => (e === labelled[0] ? { ...e, label: { ...e.label!, x: review.x + 10, y: review.y + review.height + 2 } } : e)) };
    expect(overlapsOf(graph, onBadge)).toContain(`label of ${labelled[0].id} overlaps badge of Manual review`);
  });

  it("catches an edge drawn through a state that is not one of its ends", () => {
    const { graph, layout } = laidOut(CHOICES);
    expect(edgesThroughBoxes(graph, layout)).toEqual([]);
    const start = layout.nodes.find((n) => n.id === "Check order")!;
    const end = layout.nodes.find((n) => n.id === "Ship")!;
    const review = layout.nodes.find((n) => n.id === "Manual review")!;
    const straight = graph.edges.find((e) => e.from === "Check order" && e.to === "Ship")!;
    const through: GraphLayout = {
      ...layout,
      edges: layout.edges.map((e) =>
        e.id === straight.id ? { ...e, points: [{ x: start.x + 5, y: start.y + start.height }, { x: review.x + 5, y: review.y + 20 }, { x: end.x + 5, y: end.y }] } : e,
      ),
    };
    expect(edgesThroughBoxes(graph, through)).toEqual([`${straight.id} passes through state Manual review`]);
    expect(countEdgesThroughBoxes(graph, through)).toBe(1);
    expect(layoutArea({ width: 10, height: 20 })).toBe(200);
  });
});

describe("labels on loops", () => {
  it("keeps the labels of loops into the same state, and of loops to the state above, clear of everything", () => {
    const { graph, layout } = laidOut({
      StartAt: "Poll",
      States: {
        Poll: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Retry: [{ ErrorEquals: ["States.ALL"] }],
          Catch: [
            { ErrorEquals: ["States.Timeout"], Next: "Poll" },
            { ErrorEquals: ["Lambda.TooManyRequestsException", "Lambda.ServiceException"], Next: "Poll" },
            { ErrorEquals: ["States.ALL"], Next: "Give up" },
          ],
          Next: "Ready?",
        },
        "Ready?": {
          Type: "Choice",
          Choices: [
            { Variable: "$.status", StringEquals: "PENDING", Next: "Poll" },
            { Variable: "$.status", StringEquals: "RETRY", Next: "Ready?" },
          ],
          Default: "Done",
        },
        "Give up": { Type: "Fail" },
        Done: { Type: "Succeed" },
      },
    });
    expect(labelsAsMeasured(graph, layout)).toEqual([]);
    expect(overlapsOf(graph, layout)).toEqual([]);
    expect(edgesThroughBoxes(graph, layout)).toEqual([]);
    // Everything, loops and their labels included, is inside the drawing.
    for (const e of layout.edges) {
      if (e.label) expect(e.label.x + e.label.width).toBeLessThanOrEqual(layout.width + 0.5);
      for (const p of e.points) expect(p.x).toBeLessThanOrEqual(layout.width + 0.5);
    }
  });
});

describe("a graph you can read, over the whole corpus", () => {
  const buildable = corpusFiles().filter((c) => buildStateGraph(c.definition).graph);
  it("has the corpus to check", () => expect(buildable.length).toBeGreaterThan(250));
  for (const { file, definition } of buildable) {
    it(`no label overlaps a label, a state, a group title or a badge, and no edge crosses a box: ${file}`, () => {
      const { graph, layout } = laidOut(definition);
      expect(labelsAsMeasured(graph, layout)).toEqual([]);
      expect(overlapsOf(graph, layout)).toEqual([]);
      expect(edgesThroughBoxes(graph, layout)).toEqual([]);
    });
  }
});

describe("a piece too big for the exact operators", () => {
  it("a 60-way Choice whose branches catch into each other and loop back stays clean", () => {
    const states: Record<string, Record<string, unknown>> = { Route: { Type: "Choice", Choices: [], Default: "Done" }, Done: { Type: "Succeed" } };
    for (let i = 0; i < 60; i++) {
      (states.Route.Choices as unknown[]).push({ Variable: "$.kind", StringEquals: `kind-${i}`, Next: `Handle ${i}` });
      states[`Handle ${i}`] = {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Catch: [{ ErrorEquals: ["States.ALL"], Next: i % 3 ? "Done" : `Handle ${(i + 7) % 60}` }],
        Next: i % 5 ? "Done" : "Route",
      };
    }
    const { graph, layout } = laidOut({ StartAt: "Route", States: states });
    expect(labelsAsMeasured(graph, layout)).toEqual([]);
    expect(overlapsOf(graph, layout)).toEqual([]);
    expect(edgesThroughBoxes(graph, layout)).toEqual([]);
  });
});

describe("a graph you can read at 1,000 and 2,000 states", () => {
  for (const size of [1000, 2000]) {
    it(`${size} states: no overlap, no edge through a box, no staircase`, () => {
      const { graph, layout } = laidOut(syntheticDefinition(size));
      expect(labelsAsMeasured(graph, layout)).toEqual([]);
      expect(overlapsOf(graph, layout)).toEqual([]);
      expect(edgesThroughBoxes(graph, layout)).toEqual([]);
      // The blocks hang on one axis: every block's entry state has the same centre, so the
      // drawing is as wide as its widest block however long the machine is.
      const entries = layout.nodes.filter((n) => / Wait$/.test(n.id) && graph.nodes.find((g) => g.id === n.id)!.scope === "");
      expect(entries.length).toBeGreaterThan(70);
      const centres = new Set(entries.map((n) => Math.round(n.x + n.width / 2)));
      expect(centres.size).toBe(1);
      const widest = Math.max(...layout.nodes.map((n) => n.width));
      expect(layout.width).toBeLessThan(2 * widest);
    });
  }
});
