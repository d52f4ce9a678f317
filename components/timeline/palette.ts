/**
 * Status colours for the timeline: the shared Okabe–Ito palette (components/metrics/palette.ts),
 * so a caught or timed-out state has the same colour in the graph, the timeline and the charts.
 */
import type { SegmentStatus } from "@/lib/timeline";
import { STATUS_COLORS } from "@/components/metrics/palette";

export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  black: "#000000",
} as const;

export const STATUS_COLOURS: Record<SegmentStatus, string> = {
  succeeded: STATUS_COLORS.succeeded,
  failed: STATUS_COLORS.failed,
  caught: STATUS_COLORS.caught,
  timed_out: STATUS_COLORS.timed_out,
  aborted: STATUS_COLORS.aborted,
  running: STATUS_COLORS.running,
  not_reached: "#C8C8C8",
  waiting: "#9A9A9A",
};

export const STATUS_LABELS: Record<SegmentStatus, string> = {
  succeeded: "succeeded",
  failed: "failed",
  caught: "failed, caught",
  timed_out: "timed out",
  aborted: "aborted",
  running: "running",
  not_reached: "not reached",
  waiting: "retry back-off",
};

/** The compact, light look shared by the execution page's panels. */
export const UI = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: 12,
  text: "#1F2328",
  muted: "#656D76",
  border: "#D8DEE4",
  subtle: "#F6F8FA",
  selected: "#DDF4FF",
  accent: OKABE_ITO.blue,
} as const;
