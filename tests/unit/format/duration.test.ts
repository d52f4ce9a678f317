import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatDuration, formatDurationDelta, formatPreciseOffset, formatTickOffset } from "@/lib/format/duration";

/** Every "<n><unit>" part of a formatted duration stays below the next unit up. */
function partsInRange(text: string): boolean {
  const limits: Record<string, number> = { s: 60, m: 60, h: 24 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s?(ms|s|m|h|d|min)\b/g)];
  if (parts.length < 2) return true;
  return parts.slice(1).every(([, n, unit]) => limits[unit] === undefined || Number(n) < limits[unit]);
}

describe("formatDuration", () => {
  it("never shows a remainder of a whole unit (no '2m 60s', '1h 60m')", () => {
    expect(formatDuration(119_600)).toBe("2m");
    expect(formatDuration(59_960)).toBe("1m");
    expect(formatDuration(9_999)).toBe("10.0 s");
    expect(formatDuration(999.6)).toBe("1.00 s");
    expect(formatDuration(3_599_700)).toBe("1h");
    expect(formatDuration(7_170_000)).toBe("2h");
    fc.assert(fc.property(fc.double({ min: 0, max: 1e10, noNaN: true }), (ms) => partsInRange(formatDuration(ms))));
  });

  it("reads as people write durations", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(4_200)).toBe("4.20 s");
    expect(formatDuration(125_000)).toBe("2m 5s");
    expect(formatDuration(4_500_000)).toBe("1h 15m");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 4h");
    expect(formatDuration(undefined)).toBe("—");
  });

  it("deltas, precise offsets and axis ticks follow the same rule", () => {
    expect(formatDurationDelta(-119_600)).toBe("−2m");
    expect(formatPreciseOffset(125_500)).toBe("+2m 05.500s");
    expect(formatPreciseOffset(59_999.6)).toBe("+1m 00.000s");
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(1_000, 10_000, 60_000, 600_000, 3_600_000), (ms, step) => partsInRange(formatTickOffset(ms, step))));
  });
});
