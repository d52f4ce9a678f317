/**
 * How each status looks, in one place: its word, icon and colours (Okabe–Ito, which stays
 * distinguishable with the common colour-vision deficiencies; every status also has an icon,
 * so it is never told by colour alone). The graph, the timeline, the charts, the grids and the
 * badges all read this table; app/globals.css repeats the colours as `--st-*` variables for
 * CSS, and a test keeps the two equal.
 */
import type { SourceHealthState } from "@/lib/contract/api";

export type AnyStatus =
  | "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE" | "UNKNOWN"
  | "succeeded" | "failed" | "caught" | "timed_out" | "aborted" | "running" | "not_reached" | "retried";

export interface StatusLook {
  label: string;
  icon: string;
  /** Foreground / fill colour, hex. */
  color: string;
  /** A light background of the same hue (graph nodes). */
  tint: string;
  /** Colour of an icon drawn on top of `color`, chosen for contrast. */
  ink: string;
  /** The CSS variable holding `color`, when there is one. */
  cssVar?: string;
}

export const STATUS_LOOKS = {
  succeeded: { label: "Succeeded", icon: "✓", color: "#009e73", tint: "#e6f5f0", ink: "#ffffff", cssVar: "--st-succeeded" },
  failed: { label: "Failed", icon: "✕", color: "#d55e00", tint: "#fbeee5", ink: "#ffffff", cssVar: "--st-failed" },
  timed_out: { label: "Timed out", icon: "◔", color: "#e69f00", tint: "#fdf4e1", ink: "#1b2430", cssVar: "--st-timed-out" },
  aborted: { label: "Aborted", icon: "⊘", color: "#7f7f7f", tint: "#f0f0f0", ink: "#1b2430", cssVar: "--st-aborted" },
  running: { label: "Running", icon: "▶", color: "#0072b2", tint: "#e5f0f7", ink: "#ffffff", cssVar: "--st-running" },
  caught: { label: "Caught", icon: "↪", color: "#cc79a7", tint: "#f9eff5", ink: "#1b2430", cssVar: "--st-caught" },
  retried: { label: "Retried", icon: "⟳", color: "#b07800", tint: "#fdf4e1", ink: "#1b2430" },
  pending_redrive: { label: "Pending redrive", icon: "↻", color: "#56b4e9", tint: "#eaf6fc", ink: "#1b2430", cssVar: "--st-pending" },
  not_reached: { label: "Not reached", icon: "○", color: "#8a94a3", tint: "#f5f6f8", ink: "#8a94a3" },
  waiting: { label: "Retry back-off", icon: "…", color: "#9a9a9a", tint: "#f0f0f0", ink: "#1b2430" },
  unknown: { label: "Unknown", icon: "?", color: "#8a94a3", tint: "#f5f6f8", ink: "#1b2430" },
} as const satisfies Record<string, StatusLook>;

export type StatusKey = keyof typeof STATUS_LOOKS;

export function statusLook(status: string | undefined): StatusLook {
  const key = (status ?? "unknown").toLowerCase() as StatusKey;
  return STATUS_LOOKS[key] ?? STATUS_LOOKS.unknown;
}

/**
 * How a source's health looks: a status look of the table above (its colour and icon) with the
 * health's own word, so a source in trouble reads like a failed execution, never a new colour.
 */
const SOURCE_HEALTH = {
  ok: { look: "succeeded", label: "OK" },
  loading: { look: "waiting", label: "Loading" },
  throttled: { look: "timed_out", label: "Throttled" },
  down: { look: "failed", label: "Down" },
  denied: { look: "failed", label: "Access denied", icon: "⊘" },
} as const satisfies Record<SourceHealthState, { look: StatusKey; label: string; icon?: string }>;

export function sourceHealthLook(state: SourceHealthState | undefined): StatusLook {
  const entry: { look: StatusKey; label: string; icon?: string } | undefined = state ? SOURCE_HEALTH[state] : undefined;
  if (!entry) return STATUS_LOOKS.unknown;
  const base: StatusLook = STATUS_LOOKS[entry.look];
  return { ...base, label: entry.label, icon: entry.icon ?? base.icon };
}
