import { describe, expect, it } from "vitest";
import { durationHistogram, finishedDurations } from "@/lib/metrics/histogram";
import { execution, NOW } from "./helpers";

describe("durationHistogram", () => {
  it("has no bins without durations", () => {
    expect(durationHistogram([])).toEqual([]);
    expect(durationHistogram([Number.NaN])).toEqual([]);
  });

  it("puts one duration in one bin", () => {
    expect(durationHistogram([150])).toEqual([{ fromMs: 100, toMs: 200, count: 1 }]);
  });

  it("uses 1-2-5 edges with the empty bins between kept", () => {
    const bins = durationHistogram([0, 3, 7, 1_000, 1_999, 4_000]);
    expect(bins.map((b) => b.fromMs)).toEqual([0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000]);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 2, 1]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(6);
  });

  it("counts a negative duration (clock skew) as 0", () => {
    expect(durationHistogram([-5])).toEqual([{ fromMs: 0, toMs: 1, count: 1 }]);
  });

  it("takes durations of finished executions only, never negative", () => {
    const skewed = { ...execution("SUCCEEDED", NOW), stoppedAt: NOW - 1_000 };
    expect(finishedDurations([execution("RUNNING", NOW), execution("FAILED", NOW - 500, 200), skewed])).toEqual([200, 0]);
  });
});
