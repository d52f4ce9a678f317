import { memo } from "react";
import type { PlacedGroup, StateGroup } from "@/lib/asl";
import { fitText } from "./svg-text";
import { FONT, INK } from "./theme";

/** A Parallel branch or a Map processor: a framed area inside its state. */
export const GraphGroup = memo(function GraphGroup({ group, box }: { group: StateGroup; box: PlacedGroup }) {
  return (
    <g transform={`translate(${box.x},${box.y})`} data-group={group.id}>
      <rect width={box.width} height={box.height} rx={5} fill={INK.groupFill} stroke={INK.border} strokeDasharray={group.mapMode === "distributed" ? "6 3" : "3 3"} />
      <text x={8} y={14} fontFamily={FONT} fontSize={10} fontWeight={600} fill={INK.muted} style={{ textTransform: "uppercase", letterSpacing: 0.4 }}>
        {fitText(group.label, box.width - 16, 6.4)}
      </text>
    </g>
  );
});
