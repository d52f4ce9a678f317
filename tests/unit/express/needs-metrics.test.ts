import { describe, expect, it } from "vitest";
import type { FleetRow } from "@/lib/contract/api";
import { resolveWindow } from "@/lib/metrics";
import { summariseMachine } from "@/lib/metrics/summary";
import { needsMetrics } from "@/lib/sfn/cloudwatch/machine-figures";
import { DEFAULT_FLEET_LIMITS } from "@/lib/server/fleet/limits";

const HORIZON = DEFAULT_FLEET_LIMITS.horizonMs;

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const base = { arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", name: "m", createdAt: 0 };
const listed = (coverage: FleetRow["coverage"]): FleetRow => ({ ...base, type: "STANDARD", coverage, summary: summariseMachine([], "24h", NOW) });

describe("which rows are answered from CloudWatch metrics", () => {
  it("every Express row, whatever the window", () => {
    expect(needsMetrics({ ...base, type: "EXPRESS", coverage: { partial: false, indexed: 0 } }, resolveWindow("15m", NOW), NOW, HORIZON)).toBe(true);
  });

  it("a Standard row for a window longer than the index keeps (30 and 90 days), not for 7 days", () => {
    const row = listed({ partial: false, indexed: 500 });
    expect(needsMetrics(row, resolveWindow("7d", NOW), NOW, HORIZON)).toBe(false);
    expect(needsMetrics(row, resolveWindow("30d", NOW), NOW, HORIZON)).toBe(true);
    expect(needsMetrics(row, resolveWindow("90d", NOW), NOW, HORIZON)).toBe(true);
  });

  it("a Standard row before its first listing finished, not one that is only capped or filling in", () => {
    expect(needsMetrics({ ...base, type: "STANDARD", coverage: { partial: true, indexed: 0 } }, resolveWindow("24h", NOW), NOW, HORIZON)).toBe(true);
    expect(needsMetrics(listed({ partial: true, indexed: 0 }), resolveWindow("24h", NOW), NOW, HORIZON)).toBe(true);
    expect(needsMetrics(listed({ partial: true, indexed: 1200 }), resolveWindow("24h", NOW), NOW, HORIZON)).toBe(false);
    expect(needsMetrics(listed({ partial: true, capped: true, indexed: 0 }), resolveWindow("24h", NOW), NOW, HORIZON)).toBe(false);
  });
});
