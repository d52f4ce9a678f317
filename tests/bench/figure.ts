/**
 * One benchmark figure. `value` and `baseline` are measured in the same run, so `ratio`
 * (value / baseline) is comparable across machines. `target` is what the issue asks for,
 * as a ratio when the unit is "ratio", else in `unit`.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string;
  /** What value and baseline are measured in when the figure is a ratio (ms unless said). */
  measuredIn?: string;
}

/** The middle value (the upper of the two middles for an even count); the input is not changed. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time of `fn` over `runs` runs after `warmup` unmeasured ones, in milliseconds. */
export function medianMs(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function figure(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: string,
  measuredIn?: string,
): Figure {
  const ratio = baseline && baseline > 0 ? value / baseline : null;
  const f: Figure = { name, value: round(value), unit, baseline: baseline === null ? null : round(baseline), ratio: ratio === null ? null : round(ratio), target };
  if (measuredIn) f.measuredIn = measuredIn;
  return f;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
