/**
 * Formatting of times and durations for people. Pure: `now` is passed in where it matters.
 * Times are epoch milliseconds (our API's convention); display is UTC-explicit because
 * on-call engineers compare against logs, which are in UTC.
 */

export { formatDuration } from "./duration";
import { formatDuration } from "./duration";

/** "2026-11-25 14:05:09 UTC" */
export function formatTimestamp(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return "—";
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** "14:05:09.123" — for timelines where the date is already known. */
export function formatClock(ms: number, withMillis = true): string {
  const iso = new Date(ms).toISOString();
  return withMillis ? iso.slice(11, 23) : iso.slice(11, 19);
}

/** "3 min ago", "in 5 s", "just now". */
export function formatRelative(ms: number | undefined | null, now: number): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return "—";
  const delta = now - ms;
  const abs = Math.abs(delta);
  if (abs < 5_000) return "just now";
  const text = formatDuration(abs).replace(/ (ms|s)$/, " $1").replace(/\.\d+ s$/, " s");
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}
