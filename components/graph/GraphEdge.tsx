import { memo } from "react";
import type { PlacedEdge, StateEdge } from "@/lib/asl";
import { EDGE_LABEL_PADDING_X } from "@/lib/asl/text-measure";
import { smoothPath } from "./svg-text";
import { FONT, INK, OUTCOMES } from "./theme";

interface Props {
  edge: StateEdge;
  placed: PlacedEdge;
  onPath: boolean;
  dimmed: boolean;
  markerId: string;
}

/** One transition; catch edges dashed, loops dotted, the execution's path drawn dark. */
export const GraphEdge = memo(function GraphEdge({ edge, placed, onPath, dimmed, markerId }: Props) {
  const color = onPath ? INK.edgeOnPath : edge.kind === "catch" ? OUTCOMES.caught.color : INK.edge;
  const dash = edge.kind === "catch" ? "5 3" : placed.back ? "2 3" : undefined;
  // The label's text and box come from the layout, which kept that box free of states, badges and other labels.
  const label = placed.label;
  return (
    <g data-edge={edge.kind} data-back={placed.back || undefined} style={{ opacity: dimmed ? 0.35 : 1 }}>
      <path d={smoothPath(placed.points)} fill="none" stroke={color} strokeWidth={onPath ? 2.2 : 1.3} strokeDasharray={dash} markerEnd={`url(#${markerId}-${onPath ? "on" : edge.kind === "catch" ? "catch" : "off"})`} />
      {label && (
        <g transform={`translate(${label.x},${label.y})`} data-edge-label={edge.id}>
          <title>{edge.label ?? label.text}</title>
          <rect width={label.width} height={label.height} rx={3} fill="#fff" stroke={INK.border} strokeWidth={0.6} />
          <text x={EDGE_LABEL_PADDING_X} y={label.height / 2 + 3.5} fontFamily={FONT} fontSize={10} fill={edge.kind === "catch" ? OUTCOMES.caught.color : INK.muted} fontStyle={edge.kind === "default" ? "italic" : undefined}>
            {label.text}
          </text>
        </g>
      )}
    </g>
  );
});

/** Arrowheads, one per edge colour; ids are made unique per graph by the caller. */
export function EdgeMarkers({ id }: { id: string }) {
  const heads: Array<[string, string]> = [["on", INK.edgeOnPath], ["off", INK.edge], ["catch", OUTCOMES.caught.color]];
  return (
    <defs>
      {heads.map(([suffix, color]) => (
        <marker key={suffix} id={`${id}-${suffix}`} viewBox="0 0 10 10" refX={9} refY={5} markerUnits="userSpaceOnUse" markerWidth={9} markerHeight={9} orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={color} />
        </marker>
      ))}
    </defs>
  );
}
