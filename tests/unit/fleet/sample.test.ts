import { describe, expect, it } from "vitest";
import type { ExecutionSummary } from "@/lib/contract/api";
import { chooseHistorySample } from "@/lib/server/fleet/sample";
import { stateNamesOf } from "@/lib/server/fleet/state-order";

const T = Date.UTC(2026, 10, 25, 12, 0, 0);

function exec(i: number, status: ExecutionSummary["status"]): ExecutionSummary {
  return { arn: `arn:e${i}`, name: `e${i}`, stateMachineArn: "arn:m", status, startedAt: T - i * 60_000, stoppedAt: status === "RUNNING" ? undefined : T - i * 60_000 + 1000 };
}

describe("history sample", () => {
  // Newest first: 2 running, then successes, with failures further back and one outside the window.
  const list = [exec(0, "RUNNING"), exec(1, "RUNNING"), ...Array.from({ length: 10 }, (_, k) => exec(k + 2, k % 5 === 4 ? "FAILED" : "SUCCEEDED")), exec(200, "FAILED")];
  const window = { from: T - 100 * 60_000, to: T + 60_000 };

  it("takes the newest finished executions, then the newest failures beyond them, within the window", () => {
    const sample = chooseHistorySample(list, window, { sampleFinished: 4, sampleFailures: 5 });
    expect(sample.recent.map((e) => e.name)).toEqual(["e2", "e3", "e4", "e5"]);
    expect(sample.failures.map((e) => e.name)).toEqual(["e6", "e11"]);
    expect(sample.failuresInWindow).toBe(2);
  });

  it("is empty for a window with nothing finished", () => {
    expect(chooseHistorySample(list.slice(0, 2), window, { sampleFinished: 4, sampleFailures: 4 })).toEqual({ recent: [], failures: [], failuresInWindow: 0 });
  });
});

describe("state order from a definition", () => {
  it("lists states as written, nested ones after their parent", () => {
    const definition = JSON.stringify({
      StartAt: "A",
      States: {
        A: { Type: "Parallel", Branches: [{ StartAt: "B1", States: { B1: { Type: "Pass", End: true } } }], Next: "M" },
        M: { Type: "Map", ItemProcessor: { StartAt: "I", States: { I: { Type: "Pass", End: true } } }, End: true },
      },
    });
    expect(stateNamesOf(definition)).toEqual(["A", "B1", "M", "I"]);
  });

  it("gives no names for a definition that is not JSON", () => {
    expect(stateNamesOf("{not json")).toEqual([]);
  });
});

describe("refresh interval", () => {
  it("is the minimum for a small fleet and grows with the number of machines to stay within the ListExecutions budget", async () => {
    const { DEFAULT_FLEET_LIMITS, refreshIntervalFor } = await import("@/lib/server/fleet/limits");
    expect(refreshIntervalFor(4, DEFAULT_FLEET_LIMITS)).toBe(DEFAULT_FLEET_LIMITS.minRefreshMs);
    // 300 machines × 2 calls at 2 calls a second: each machine every 5 minutes.
    expect(refreshIntervalFor(300, DEFAULT_FLEET_LIMITS)).toBe(300_000);
  });
});

describe("failure sample over a long window", () => {
  it("takes one failure per bucket first, so old failures are represented, not only the last minutes", () => {
    const HOUR = 3_600_000;
    // 1 success now, then 3 failures in each of the last 10 hours.
    const list: ExecutionSummary[] = [exec(0, "SUCCEEDED")];
    for (let h = 0; h < 10; h++) for (let k = 0; k < 3; k++) list.push({ ...exec(1, "FAILED"), arn: `f${h}-${k}`, name: `f${h}-${k}`, startedAt: T - h * HOUR - (k + 1) * 60_000 });
    const window = { from: T - 24 * HOUR, to: T + HOUR, bucketMs: HOUR };
    const sample = chooseHistorySample(list, window, { sampleFinished: 1, sampleFailures: 12 });
    expect(sample.failuresInWindow).toBe(30);
    const hours = new Set(sample.failures.map((e) => e.name.split("-")[0]));
    expect(hours.size).toBe(10);
    expect(sample.failures).toHaveLength(12);
  });
});

describe("execution cap", () => {
  it("gives each machine its share of the fleet's budget, within the per-machine bounds", async () => {
    const { DEFAULT_FLEET_LIMITS, executionCapFor } = await import("@/lib/server/fleet/limits");
    expect(executionCapFor(5, DEFAULT_FLEET_LIMITS)).toBe(50_000);
    expect(executionCapFor(100, DEFAULT_FLEET_LIMITS)).toBe(5_000);
    expect(executionCapFor(10_000, DEFAULT_FLEET_LIMITS)).toBe(2_000);
  });
});
