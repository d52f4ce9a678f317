import { describe, expect, it } from "vitest";
import type { ExecutionSummary } from "@/lib/contract/api";
import { fromInputValue, MACHINE_WINDOW_KEYS, toInputValue, windowFromSearch, writeWindow } from "@/components/fleet/window-params";
import { nextSort, sortExecutions } from "@/components/executions/sort-executions";
import { parseFleetParams, parseWindowParams } from "@/app/api/fleet/_lib/query-params";
import { SfnError } from "@/lib/sfn";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe("window in the page URL", () => {
  it("round-trips presets and custom ranges, and leaves the default out", () => {
    const p = new URLSearchParams();
    writeWindow(p, { window: "24h" });
    expect(p.toString()).toBe("");
    writeWindow(p, { window: "custom", from: 1000, to: 5000 }, MACHINE_WINDOW_KEYS);
    expect(p.toString()).toBe("window=custom&wfrom=1000&wto=5000");
    expect(windowFromSearch(p, MACHINE_WINDOW_KEYS)).toEqual({ window: "custom", from: 1000, to: 5000 });
  });

  it("falls back to 24 h for nonsense", () => {
    expect(windowFromSearch(new URLSearchParams("window=5y"))).toEqual({ window: "24h" });
    expect(windowFromSearch(new URLSearchParams("window=custom&from=9&to=3"))).toEqual({ window: "24h" });
  });

  it("reads and writes the custom inputs in UTC", () => {
    expect(toInputValue(NOW)).toBe("2026-11-25T12:00");
    expect(fromInputValue("2026-11-25T12:00")).toBe(NOW);
    expect(fromInputValue("tomorrow")).toBeUndefined();
  });
});

describe("fleet API parameters", () => {
  const req = (qs: string) => new Request(`http://x/api/fleet?${qs}`);
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(SfnError);
      expect((e as SfnError).code).toBe("BAD_REQUEST");
      return (e as Error).message;
    }
    throw new Error("expected a 400");
  };

  it("accepts the presets and a custom range", () => {
    expect(parseWindowParams(req("window=15m"), NOW).label).toBe("15m");
    expect(parseWindowParams(req(""), NOW).label).toBe("24h");
    const custom = parseWindowParams(req(`window=custom&from=${NOW - 3_600_000}&to=${NOW}`), NOW);
    expect(custom.label).toBe("custom");
    expect(custom.from).toBeLessThanOrEqual(NOW - 3_600_000);
  });

  it("explains a bad window", () => {
    expect(message(() => parseWindowParams(req("window=2w"), NOW))).toMatch(/15m, 1h, 24h, 7d/);
    expect(message(() => parseWindowParams(req("window=custom&from=1"), NOW))).toMatch(/from.*to/);
    expect(message(() => parseWindowParams(req(`window=custom&from=${NOW}&to=${NOW - 1}`), NOW))).toMatch(/after/);
    expect(message(() => parseWindowParams(req("window=custom&from=yesterday&to=today"), NOW))).toMatch(/not a date/);
  });

  it("explains a bad sort, direction or limit, and defaults to unhealthy first", () => {
    expect(parseFleetParams(req(""))).toEqual({ q: undefined, sort: "health", dir: "desc", offset: 0, limit: 100 });
    expect(parseFleetParams(req("sort=name")).dir).toBe("asc");
    expect(message(() => parseFleetParams(req("sort=colour")))).toMatch(/health, name, source, account, region, type, started, running, succeeded, failed, timedOut, aborted, errorRate, p50, p90, p99, errors, failingSince/);
    expect(message(() => parseFleetParams(req("dir=up")))).toMatch(/asc or desc/);
    expect(message(() => parseFleetParams(req("limit=0")))).toMatch(/at least 1/);
    expect(message(() => parseFleetParams(req("cursor=abc")))).toMatch(/nextCursor/);
  });
});

describe("executions list sorting", () => {
  const e = (name: string, status: ExecutionSummary["status"], startedAt: number, stoppedAt?: number): ExecutionSummary => ({ arn: name, name, stateMachineArn: "m", status, startedAt, stoppedAt });
  const list = [e("c", "RUNNING", 300), e("b", "FAILED", 200, 260), e("a", "SUCCEEDED", 100, 500)];

  it("sorts by duration with running ones measured to now", () => {
    expect(sortExecutions(list, { key: "duration", dir: "desc" }, 1000).map((x) => x.name)).toEqual(["c", "a", "b"]);
  });

  it("sorts names A→Z on the first click and flips on the second", () => {
    const first = nextSort({ key: "startedAt", dir: "desc" }, "name");
    expect(sortExecutions(list, first, 1000).map((x) => x.name)).toEqual(["a", "b", "c"]);
    expect(sortExecutions(list, nextSort(first, "name"), 1000).map((x) => x.name)).toEqual(["c", "b", "a"]);
  });
});
