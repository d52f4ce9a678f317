import type { ExecutionSummary } from "@/lib/contract/api";
import { finishedDurationMs } from "./clock-skew";

export interface HistogramBin {
  /** Lower edge (inclusive) and upper edge (exclusive), in ms. */
  fromMs: number;
  toMs: number;
  count: number;
}

/**
 * Histogram of durations on 1-2-5 steps (1 ms, 2 ms, 5 ms, 10 ms … 1 s, 2 s, 5 s …). Durations
 * of executions span milliseconds to days, so equal-width bins would put almost everything in
 * the first one; 1-2-5 bins read like a log scale yet have edges a person can say aloud.
 * Bins run from the one holding the smallest value to the one holding the largest, empty
 * bins included; no values give no bins. Non-finite values are ignored, negatives count as 0.
 */
export function durationHistogram(durationsMs: ArrayLike<number>): HistogramBin[] {
  let min = Infinity;
  let max = -Infinity;
  const n = durationsMs.length;
  for (let i = 0; i < n; i++) {
    const raw = durationsMs[i];
    if (!Number.isFinite(raw)) continue;
    const d = raw < 0 ? 0 : raw;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (min === Infinity) return [];
  const edges = [floorToStep(min)];
  while (edges[edges.length - 1] <= max) edges.push(nextStep(edges[edges.length - 1]));
  const bins: HistogramBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) bins.push({ fromMs: edges[i], toMs: edges[i + 1], count: 0 });
  for (let i = 0; i < n; i++) {
    const raw = durationsMs[i];
    if (!Number.isFinite(raw)) continue;
    bins[binIndex(edges, raw < 0 ? 0 : raw)].count++;
  }
  return bins;
}

/** Durations (ms) of the finished executions in the list; skewed clocks give 0, never negative. */
export function finishedDurations(executions: readonly ExecutionSummary[]): number[] {
  const out: number[] = [];
  for (const e of executions) {
    const d = finishedDurationMs(e);
    if (d !== undefined) out.push(d);
  }
  return out;
}

/** The largest 1-2-5 step ≤ value; 0 for values under 1 ms. */
function floorToStep(value: number): number {
  if (value < 1) return 0;
  const decade = Math.pow(10, Math.floor(Math.log10(value)));
  const mantissa = value / decade;
  // Guard against log10 rounding (log10(1000) may give 2.9999…).
  if (mantissa >= 10) return decade * 10;
  return decade * (mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1);
}

function nextStep(step: number): number {
  if (step === 0) return 1;
  const decade = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
  const mantissa = Math.round(step / decade);
  return mantissa === 1 ? 2 * decade : mantissa === 2 ? 5 * decade : 10 * decade;
}

function binIndex(edges: number[], value: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
