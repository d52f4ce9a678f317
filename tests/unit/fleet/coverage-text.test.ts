import { describe, expect, it } from "vitest";
import { coverageText } from "@/components/fleet/coverage-text";
import { resolveWindow } from "@/lib/metrics";

const NOW = Date.UTC(2026, 10, 25, 15, 0, 0);
const HOUR = 3_600_000;

describe("what a window's figures cover", () => {
  it("says nothing when the figures cover the whole window", () => {
    expect(coverageText({ partial: false, indexed: 10 }, resolveWindow("24h", NOW))).toBeUndefined();
  });

  it("says since when the figures count while older executions are listed", () => {
    const text = coverageText({ partial: true, indexed: 5000, countedFrom: NOW - 6 * HOUR }, resolveWindow("24h", NOW));
    expect(text).toBe("Figures cover executions started since 2026-11-25 09:00:00 UTC (6h of this 24-hour window); older ones are still being listed.");
  });

  it("says when the source keeps less history than the window (7 days asked, a day held)", () => {
    const text = coverageText({ partial: false, indexed: 5000, sourceFrom: NOW - 24 * HOUR }, resolveWindow("7d", NOW));
    expect(text).toBe("The source holds executions back to 2026-11-24 15:00:00 UTC only: these figures cover 24h of this 7-day window.");
  });

  it("names the count cap when it is why", () => {
    expect(coverageText({ partial: true, capped: true, indexed: 2000, countedFrom: NOW - HOUR }, resolveWindow("24h", NOW))).toMatch(/only the newest 2,000 executions are kept/);
  });
});
