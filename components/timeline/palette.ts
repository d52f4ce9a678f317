/**
 * Status colours from the Okabe–Ito palette, which stays distinguishable for the common forms
 * of colour blindness. Defined here because no shared palette existed when the timeline was
 * written; if `components/metrics/palette.ts` appears, this should import from it.
 */
import type { SegmentStatus } from "@/lib/timeline";

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
  succeeded: OKABE_ITO.bluishGreen,
  failed: OKABE_ITO.vermillion,
  caught: OKABE_ITO.orange,
  timed_out: OKABE_ITO.reddishPurple,
  aborted: "#8A8A8A",
  running: OKABE_ITO.blue,
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
