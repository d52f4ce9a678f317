/**
 * Status colours for charts and grids, as hex (SVG fill attributes do not take CSS variables
 * everywhere), from the one status table in components/ui/status.ts.
 */
import { STATUS_LOOKS, statusLook } from "@/components/ui/status";
import type { ExecutionStatusName } from "@/lib/contract/api";
import type { CellOutcome } from "@/lib/metrics/state-execution-grid";

export const STATUS_COLORS = {
  succeeded: STATUS_LOOKS.succeeded.color,
  failed: STATUS_LOOKS.failed.color,
  timed_out: STATUS_LOOKS.timed_out.color,
  aborted: STATUS_LOOKS.aborted.color,
  running: STATUS_LOOKS.running.color,
  caught: STATUS_LOOKS.caught.color,
  retried: STATUS_LOOKS.retried.color,
  pending_redrive: STATUS_LOOKS.pending_redrive.color,
  // A grid cell nobody entered is a pale fill, not the grey of the word "not reached".
  not_reached: STATUS_LOOKS.not_reached.tint,
} as const satisfies Record<CellOutcome | "pending_redrive", string>;

export interface OutcomeLook {
  label: string;
  color: string;
  symbol: string;
  /** Colour of the symbol drawn on top of `color`, chosen for contrast. */
  ink: string;
}

function outcome(status: CellOutcome, symbol: string = STATUS_LOOKS[status].icon): OutcomeLook {
  return { label: STATUS_LOOKS[status].label, color: STATUS_COLORS[status], symbol, ink: STATUS_LOOKS[status].ink };
}

export const OUTCOME_LOOKS: Record<CellOutcome, OutcomeLook> = {
  succeeded: outcome("succeeded"),
  failed: outcome("failed"),
  timed_out: outcome("timed_out"),
  aborted: outcome("aborted"),
  running: outcome("running"),
  caught: outcome("caught"),
  retried: outcome("retried"),
  not_reached: outcome("not_reached", ""),
};

/** Execution statuses as stacked in charts: outcomes first, then what is still going on. */
export const EXECUTION_STATUS_LOOKS: { status: ExecutionStatusName; label: string; color: string }[] = (
  ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING", "PENDING_REDRIVE"] as const
).map((status) => ({ status, label: statusLook(status).label, color: statusLook(status).color }));

/** Percentile lines: one hue, darker for the higher percentile, so the order reads without a legend. */
export const PERCENTILE_COLORS = { p50: "#56B4E9", p90: "#0072B2", p99: "#003F63" } as const;

export const CHART_THEME = {
  grid: "#EEF0F3",
  axis: "#8A94A3",
  text: "#5B6675",
  fontSize: 11,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
} as const;
