/**
 * How each status looks, in one place: colour (a CSS variable from globals.css, Okabe–Ito) and
 * an icon, so status is never told by colour alone.
 */
export type AnyStatus =
  | "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE" | "UNKNOWN"
  | "succeeded" | "failed" | "caught" | "timed_out" | "aborted" | "running" | "not_reached" | "retried";

interface StatusLook { label: string; icon: string; color: string }

const LOOKS: Record<string, StatusLook> = {
  succeeded: { label: "Succeeded", icon: "✓", color: "var(--st-succeeded)" },
  failed: { label: "Failed", icon: "✕", color: "var(--st-failed)" },
  timed_out: { label: "Timed out", icon: "◔", color: "var(--st-timed-out)" },
  aborted: { label: "Aborted", icon: "⊘", color: "var(--st-aborted)" },
  running: { label: "Running", icon: "▶", color: "var(--st-running)" },
  caught: { label: "Caught", icon: "↪", color: "var(--st-caught)" },
  retried: { label: "Retried", icon: "⟳", color: "var(--st-timed-out)" },
  pending_redrive: { label: "Pending redrive", icon: "↻", color: "var(--st-pending)" },
  not_reached: { label: "Not reached", icon: "○", color: "var(--text-faint)" },
  unknown: { label: "Unknown", icon: "?", color: "var(--text-faint)" },
};

export function statusLook(status: string | undefined): StatusLook {
  return LOOKS[(status ?? "unknown").toLowerCase()] ?? LOOKS.unknown;
}
