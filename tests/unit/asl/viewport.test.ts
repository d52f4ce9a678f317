import { describe, expect, it } from "vitest";
import { MAX_ZOOM, MIN_ZOOM, READABLE_ZOOM, fitTransform, readableFit, revealBox, zoomAt } from "@/components/graph/viewport";
import { minimapGeometry, minimapStripWidth, needsMinimap, transformForMinimapPoint } from "@/components/graph/minimap";
import { focusNode } from "@/components/graph/focus";
import { buildStateGraph, layoutStateGraph, startNodeId } from "@/lib/asl";
import { syntheticDefinition } from "../../fixtures/synthetic-definitions";

const VIEW = { width: 800, height: 600 };

describe("graph viewport", () => {
  it("fits a big graph inside the view, centred", () => {
    const t = fitTransform(VIEW, { width: 1600, height: 600 });
    expect(t.k).toBeCloseTo((800 - 48) / 1600);
    expect(t.x).toBeCloseTo((800 - 1600 * t.k) / 2);
    expect(t.y + 600 * t.k).toBeLessThanOrEqual(600);
  });

  it("never enlarges a small graph past 1:1, and shows a graph that can be read whole, whole", () => {
    expect(fitTransform(VIEW, { width: 100, height: 100 }).k).toBe(1);
    expect(readableFit(VIEW, { width: 900, height: 640 })).toEqual(fitTransform(VIEW, { width: 900, height: 640 }));
  });

  it("opens a graph too big to read whole at readable size with its failed state in the middle", () => {
    const content = { width: 3000, height: 50_000 };
    const failed = { x: 1400, y: 20_000, width: 132, height: 46 };
    const t = readableFit(VIEW, content, failed);
    expect(t.k).toBe(READABLE_ZOOM);
    // The failed state's centre lands on the view's centre.
    expect(t.x + (failed.x + failed.width / 2) * t.k).toBeCloseTo(400);
    expect(t.y + (failed.y + failed.height / 2) * t.k).toBeCloseTo(300);
  });

  it("keeps the graph's top edge in view when the state to show is the start", () => {
    const content = { width: 900, height: 50_000 };
    const t = readableFit(VIEW, content, { x: 418, y: 0, width: 64, height: 26 });
    expect(t.k).toBe(READABLE_ZOOM);
    expect(t.y).toBe(24);
    expect(t.x).toBeCloseTo((800 - 900 * READABLE_ZOOM) / 2);
  });

  it("zooms around the pointer and within limits", () => {
    const t = zoomAt({ x: 0, y: 0, k: 1 }, 2, 100, 50);
    // The graph point under the pointer stays under it.
    expect((100 - t.x) / t.k).toBeCloseTo(100);
    expect((50 - t.y) / t.k).toBeCloseTo(50);
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 1000, 0, 0).k).toBe(MAX_ZOOM);
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 0.00001, 0, 0).k).toBe(MIN_ZOOM);
  });
});

describe("minimap", () => {
  const content = { width: 1000, height: 20_000 };
  const t = readableFit(VIEW, content, { x: 500, y: 10_000, width: 100, height: 40 });

  it("appears only when part of the graph is out of view", () => {
    expect(needsMinimap(VIEW, content, t)).toBe(true);
    expect(needsMinimap(VIEW, { width: 300, height: 200 }, fitTransform(VIEW, { width: 300, height: 200 }))).toBe(false);
  });

  it("draws the whole graph within its corner and frames the part in view", () => {
    const g = minimapGeometry(VIEW, content, t);
    expect(g.width).toBeLessThanOrEqual(160 + 1e-9);
    expect(g.height).toBeLessThanOrEqual(420 + 1e-9);
    // The frame is the canvas's size at this zoom, scaled, around the state in the middle.
    expect(g.visible.height).toBeCloseTo((600 / t.k) * g.scaleY);
    expect(g.visible.y + g.visible.height / 2).toBeCloseTo(10_020 * g.scaleY);
  });

  it("stretches a tall, narrow machine across so its states stay visible", () => {
    const g = minimapGeometry(VIEW, { width: 880, height: 104_000 }, t);
    expect(g.height).toBeCloseTo(200);
    expect(g.width).toBeGreaterThanOrEqual(48);
    expect(g.scaleX).toBeGreaterThan(g.scaleY);
  });

  it("moves the canvas to where the minimap is clicked, keeping the zoom", () => {
    const g = minimapGeometry(VIEW, content, t);
    const next = transformForMinimapPoint({ x: 500 * g.scaleX, y: 15_000 * g.scaleY }, g, VIEW, content, t.k);
    expect(next.k).toBe(t.k);
    expect(next.y + 15_000 * next.k).toBeCloseTo(300);
  });
});

describe("what a big graph opens around", () => {
  const graph = buildStateGraph(syntheticDefinition(300)).graph!;
  const layout = layoutStateGraph(graph);
  it("the state that failed the execution, else any failed one, else the start", () => {
    expect(focusNode(layout)?.id).toBe(startNodeId(""));
    expect(focusNode(layout, { "b7 Call": { status: "failed", emphasis: true }, "b2 Call": { status: "failed" } })?.id).toBe("b7 Call");
    expect(focusNode(layout, { "b2 Call": { status: "succeeded" }, "b9 Notify": { status: "timed_out" } })?.id).toBe("b9 Notify");
  });

  it("a 300-state machine opens readable, with its failed state in view", () => {
    const failed = layout.nodes.find((n) => n.id === "b15 Handler")!;
    const t = readableFit(VIEW, layout, focusNode(layout, { "b15 Handler": { status: "failed", emphasis: true } }));
    expect(t.k).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const left = t.x + failed.x * t.k;
    const top = t.y + failed.y * t.k;
    expect(left).toBeGreaterThanOrEqual(0);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(left + failed.width * t.k).toBeLessThanOrEqual(VIEW.width);
    expect(top + failed.height * t.k).toBeLessThanOrEqual(VIEW.height);
  });
});

describe("bringing a selected state into view", () => {
  const content = { width: 1000, height: 20_000 };
  const t = readableFit(VIEW, content, { x: 500, y: 10_000, width: 100, height: 40 });
  it("leaves the view alone when the state is in it", () => {
    expect(revealBox(VIEW, content, t, { x: 500, y: 10_000, width: 100, height: 40 })).toBeUndefined();
  });
  it("centres on a state out of view, at the same zoom", () => {
    const box = { x: 100, y: 15_000, width: 132, height: 46 };
    const next = revealBox(VIEW, content, t, box)!;
    expect(next.k).toBe(t.k);
    expect(next.y + (box.y + box.height / 2) * next.k).toBeCloseTo(300);
    expect(revealBox(VIEW, content, next, box)).toBeUndefined();
  });
});

describe("the minimap's corner", () => {
  it("never has the state the graph opens around under it", () => {
    const content = { width: 1400, height: 3000 };
    const inset = minimapStripWidth(VIEW, content);
    expect(inset).toBeGreaterThan(20);
    // A failed state in the graph's bottom-right corner, where the minimap sits.
    const failed = { x: 1260, y: 2950, width: 132, height: 46 };
    const t = readableFit(VIEW, content, failed, inset);
    const right = t.x + (failed.x + failed.width) * t.k;
    expect(right).toBeLessThanOrEqual(VIEW.width - inset);
    expect(t.y + (failed.y + failed.height) * t.k).toBeLessThanOrEqual(VIEW.height);
    expect(revealBox(VIEW, content, t, failed, inset)).toBeUndefined();
  });
});
