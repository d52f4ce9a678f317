import { statusLook } from "./status";

/** A status as a coloured pill with an icon and a word. */
export function StatusBadge({ status, compact = false }: { status: string | undefined; compact?: boolean }) {
  const look = statusLook(status);
  return (
    <span
      className="status-badge"
      data-status={(status ?? "unknown").toLowerCase()}
      style={{ borderColor: look.color, color: look.color }}
      title={look.label}
    >
      <span aria-hidden>{look.icon}</span>
      {!compact && <span>{look.label}</span>}
    </span>
  );
}
