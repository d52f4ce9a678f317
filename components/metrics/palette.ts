/**
 * Status colours for charts and grids, as hex (SVG fill attributes do not take CSS variables
 * everywhere). Okabe–Ito, which stays distinguishable with the common colour-vision
 * deficiencies; every outcome also has a symbol, so colour is never the only cue. The symbols
 * match components/ui/status.ts.
 */
import type { ExecutionStatusName } from "@/lib/contract/api";
import type { CellOutcome } from "@/lib/metrics/state-execution-grid";

export const STATUS_COLORS = {
  succeeded: "#009E73",
  failed: "#D55E00",
  timed_out: "#E69F00",
  aborted: "#999999",
  running: "#0072B2",
  caught: "#CC79A7",
  retried: "#F0E442",
  pending_redrive: "#56B4E9",
  not_reached: "#EEF0F3",
} as const satisfies Record<CellOutcome | "pending_redrive", string>;

export interface OutcomeLook {
  label: string;
  color: string;
  symbol: string;
  /** Colour of the symbol drawn on top of `color`, chosen for contrast. */
  ink: string;
}

export const OUTCOME_LOOKS: Record<CellOutcome, OutcomeLook> = {
  succeeded: { label: "Succeeded", color: STATUS_COLORS.succeeded, symbol: "✓", ink: "#FFFFFF" },
  failed: { label: "Failed", color: STATUS_COLORS.failed, symbol: "✕", ink: "#FFFFFF" },
  timed_out: { label: "Timed out", color: STATUS_COLORS.timed_out, symbol: "◔", ink: "#1B2430" },
  aborted: { label: "Aborted", color: STATUS_COLORS.aborted, symbol: "⊘", ink: "#1B2430" },
  running: { label: "Running", color: STATUS_COLORS.running, symbol: "▶", ink: "#FFFFFF" },
  caught: { label: "Caught", color: STATUS_COLORS.caught, symbol: "↪", ink: "#1B2430" },
  retried: { label: "Retried", color: STATUS_COLORS.retried, symbol: "⟳", ink: "#1B2430" },
  not_reached: { label: "Not reached", color: STATUS_COLORS.not_reached, symbol: "", ink: "#8A94A3" },
};

/** Execution statuses as stacked in charts: outcomes first, then what is still going on. */
export const EXECUTION_STATUS_LOOKS: { status: ExecutionStatusName; label: string; color: string }[] = [
  { status: "SUCCEEDED", label: "Succeeded", color: STATUS_COLORS.succeeded },
  { status: "FAILED", label: "Failed", color: STATUS_COLORS.failed },
  { status: "TIMED_OUT", label: "Timed out", color: STATUS_COLORS.timed_out },
  { status: "ABORTED", label: "Aborted", color: STATUS_COLORS.aborted },
  { status: "RUNNING", label: "Running", color: STATUS_COLORS.running },
  { status: "PENDING_REDRIVE", label: "Pending redrive", color: STATUS_COLORS.pending_redrive },
];

/** Percentile lines: one hue, darker for the higher percentile, so the order reads without a legend. */
export const PERCENTILE_COLORS = { p50: "#56B4E9", p90: "#0072B2", p99: "#003F63" } as const;

export const CHART_THEME = {
  grid: "#EEF0F3",
  axis: "#8A94A3",
  text: "#5B6675",
  fontSize: 11,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
} as const;
