/**
 * Ticks for the timeline's time axis: round steps (1-2-5 ms, then seconds, minutes, hours,
 * days) chosen so labels stay at least `MIN_TICK_SPACING_PX` apart. Labels are offsets from
 * `origin` (the execution's start), which is what a person reading a Gantt compares.
 */

import { formatTickOffset } from "@/lib/format/duration";

export const MIN_TICK_SPACING_PX = 80;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NICE_STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY,
];

export interface TimeTick {
  /** Epoch milliseconds. */
  t: number;
  /** Pixels from the left edge of the axis. */
  x: number;
  label: string;
}

export interface TimeTicks {
  stepMs: number;
  ticks: TimeTick[];
}

export function timeTicks(from: number, to: number, widthPx: number, origin: number = from): TimeTicks {
  if (!(to > from) || !(widthPx > 0) || !Number.isFinite(from) || !Number.isFinite(to)) {
    return { stepMs: 0, ticks: [] };
  }
  const stepMs = niceStep(to - from, widthPx);
  const scale = widthPx / (to - from);
  const ticks: TimeTick[] = [];
  const firstK = Math.ceil((from - origin) / stepMs);
  for (let k = firstK; origin + k * stepMs <= to; k++) {
    const t = origin + k * stepMs;
    ticks.push({ t, x: (t - from) * scale, label: formatOffset(k * stepMs, stepMs) });
  }
  return { stepMs, ticks };
}

/** The smallest nice step that keeps ticks `MIN_TICK_SPACING_PX` apart. */
export function niceStep(spanMs: number, widthPx: number): number {
  const maxTicks = Math.max(1, Math.floor(widthPx / MIN_TICK_SPACING_PX));
  const minStep = spanMs / maxTicks;
  for (const step of NICE_STEPS_MS) if (step >= minStep) return step;
  const last = NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
  return Math.ceil(minStep / last) * last;
}

/** Axis tick labels are durations too: formatted in lib/format with the others. */
export const formatOffset = formatTickOffset;
