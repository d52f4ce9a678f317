import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile, percentiles, percentilesInPlace } from "@/lib/metrics/percentile";

describe("nearest-rank percentiles", () => {
  it("has no percentile of no values", () => {
    expect(percentiles([])).toEqual({ p50: null, p90: null, p99: null });
    expect(percentile([], 50)).toBeNull();
  });

  it("gives the one value for every percentile of a single value", () => {
    expect(percentiles([42])).toEqual({ p50: 42, p90: 42, p99: 42 });
  });

  it("is exact on small inputs, in any order", () => {
    expect(percentiles([4, 1, 3, 2])).toEqual({ p50: 2, p90: 4, p99: 4 });
    const tens = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentiles(tens)).toEqual({ p50: 50, p90: 90, p99: 100 });
    expect(percentile(tens, 0)).toBe(10);
    expect(percentile(tens, 100)).toBe(100);
    expect(percentile([1, 2], 50)).toBe(1);
    expect(percentile([5, 5, 5, 9], 90)).toBe(9);
  });

  it("ignores values that are not numbers", () => {
    expect(percentiles([Number.NaN, 3, Number.POSITIVE_INFINITY, 1])).toEqual({ p50: 1, p90: 3, p99: 3 });
  });

  it("selects the same values that sorting would", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 400 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const rank = (p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1];
        expect(percentilesInPlace(Float64Array.from(values))).toEqual({ p50: rank(50), p90: rank(90), p99: rank(99) });
      }),
    );
  });
});
