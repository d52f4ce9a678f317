import { describe, expect, it } from "vitest";
import { formatBucketRange, formatBucketTick, formatPercent } from "@/components/metrics/chart-format";

describe("chart labels", () => {
  const t = Date.UTC(2026, 10, 25, 14, 5, 30);
  it("labels ticks by the bucket size", () => {
    expect(formatBucketTick(t, 15_000)).toBe("14:05:30");
    expect(formatBucketTick(t, 60_000)).toBe("14:05");
    expect(formatBucketTick(t, 3 * 3_600_000)).toBe("11-25 14:05");
  });
  it("names a bucket's range, across midnight too", () => {
    expect(formatBucketRange(Date.UTC(2026, 10, 25, 23, 30), Date.UTC(2026, 10, 26, 0, 0) - 1)).toBe("2026-11-25 23:30–2026-11-26 00:00 UTC");
  });
  it("shows rates as percentages and no rate as a dash", () => {
    expect(formatPercent(0.1234)).toBe("12%");
    expect(formatPercent(0.05)).toBe("5.0%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("—");
  });
});
