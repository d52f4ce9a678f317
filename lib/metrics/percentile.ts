import { selectInPlace } from "./select";

/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value
 * at rank ceil(p/100 · n) (1-based). Chosen over interpolation because the answer is always a
 * duration that really happened — an execution someone can open — and because it is exact and
 * easy to check on small inputs: [1,2,3,4] has p50 = 2, p90 = 4, p99 = 4; one value is every
 * percentile of itself; no values have no percentile (null).
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0 || !Number.isFinite(p)) return null;
  return sorted[nearestRankIndex(n, Math.min(100, Math.max(0, p)))];
}

export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/** p50/p90/p99 of values already sorted ascending. */
export function percentilesOfSorted(sorted: ArrayLike<number>): Percentiles {
  return {
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
  };
}

/**
 * p50/p90/p99 of `values` (finite numbers), reordering them in place. Each later selection
 * works only on the part left of the previous one, so the three cost about one pass.
 */
export function percentilesInPlace(values: Float64Array): Percentiles {
  const n = values.length;
  if (n === 0) return { p50: null, p90: null, p99: null };
  const r99 = nearestRankIndex(n, 99);
  const r90 = nearestRankIndex(n, 90);
  const r50 = nearestRankIndex(n, 50);
  const p99 = selectInPlace(values, 0, n - 1, r99);
  const p90 = selectInPlace(values, 0, r99, r90);
  const p50 = selectInPlace(values, 0, r90, r50);
  return { p50, p90, p99 };
}

/** 0-based index of the nearest-rank p-th percentile among n sorted values. */
export function nearestRankIndex(n: number, p: number): number {
  return Math.max(1, Math.ceil((p / 100) * n)) - 1;
}

/** Sorts a copy (non-finite values dropped), then takes the nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(sortedFinite(values), p);
}

export function percentiles(values: readonly number[]): Percentiles {
  return percentilesInPlace(finiteCopy(values));
}

function sortedFinite(values: readonly number[]): Float64Array {
  // A Float64Array sorts numerically and several times faster than an Array of numbers.
  return finiteCopy(values).sort();
}

function finiteCopy(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) out[n++] = v;
  return out.subarray(0, n);
}
