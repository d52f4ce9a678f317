/**
 * How the graph looks. Outcome colours are the Okabe–Ito palette (the same values as the app's
 * status tokens), chosen to stay apart for the common colour-vision deficiencies; every
 * outcome also has its own icon, so colour is never the only cue.
 */
import type { OverlayStatus, StateType } from "@/lib/asl";
import { STATUS_LOOKS } from "@/components/ui/status";

export interface OutcomeLook {
  label: string;
  icon: string;
  color: string;
  /** A pale tint of `color` for the node's fill. */
  tint: string;
}

/** Outcome looks come from the one status table. */
export const OUTCOMES: Record<OverlayStatus, OutcomeLook> = {
  succeeded: look("succeeded"),
  failed: look("failed"),
  caught: look("caught"),
  timed_out: look("timed_out"),
  aborted: look("aborted"),
  running: look("running"),
  not_reached: look("not_reached"),
};

function look(status: OverlayStatus): OutcomeLook {
  const { label, icon, color, tint } = STATUS_LOOKS[status];
  return { label, icon, color, tint };
}

export const RETRY_LOOK = { label: STATUS_LOOKS.retried.label, icon: STATUS_LOOKS.retried.icon, color: STATUS_LOOKS.retried.color } as const;

export const TYPE_GLYPHS: Record<StateType, string> = {
  Task: "⚙",
  Pass: "→",
  Choice: "◇",
  Wait: "◷",
  Succeed: "⚑",
  Fail: "⚠",
  Parallel: "∥",
  Map: "⊞",
};

export const INK = {
  text: "#1b2430",
  muted: "#5b6675",
  faint: "#8a94a3",
  border: "#c4cad3",
  nodeFill: "#ffffff",
  containerFill: "#fbfcfd",
  groupFill: "#f3f5f8",
  edge: "#8a94a3",
  edgeOnPath: "#1b2430",
  selected: "#0b63ce",
  canvas: "#f6f7f9",
} as const;

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
