import type { CSSProperties } from "react";
import { STATE_TYPES, type OverlayStatus } from "@/lib/asl";
import { INK, OUTCOMES, RETRY_LOOK, TYPE_GLYPHS } from "./theme";

const row: CSSProperties = { display: "flex", flexWrap: "wrap", gap: "4px 12px", alignItems: "center" };
const item: CSSProperties = { display: "inline-flex", alignItems: "center", gap: 4, whiteSpace: "nowrap" };

/** What the glyphs, colours and line styles mean; outcomes only when an overlay is shown. */
export function GraphLegend({ statuses }: { statuses: readonly OverlayStatus[] }) {
  return (
    <div aria-label="Legend" style={{ display: "grid", gap: 4, fontSize: 11, color: INK.muted, padding: "6px 10px", borderTop: `1px solid ${INK.border}`, background: "#fff" }}>
      <div style={row}>
        {STATE_TYPES.map((t) => (
          <span key={t} style={item}>
            <span aria-hidden style={{ color: INK.text }}>{TYPE_GLYPHS[t]}</span>
            {t}
          </span>
        ))}
        <span style={item}>
          <span aria-hidden>{"{%}"}</span> JSONata
        </span>
        <span style={item}>
          <span aria-hidden>≔</span> assigns variables
        </span>
        <span style={item}>
          <Line color={INK.edge} /> next
        </span>
        <span style={item}>
          <Line color={OUTCOMES.caught.color} dash="4 2" /> catch
        </span>
        <span style={item}>
          <Line color={INK.edge} dash="2 2" /> loop back
        </span>
      </div>
      {statuses.length > 0 && (
        <div style={row}>
          {statuses.map((s) => (
            <span key={s} style={item}>
              <span aria-hidden style={{ display: "inline-grid", placeItems: "center", width: 14, height: 14, borderRadius: 7, background: OUTCOMES[s].color, color: "#fff", fontSize: 9, fontWeight: 700 }}>
                {OUTCOMES[s].icon}
              </span>
              {OUTCOMES[s].label}
            </span>
          ))}
          <span style={item}>
            <span aria-hidden style={{ color: RETRY_LOOK.color, fontWeight: 700 }}>{RETRY_LOOK.icon}</span> retried
          </span>
          <span style={item}>
            <Line color={INK.edgeOnPath} width={2.2} /> path taken
          </span>
        </div>
      )}
    </div>
  );
}

function Line({ color, dash, width = 1.3 }: { color: string; dash?: string; width?: number }) {
  return (
    <svg width={22} height={8} aria-hidden>
      <line x1={1} y1={4} x2={21} y2={4} stroke={color} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}
