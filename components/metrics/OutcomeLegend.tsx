import type { CellOutcome } from "@/lib/metrics/state-execution-grid";
import { OUTCOME_LOOKS } from "./palette";

const ORDER: CellOutcome[] = ["succeeded", "retried", "caught", "failed", "timed_out", "aborted", "running", "not_reached"];

/** The key to the grid's colours and symbols. */
export function OutcomeLegend() {
  return (
    <ul aria-label="Legend" style={{ display: "flex", flexWrap: "wrap", gap: "4px 12px", listStyle: "none", margin: "6px 0 0", padding: 0, fontSize: 11, color: "#5B6675" }}>
      {ORDER.map((outcome) => {
        const look = OUTCOME_LOOKS[outcome];
        return (
          <li key={outcome} style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
            <OutcomeSquare outcome={outcome} size={12} />
            {look.label}
          </li>
        );
      })}
    </ul>
  );
}

export function OutcomeSquare({ outcome, size }: { outcome: CellOutcome; size: number }) {
  const look = OUTCOME_LOOKS[outcome];
  return (
    <span
      aria-hidden
      style={{
        display: "inline-flex",
        alignItems: "center",
        justifyContent: "center",
        width: size,
        height: size,
        borderRadius: 2,
        background: look.color,
        color: look.ink,
        fontSize: Math.round(size * 0.7),
        lineHeight: 1,
        border: outcome === "not_reached" ? "1px solid #DFE3E8" : undefined,
        boxSizing: "border-box",
      }}
    >
      {look.symbol}
    </span>
  );
}
