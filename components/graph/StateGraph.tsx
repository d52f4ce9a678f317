"use client";
import { memo, useCallback, useEffect, useId, useMemo, type CSSProperties, type KeyboardEvent } from "react";
import {
  buildStateGraph,
  layoutStateGraph,
  lookup,
  type GraphLayout,
  type GraphOverlay,
  type OverlayStatus,
  type StateGraph as Graph,
} from "@/lib/asl";
import { AslProblems } from "./AslProblems";
import { EdgeMarkers, GraphEdge } from "./GraphEdge";
import { GraphGroup } from "./GraphGroup";
import { GraphLegend } from "./GraphLegend";
import { GraphNode } from "./GraphNode";
import { focusNode } from "./focus";
import { needsMinimap } from "./minimap";
import { Minimap } from "./Minimap";
import { pathHighlight } from "./on-path";
import { INK, OUTCOMES } from "./theme";
import { usePanZoom } from "./usePanZoom";

export interface StateGraphProps {
  /** The definition as DescribeStateMachine returns it (JSON text), or already parsed. Keep it stable between renders. */
  definition: string | unknown;
  /** Per-state outcome or counts, by state name. */
  overlay?: GraphOverlay;
  /** The selected state's name. */
  selected?: string;
  onSelect?: (name: string) => void;
  /** Height of the canvas (CSS). */
  height?: number | string;
  /** Accessible name of the drawing. */
  label?: string;
}

/** The state machine as a graph: pan (drag), zoom (wheel, buttons), fit, click to select. */
export function StateGraph({ definition, overlay, selected, onSelect, height = 520, label = "State machine graph" }: StateGraphProps) {
  const built = useMemo(() => {
    const result = buildStateGraph(definition);
    return result.graph ? { graph: result.graph, layout: layoutStateGraph(result.graph) } : { problems: result.errors };
  }, [definition]);
  if ("problems" in built) return <AslProblems problems={built.problems ?? []} />;
  return <GraphCanvas graph={built.graph} layout={built.layout} overlay={overlay} selected={selected} onSelect={onSelect} height={height} label={label} />;
}

interface CanvasProps {
  graph: Graph;
  layout: GraphLayout;
  overlay?: GraphOverlay;
  selected?: string;
  onSelect?: (name: string) => void;
  height: number | string;
  label: string;
}

const toolbar: CSSProperties = { position: "absolute", top: 8, right: 8, display: "flex", gap: 4 };
const button: CSSProperties = {
  font: "inherit",
  fontSize: 12,
  minWidth: 28,
  height: 26,
  border: `1px solid ${INK.border}`,
  borderRadius: 4,
  background: "#fff",
  color: INK.text,
  cursor: "pointer",
};

