/** Labels for chart axes and tooltips. Pure; times are shown in UTC like the rest of the app. */
import { formatDuration } from "@/lib/format/time";

const HOUR = 3_600_000;

/** An axis tick for a bucket start: "14:05" for short buckets, "11-25 14:00" once buckets span hours. */
export function formatBucketTick(ms: number, bucketMs: number): string {
  const iso = new Date(ms).toISOString();
  if (bucketMs >= 3 * HOUR) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  if (bucketMs < 60_000) return iso.slice(11, 19);
  return iso.slice(11, 16);
}

/** A tooltip title for a bucket whose last instant is `to` (inclusive): "2026-11-25 14:05–14:06 UTC". */
export function formatBucketRange(from: number, to: number): string {
  const end = to + 1;
  const a = new Date(from).toISOString();
  const b = new Date(end).toISOString();
  const sameDay = a.slice(0, 10) === b.slice(0, 10);
  const clock = (iso: string) => (end - from < 60_000 || from % 60_000 !== 0 || end % 60_000 !== 0 ? iso.slice(11, 19) : iso.slice(11, 16));
  return `${a.slice(0, 10)} ${clock(a)}–${sameDay ? "" : `${b.slice(0, 10)} `}${clock(b)} UTC`;
}

/** 0.1234 → "12.3%"; null (nothing finished) → "—". */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  const pct = rate * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  return `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

/** A duration axis tick: compact ("250 ms", "4.2 s", "3m"). */
export function formatDurationTick(ms: number): string {
  return formatDuration(ms);
}

/** A histogram bin's label: "1 s–2 s". */
export function formatBinLabel(fromMs: number, toMs: number): string {
  return `${formatDuration(fromMs)}–${formatDuration(toMs)}`;
}
