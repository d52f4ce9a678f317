import type { HistoryEvent } from "./events";

/** Numbers below this are epoch seconds (the CLI and recorded JSON), above it epoch ms. */
const SECONDS_CUTOFF = 1e11;

/**
 * Epoch milliseconds from a Date, epoch seconds or ms, or an ISO string. NaN when the value
 * cannot be read as a time (callers decide what a missing time means).
 */
export function normaliseTimestamp(t: Date | number | string): number {
  if (typeof t === "number") {
    if (!Number.isFinite(t)) return NaN;
    return Math.abs(t) < SECONDS_CUTOFF ? Math.round(t * 1000) : t;
  }
  if (t instanceof Date) return t.getTime();
  if (typeof t === "string") {
    const trimmed = t.trim();
    if (trimmed !== "" && !Number.isNaN(Number(trimmed))) return normaliseTimestamp(Number(trimmed));
    return Date.parse(trimmed);
  }
  return NaN;
}

/** The same event with its timestamp in epoch milliseconds, as it crosses our API. */
export function normaliseEvent(e: HistoryEvent): HistoryEvent {
  const ms = normaliseTimestamp(e.timestamp);
  if (ms === e.timestamp) return e;
  return { ...e, timestamp: Number.isNaN(ms) ? 0 : ms };
}