function GraphCanvas({ graph, layout, overlay, selected, onSelect, height, label }: CanvasProps) {
  const markerId = `sg${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const content = useMemo(() => ({ width: layout.width, height: layout.height }), [layout]);
  const focus = useMemo(() => focusNode(layout, overlay), [layout, overlay]);
  const pz = usePanZoom(content, focus);
  const { wasDrag } = pz;
  const select = useCallback(
    (name: string) => {
      if (!wasDrag()) onSelect?.(name);
    },
    [onSelect, wasDrag],
  );
  const statuses = useMemo(() => presentStatuses(overlay), [overlay]);
  // A state selected elsewhere (the timeline, the events, a ?state= link) is brought into view.
  const selectedBox = useMemo(() => (selected === undefined ? undefined : layout.nodes.find((n) => n.id === selected)), [layout, selected]);
  const { reveal } = pz;
  useEffect(() => {
    if (selectedBox) reveal(selectedBox);
  }, [selectedBox, reveal]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = 60;
    const keys: Record<string, () => void> = {
      "+": pz.zoomIn,
      "=": pz.zoomIn,
      "-": pz.zoomOut,
      "0": pz.fit,
      ArrowLeft: () => pz.panBy(step, 0),
      ArrowRight: () => pz.panBy(-step, 0),
      ArrowUp: () => pz.panBy(0, step),
      ArrowDown: () => pz.panBy(0, -step),
    };
    if (e.target !== e.currentTarget) return;
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const { x, y, k } = pz.transform;
  return (
    <div style={{ border: `1px solid ${INK.border}`, borderRadius: 6, overflow: "hidden", background: INK.canvas }}>
      <div
        ref={pz.viewportRef}
        style={{ position: "relative", height, overflow: "hidden", touchAction: "none", userSelect: "none", cursor: "grab" }}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-label={`${label}: drag to pan, wheel or + and − to zoom, 0 to fit`}
        {...pz.handlers}
      >
        {/* Pan and zoom move this one box (a compositor transform): the drawing inside is not redrawn. */}
        <div style={{ position: "absolute", left: 0, top: 0, transformOrigin: "0 0", transform: `translate(${x}px,${y}px) scale(${k})`, willChange: "transform" }}>
          <svg role="group" aria-label={label} width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} style={{ display: "block", overflow: "visible" }}>
            <EdgeMarkers id={markerId} />
            <GraphContent graph={graph} layout={layout} overlay={overlay} selected={selected} onSelect={onSelect ? select : undefined} markerId={markerId} />
          </svg>
        </div>
        <div style={toolbar}>
          <button type="button" style={button} onClick={pz.zoomIn} aria-label="Zoom in" title="Zoom in (+)">
            +
          </button>
          <button type="button" style={button} onClick={pz.zoomOut} aria-label="Zoom out" title="Zoom out (−)">
            −
          </button>
          <button type="button" style={button} onClick={pz.actualSize} aria-label="Actual size" title="Actual size">
            1:1
          </button>
          <button type="button" style={button} onClick={pz.fit} aria-label="Fit to view" title="Fit to view (0): the whole graph, or readable size around the failed state when it is too big">
            Fit
          </button>
        </div>
        <span data-testid="graph-zoom" style={{ position: "absolute", left: 8, bottom: 6, fontSize: 11, color: INK.faint }}>{Math.round(k * 100)}%</span>
        {needsMinimap(pz.view, content, pz.transform) && <Minimap layout={layout} overlay={overlay} view={pz.view} transform={pz.transform} onJump={pz.jumpTo} />}
      </div>
      <GraphLegend statuses={statuses} />
    </div>
  );
}

interface ContentProps {
  graph: Graph;
  layout: GraphLayout;
  overlay?: GraphOverlay;
  selected?: string;
  onSelect?: (name: string) => void;
  markerId: string;
}

/** Everything inside the pan/zoom transform; memoised so panning re-renders none of it. */
const GraphContent = memo(function GraphContent({ graph, layout, overlay, selected, onSelect, markerId }: ContentProps) {
  const nodes = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const edges = useMemo(() => new Map(graph.edges.map((e) => [e.id, e])), [graph]);
  const groups = useMemo(() => new Map(graph.groups.map((g) => [g.id, g])), [graph]);
  const groupBoxes = useMemo(() => new Map(layout.groups.map((g) => [g.id, g])), [layout]);
  const path = useMemo(() => pathHighlight(graph, overlay), [graph, overlay]);
  const showsPath = path.nodes.size > 0;
  // Drawn depth by depth, so a Parallel's or Map's contents sit on top of it; at each depth the
  // edges go first, so where an edge leaves its state it passes under the state's badges.
  const levels = useMemo(() => drawingLevels(graph, layout, nodes, groups), [graph, layout, nodes, groups]);
  return (
    <>
      {levels.map((level, depth) => (
        <g key={depth}>
          {level.edges.map((placed) => {
            const edge = edges.get(placed.id);
            if (!edge) return null;
            const onPath = path.edges.has(edge.id);
            return <GraphEdge key={placed.id} edge={edge} placed={placed} onPath={onPath} dimmed={showsPath && !onPath} markerId={markerId} />;
          })}
          {level.nodes.map((box) => {
            const node = nodes.get(box.id);
            if (!node) return null;
            const group = (node.groups ?? []).map((id) => {
              const placed = groupBoxes.get(id);
              const g = groups.get(id);
              return placed && g ? <GraphGroup key={id} group={g} box={placed} /> : null;
            });
            return (
              <g key={box.id}>
                <GraphNode node={node} box={box} overlay={lookup(overlay, node.id)} dimmed={showsPath && !path.nodes.has(node.id)} selected={selected === node.id} onSelect={onSelect} />
                {group}
              </g>
            );
          })}
        </g>
      ))}
    </>
  );
});

interface DrawingLevel {
  edges: GraphLayout["edges"];
  nodes: GraphLayout["nodes"];
}

/** Nodes and edges by how deep their scope is nested: 0 for the machine, 1 inside a Parallel or Map, … */
function drawingLevels(graph: Graph, layout: GraphLayout, nodes: Map<string, Graph["nodes"][number]>, groups: Map<string, Graph["groups"][number]>): DrawingLevel[] {
  const depthOfScope = (scope: string): number => {
    let depth = 0;
    for (let s = scope; s !== ""; s = groups.get(s)?.parentScope ?? "") depth++;
    return depth;
  };
  const edgeScope = new Map(graph.edges.map((e) => [e.id, e.scope]));
  const levels: DrawingLevel[] = [];
  const level = (depth: number) => {
    while (levels.length <= depth) levels.push({ edges: [], nodes: [] });
    return levels[depth];
  };
  for (const box of layout.nodes) level(depthOfScope(nodes.get(box.id)?.scope ?? "")).nodes.push(box);
  for (const placed of layout.edges) level(depthOfScope(edgeScope.get(placed.id) ?? "")).edges.push(placed);
  return levels;
}

function presentStatuses(overlay: GraphOverlay | undefined): OverlayStatus[] {
  if (!overlay) return [];
  const seen = new Set<OverlayStatus>();
  for (const name of Object.keys(overlay)) {
    const s = lookup(overlay, name)?.status;
    if (s) seen.add(s);
  }
  return (Object.keys(OUTCOMES) as OverlayStatus[]).filter((s) => seen.has(s));
}
