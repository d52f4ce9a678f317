/**
 * How the graph looks. Outcome colours are the Okabe–Ito palette (the same values as the app's
 * status tokens), chosen to stay apart for the common colour-vision deficiencies; every
 * outcome also has its own icon, so colour is never the only cue.
 */
import type { OverlayStatus, StateType } from "@/lib/asl";

export interface OutcomeLook {
  label: string;
  icon: string;
  color: string;
  /** A pale tint of `color` for the node's fill. */
  tint: string;
}

export const OUTCOMES: Record<OverlayStatus, OutcomeLook> = {
  succeeded: { label: "Succeeded", icon: "✓", color: "#009e73", tint: "#e6f5f0" },
  failed: { label: "Failed", icon: "✕", color: "#d55e00", tint: "#fbeee5" },
  caught: { label: "Caught", icon: "↪", color: "#cc79a7", tint: "#f9eff5" },
  timed_out: { label: "Timed out", icon: "◔", color: "#e69f00", tint: "#fdf4e1" },
  aborted: { label: "Aborted", icon: "⊘", color: "#7f7f7f", tint: "#f0f0f0" },
  running: { label: "Running", icon: "▶", color: "#0072b2", tint: "#e5f0f7" },
  not_reached: { label: "Not reached", icon: "○", color: "#8a94a3", tint: "#f5f6f8" },
};

export const RETRY_LOOK = { label: "Retried", icon: "⟳", color: "#b07800" } as const;

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
