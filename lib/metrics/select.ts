/**
 * Quickselect: rearranges `a[lo..hi]` so that `a[k]` holds the value it would hold if that
 * range were sorted, everything before it is ≤ and everything after it is ≥. O(n) on average;
 * sorting 100,000 durations just to read three of them cost more than the whole rest of a
 * refresh. A run of unlucky pivots falls back to sorting the remaining range.
 */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): number {
  let rounds = 0;
  while (hi > lo) {
    if (hi - lo < 16 || ++rounds > 64) {
      a.subarray(lo, hi + 1).sort();
      return a[k];
    }
    const pivot = medianOfThree(a[lo], a[(lo + hi) >> 1], a[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
