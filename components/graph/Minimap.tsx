"use client";
import { memo, type PointerEvent as ReactPointerEvent } from "react";
import { lookup, type GraphLayout, type GraphOverlay } from "@/lib/asl";
import { minimapGeometry, transformForMinimapPoint, type MinimapGeometry } from "./minimap";
import { INK, OUTCOMES } from "./theme";
import type { Size, ViewTransform } from "./viewport";

interface Props {
  layout: GraphLayout;
  overlay?: GraphOverlay;
  view: Size;
  transform: ViewTransform;
  onJump: (t: ViewTransform) => void;
}

/** The whole graph in the canvas's corner, the part in view framed; click or drag to go elsewhere. */
export function Minimap({ layout, overlay, view, transform, onJump }: Props) {
  const geometry = minimapGeometry(view, layout, transform);
  const go = (e: ReactPointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onJump(transformForMinimapPoint({ x: e.clientX - r.left, y: e.clientY - r.top }, geometry, view, layout, transform.k));
  };
  const { visible } = geometry;
  return (
    <div
      style={{ position: "absolute", right: 8, bottom: 8, padding: 4, background: "rgba(255,255,255,0.92)", border: `1px solid ${INK.border}`, borderRadius: 4, cursor: "pointer" }}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <svg
        role="img"
        aria-label="Minimap: the whole graph, the part in view framed; click to move there"
        width={geometry.width}
        height={geometry.height}
        style={{ display: "block", touchAction: "none" }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          go(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) go(e);
        }}
      >
        <MinimapShapes layout={layout} overlay={overlay} geometry={geometry} />
        <rect data-minimap-view x={visible.x} y={visible.y} width={Math.max(2, visible.width)} height={Math.max(2, visible.height)} fill="rgba(11,99,206,0.12)" stroke={INK.selected} strokeWidth={1} />
      </svg>
    </div>
  );
}

/** The states as small boxes, coloured by outcome; redrawn only when the graph or overlay changes. */
const MinimapShapes = memo(
  function MinimapShapes({ layout, overlay, geometry }: { layout: GraphLayout; overlay?: GraphOverlay; geometry: MinimapGeometry }) {
    const sx = geometry.scaleX;
    const sy = geometry.scaleY;
    return (
      <g>
        {layout.nodes.map((n) => {
          const status = lookup(overlay, n.id)?.status;
          const color = status ? OUTCOMES[status].color : INK.faint;
          return <rect key={n.id} x={n.x * sx} y={n.y * sy} width={Math.max(1, n.width * sx)} height={Math.max(1, n.height * sy)} fill={status ? color : "none"} fillOpacity={0.7} stroke={color} strokeWidth={0.5} />;
        })}
      </g>
    );
  },
  (a, b) => a.layout === b.layout && a.overlay === b.overlay && a.geometry.scaleX === b.geometry.scaleX && a.geometry.scaleY === b.geometry.scaleY,
);
