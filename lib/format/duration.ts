/**
 * Every duration the product shows is formatted here, so one execution reads the same on every
 * page: never "2m 60s" (values are rounded to the unit shown before they are split).
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "850 ms", "4.20 s", "12.5 s", "2m 5s", "1h 15m", "3d 4h": a duration for people. */
export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return "—";
  if (ms < 0) ms = 0;
  if (Math.round(ms) < SECOND) return `${Math.round(ms)} ms`;
  if (ms < 10 * SECOND) {
    const s = (ms / SECOND).toFixed(2);
    if (Number(s) < 10) return `${s} s`;
  }
  if (ms < MINUTE) {
    const s = (ms / SECOND).toFixed(1);
    if (Number(s) < 60) return `${s} s`;
  }
  const totalSeconds = Math.round(ms / SECOND);
  if (totalSeconds < 60 * 60) return withRest(Math.floor(totalSeconds / 60), "m", totalSeconds % 60, "s");
  const totalMinutes = Math.round(ms / MINUTE);
  if (totalMinutes < 48 * 60) return withRest(Math.floor(totalMinutes / 60), "h", totalMinutes % 60, "m");
  const totalHours = Math.round(ms / HOUR);
  return withRest(Math.floor(totalHours / 24), "d", totalHours % 24, "h");
}

/**
 * A state's duration over all its runs (see summariseRuns): "max 4.20 s" when it is the longest
 * of runs that overlapped in time (Map iterations, Parallel branches), else the plain duration.
 */
export function formatStateDuration(ms: number | undefined | null, longestOfOverlapping: boolean | undefined): string {
  const text = formatDuration(ms);
  return longestOfOverlapping && text !== "—" ? `max ${text}` : text;
}

/** "+1.2 s", "−3m 4s", "±0": how much longer (or shorter) one duration is than another. */
export function formatDurationDelta(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms === 0) return "±0";
  return `${ms > 0 ? "+" : "−"}${formatDuration(Math.abs(ms))}`;
}

/**
 * "+0.000 s", "+12.345 s", "+2m 05.500s", "+1h 02m 05.500s": an offset from the execution's
 * start where milliseconds matter (the events table, the postmortem's timeline).
 */
export function formatPreciseOffset(offsetMs: number | undefined): string {
  if (offsetMs === undefined || !Number.isFinite(offsetMs)) return "—";
  const sign = offsetMs < 0 ? "−" : "+";
  const ms = Math.round(Math.abs(offsetMs));
  if (ms < MINUTE) return `${sign}${(ms / SECOND).toFixed(3)} s`;
  const minutes = Math.floor(ms / MINUTE);
  const seconds = ((ms % MINUTE) / SECOND).toFixed(3).padStart(6, "0");
  if (minutes < 60) return `${sign}${minutes}m ${seconds}s`;
  return `${sign}${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m ${seconds}s`;
}

function withRest(whole: number, unit: string, rest: number, restUnit: string): string {
  return rest ? `${whole}${unit} ${rest}${restUnit}` : `${whole}${unit}`;
}

/** "0", "250 ms", "1.5 s", "2m 30s", "1h 15m", "3 d" — precise enough for the step in use. */
export function formatTickOffset(offsetMs: number, stepMs: number): string {
  if (offsetMs === 0) return "0";
  const sign = offsetMs < 0 ? "−" : "";
  const ms = Math.abs(offsetMs);
  if (stepMs < SECOND) {
    if (ms < SECOND) return `${sign}${ms} ms`;
    return `${sign}${trimZeros((ms / SECOND).toFixed(3))} s`;
  }
  if (stepMs < MINUTE) {
    if (ms < MINUTE) return `${sign}${ms / SECOND} s`;
    const seconds = Math.round(ms / SECOND);
    return `${sign}${withRest(Math.floor(seconds / 60), "m", seconds % 60, "s")}`;
  }
  if (stepMs < HOUR) {
    if (ms < HOUR) return `${sign}${Math.round(ms / MINUTE)} min`;
    const minutes = Math.round(ms / MINUTE);
    return `${sign}${withRest(Math.floor(minutes / 60), "h", minutes % 60, "m")}`;
  }
  if (stepMs < DAY) {
    if (ms < DAY) return `${sign}${Math.round(ms / HOUR)} h`;
    const hours = Math.round(ms / HOUR);
    return `${sign}${withRest(Math.floor(hours / 24), "d", hours % 24, "h")}`;
  }
  return `${sign}${Math.round(ms / DAY)} d`;
}

function trimZeros(fixed: string): string {
  return fixed.replace(/\.?0+$/, "");
}
