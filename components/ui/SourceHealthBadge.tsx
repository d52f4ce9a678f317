import type { SourceHealthState } from "@/lib/contract/api";
import { sourceHealthLook } from "./status";

/** A source's health as the status pills look: icon, word and colour (never colour alone). */
export function SourceHealthBadge({ state, message, compact = false }: { state: SourceHealthState | undefined; message?: string; compact?: boolean }) {
  const look = sourceHealthLook(state);
  return (
    <span className="status-badge" data-health={state ?? "unknown"} style={{ borderColor: look.color, color: look.color }} title={message ? `${look.label}: ${message}` : look.label}>
      <span aria-hidden>{look.icon}</span>
      {compact ? <span className="sr-only">{look.label}</span> : <span>{look.label}</span>}
    </span>
  );
}
