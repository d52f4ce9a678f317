import { memo } from "react";
import type { PlacedEdge, StateEdge } from "@/lib/asl";
import { fitText, smoothPath } from "./svg-text";
import { FONT, INK, OUTCOMES } from "./theme";

interface Props {
  edge: StateEdge;
  placed: PlacedEdge;
  onPath: boolean;
  dimmed: boolean;
  markerId: string;
}

const LABEL_CHAR_WIDTH = 5.6;

/** One transition; catch edges dashed, loops dotted, the execution's path drawn dark. */
export const GraphEdge = memo(function GraphEdge({ edge, placed, onPath, dimmed, markerId }: Props) {
  const color = onPath ? INK.edgeOnPath : edge.kind === "catch" ? OUTCOMES.caught.color : INK.edge;
  const dash = edge.kind === "catch" ? "5 3" : placed.back ? "2 3" : undefined;
  const label = edge.label && edge.kind !== "default" ? fitText(edge.label, 200, LABEL_CHAR_WIDTH) : edge.kind === "default" ? "Default" : "";
  return (
    <g data-edge={edge.kind} data-back={placed.back || undefined} style={{ opacity: dimmed ? 0.35 : 1 }}>
      <path d={smoothPath(placed.points)} fill="none" stroke={color} strokeWidth={onPath ? 2.2 : 1.3} strokeDasharray={dash} markerEnd={`url(#${markerId}-${onPath ? "on" : edge.kind === "catch" ? "catch" : "off"})`} />
      {label && (
        <g transform={`translate(${placed.labelAt.x},${placed.labelAt.y})`}>
          <title>{edge.label}</title>
          <rect x={-(label.length * LABEL_CHAR_WIDTH) / 2 - 4} y={-8} width={label.length * LABEL_CHAR_WIDTH + 8} height={15} rx={3} fill="#fff" stroke={INK.border} strokeWidth={0.6} />
          <text textAnchor="middle" y={3} fontFamily={FONT} fontSize={10} fill={edge.kind === "catch" ? OUTCOMES.caught.color : INK.muted} fontStyle={edge.kind === "default" ? "italic" : undefined}>
            {label}
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
