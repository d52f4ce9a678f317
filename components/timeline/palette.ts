/**
 * Status colours and words for the timeline, from the one status table (components/ui/status),
 * so a caught or timed-out state looks the same in the graph, the timeline and the charts.
 */
import type { SegmentStatus } from "@/lib/timeline";
import { STATUS_LOOKS } from "@/components/ui/status";

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
  succeeded: STATUS_LOOKS.succeeded.color,
  failed: STATUS_LOOKS.failed.color,
  caught: STATUS_LOOKS.caught.color,
  timed_out: STATUS_LOOKS.timed_out.color,
  aborted: STATUS_LOOKS.aborted.color,
  running: STATUS_LOOKS.running.color,
  not_reached: STATUS_LOOKS.not_reached.color,
  waiting: STATUS_LOOKS.waiting.color,
};

export const STATUS_LABELS: Record<SegmentStatus, string> = {
  succeeded: STATUS_LOOKS.succeeded.label,
  failed: STATUS_LOOKS.failed.label,
  caught: STATUS_LOOKS.caught.label,
  timed_out: STATUS_LOOKS.timed_out.label,
  aborted: STATUS_LOOKS.aborted.label,
  running: STATUS_LOOKS.running.label,
  not_reached: STATUS_LOOKS.not_reached.label,
  waiting: STATUS_LOOKS.waiting.label,
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
