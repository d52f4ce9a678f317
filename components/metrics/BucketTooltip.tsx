"use client";
import type { ExecutionStatusName } from "@/lib/contract/api";
import { formatBucketRange } from "./chart-format";
import { EXECUTION_STATUS_LOOKS } from "./palette";

interface BucketRow extends Partial<Record<ExecutionStatusName, number>> {
  from: number;
  to: number;
}

/**
 * Tooltip of the status chart: the bucket's time range, its total, and only the statuses that
 * occurred, in stack order, with dark text beside a colour swatch (coloured text in light
 * Okabe–Ito hues is hard to read).
 */
export function BucketTooltip({ active, payload, clickable }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; clickable: boolean }) {
  const row = payload?.[0]?.payload as BucketRow | undefined;
  if (!active || !row) return null;
  const present = EXECUTION_STATUS_LOOKS.filter((look) => (row[look.status] ?? 0) > 0);
  const total = present.reduce((sum, look) => sum + (row[look.status] ?? 0), 0);
  return (
    <div style={{ background: "#FFFFFF", border: "1px solid #C4CAD3", borderRadius: 4, padding: "6px 8px", fontSize: 12, color: "#1B2430", boxShadow: "0 2px 6px rgba(0,0,0,0.08)" }}>
      <div style={{ fontWeight: 600, marginBottom: 2 }}>{formatBucketRange(row.from, row.to)}</div>
      <div style={{ color: "#5B6675", marginBottom: 4 }}>{total === 1 ? "1 execution started" : `${total} executions started`}</div>
      {present.map((look) => (
        <div key={look.status} style={{ display: "flex", alignItems: "center", gap: 6 }}>
          <span aria-hidden style={{ width: 8, height: 8, borderRadius: 2, background: look.color, display: "inline-block" }} />
          <span style={{ flex: 1 }}>{look.label}</span>
          <span style={{ fontVariantNumeric: "tabular-nums" }}>{row[look.status]}</span>
        </div>
      ))}
      {clickable && total > 0 && <div style={{ color: "#8A94A3", marginTop: 4 }}>Click to list these executions</div>}
    </div>
  );
}
