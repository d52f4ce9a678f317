/**
 * Time windows and their buckets. A preset window ends at `now`; buckets are aligned to round
 * times (a 1 h window has 1-minute buckets starting on the minute) so that the same bucket
 * means the same minutes on every refresh and for every viewer. Because of that alignment the
 * bucketed range starts at or slightly before `now - window` and ends at the end of the
 * bucket holding `now`.
 */
export type WindowPreset = "15m" | "1h" | "24h" | "7d" | "30d" | "90d";

export interface CustomWindow {
  from: number;
  to: number;
}

export type WindowSpec = WindowPreset | CustomWindow;

export interface ResolvedWindow {
  /** Start of the first bucket (inclusive), epoch ms. */
  from: number;
  /** End of the last bucket (exclusive), epoch ms. */
  to: number;
  bucketMs: number;
  bucketCount: number;
  /** "1h", "24h", … or "custom". */
  label: WindowPreset | "custom";
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const WINDOW_PRESETS: Record<WindowPreset, number> = {
  "15m": 15 * MINUTE,
  "1h": HOUR,
  "24h": DAY,
  "7d": 7 * DAY,
  // Longer than the execution index keeps: answered from CloudWatch metrics.
  "30d": 30 * DAY,
  "90d": 90 * DAY,
};

/** Round bucket sizes a person reads easily; every one divides a UTC day or is whole days. */
const NICE_BUCKETS_MS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY,
];

const MAX_BUCKETS = 60;

/** The smallest round bucket size that splits `spanMs` into at most 60 buckets. */
export function bucketSizeFor(spanMs: number): number {
  for (const size of NICE_BUCKETS_MS) if (spanMs / size <= MAX_BUCKETS) return size;
  return Math.ceil(spanMs / MAX_BUCKETS / DAY) * DAY;
}

/**
 * Never throws: a reversed custom range is swapped, an empty one widened to one second, and a
 * non-finite one falls back to the last hour. Use `parseWindow` to tell a person what was wrong.
 */
export function resolveWindow(spec: WindowSpec, now: number): ResolvedWindow {
  let start: number;
  let end: number;
  let label: ResolvedWindow["label"];
  if (typeof spec === "string" && spec in WINDOW_PRESETS) {
    start = now - WINDOW_PRESETS[spec];
    end = now;
    label = spec;
  } else if (typeof spec === "object" && spec !== null && Number.isFinite(spec.from) && Number.isFinite(spec.to)) {
    start = Math.min(spec.from, spec.to);
    end = Math.max(spec.from, spec.to);
    if (end - start < SECOND) end = start + SECOND;
    label = "custom";
  } else {
    start = now - HOUR;
    end = now;
    label = "1h";
  }
  const bucketMs = bucketSizeFor(end - start);
  const from = Math.floor(start / bucketMs) * bucketMs;
  // The bucket holding `end` is included (for a preset, the bucket holding now).
  const to = (Math.floor(end / bucketMs) + 1) * bucketMs;
  return { from, to, bucketMs, bucketCount: Math.round((to - from) / bucketMs), label };
}

/** Index of the bucket holding `t`, or -1 outside the window. */
export function bucketIndexOf(window: ResolvedWindow, t: number): number {
  if (!(t >= window.from && t < window.to)) return -1;
  return Math.floor((t - window.from) / window.bucketMs);
}

export type ParsedWindow = { ok: true; spec: WindowSpec } | { ok: false; message: string };

/**
 * Reads a window from URL parameters: `window=15m|1h|24h|7d`, or `from`/`to` as epoch ms or
 * ISO dates (custom). Absent means the default, 24h.
 */
export function parseWindow(params: { window?: string | null; from?: string | null; to?: string | null }): ParsedWindow {
  const { window, from, to } = params;
  if (from || to) {
    if (!from || !to) return { ok: false, message: "A custom window needs both 'from' and 'to'." };
    const fromMs = parseInstant(from);
    const toMs = parseInstant(to);
    if (fromMs === undefined) return { ok: false, message: `'from' is not a date: ${JSON.stringify(from)}.` };
    if (toMs === undefined) return { ok: false, message: `'to' is not a date: ${JSON.stringify(to)}.` };
    if (toMs <= fromMs) return { ok: false, message: "'to' must be after 'from'." };
    return { ok: true, spec: { from: fromMs, to: toMs } };
  }
  if (!window) return { ok: true, spec: "24h" };
  if (window in WINDOW_PRESETS) return { ok: true, spec: window as WindowPreset };
  return { ok: false, message: `Unknown window ${JSON.stringify(window)}: use 15m, 1h, 24h, 7d, 30d, 90d, or 'from' and 'to'.` };
}

function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d{1,16}$/.test(trimmed)) return Number(trimmed);
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? ms : undefined;
}
