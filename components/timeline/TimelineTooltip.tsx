"use client";
import { segmentFacts, type TimelineSegment } from "@/lib/timeline";
import { STATUS_COLOURS, STATUS_LABELS, UI } from "./palette";

export interface HoveredSegment {
  segment: TimelineSegment;
  clientX: number;
  clientY: number;
}

/** Exact times of the hovered segment, next to the pointer. */
export function TimelineTooltip({ hovered, origin }: { hovered: HoveredSegment; origin: number }) {
  const { segment } = hovered;
  return (
    <div role="tooltip" style={{ ...tooltipStyle, ...placeNear(hovered.clientX, hovered.clientY) }}>
      <div style={{ fontWeight: 600, marginBottom: 2 }}>{segment.label}</div>
      <div style={{ color: UI.muted, marginBottom: 4 }}>{segment.runPath}</div>
      <div>
        <span style={{ display: "inline-block", width: 8, height: 8, borderRadius: 2, background: STATUS_COLOURS[segment.status], marginRight: 6 }} />
        {segment.open ? `${STATUS_LABELS[segment.status]} (still going)` : (segment.statusText ?? STATUS_LABELS[segment.status])}
        {segment.critical ? " · on the critical path" : ""}
      </div>
      <table style={{ borderCollapse: "collapse", marginTop: 4 }}>
        <tbody>
          {segmentFacts(segment, origin).map((fact) => (
            <Line key={fact.name} name={fact.name} value={fact.value} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Beside the pointer, flipped to its left or above it near the window's edges. */
function placeNear(x: number, y: number): { left: number; top: number } {
  const width = typeof window === "undefined" ? Infinity : window.innerWidth;
  const height = typeof window === "undefined" ? Infinity : window.innerHeight;
  return {
    left: x + 12 + TOOLTIP_MAX_WIDTH > width ? Math.max(0, x - 12 - TOOLTIP_MAX_WIDTH) : x + 12,
    top: y + 12 + TOOLTIP_EST_HEIGHT > height ? Math.max(0, y - 12 - TOOLTIP_EST_HEIGHT) : y + 12,
  };
}

const TOOLTIP_MAX_WIDTH = 420;
const TOOLTIP_EST_HEIGHT = 120;

function Line({ name, value }: { name: string; value: string }) {
  return (
    <tr>
      <td style={{ color: UI.muted, paddingRight: 8 }}>{name}</td>
      <td style={{ fontVariantNumeric: "tabular-nums" }}>{value}</td>
    </tr>
  );
}

const tooltipStyle = {
  position: "fixed",
  zIndex: 20,
  pointerEvents: "none",
  maxWidth: TOOLTIP_MAX_WIDTH,
  padding: "6px 8px",
  background: "#fff",
  border: `1px solid ${UI.border}`,
  borderRadius: 4,
  boxShadow: "0 4px 12px rgba(0,0,0,0.12)",
  fontFamily: UI.font,
  fontSize: 12,
  color: UI.text,
} as const;
