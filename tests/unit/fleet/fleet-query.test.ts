import { describe, expect, it } from "vitest";
import { defaultFleetSortDir, type ExecutionSummary, type FleetRow } from "@/lib/contract/api";
import { summariseMachine, resolveWindow } from "@/lib/metrics";
import { queryFleet } from "@/lib/server/fleet/fleet-query";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const MIN = 60_000;
const window = resolveWindow("1h", NOW);

/** A machine with `ok` successes and `bad` failures, the failures `failuresMinutesAgo` ago. */
function row(name: string, ok: number, bad: number, failuresMinutesAgo = 2, durationMs = 1_000): FleetRow {
  const executions: ExecutionSummary[] = [];
  for (let i = 0; i < ok; i++) executions.push(exec(name, `ok${i}`, "SUCCEEDED", NOW - (5 + (i % 50)) * MIN, durationMs));
  for (let i = 0; i < bad; i++) executions.push(exec(name, `bad${i}`, "FAILED", NOW - failuresMinutesAgo * MIN, durationMs));
  return { arn: `arn:${name}`, name, type: "STANDARD", createdAt: 0, summary: summariseMachine(executions, window, NOW), coverage: { partial: false, indexed: executions.length } };
}

function exec(machine: string, name: string, status: ExecutionSummary["status"], startedAt: number, durationMs: number): ExecutionSummary {
  return { arn: `arn:${machine}:${name}`, name, stateMachineArn: `arn:${machine}`, status, startedAt, stoppedAt: startedAt + durationMs };
}

const express: FleetRow = { arn: "arn:clicks", name: "clicks", type: "EXPRESS", createdAt: 0, unavailable: "Express", coverage: { partial: false, indexed: 0 } };

const rows = [express, row("billing", 100, 1, 50), row("orders", 60, 30), row("audit", 20, 0, 2, 90_000)];

const names = (q: Parameters<typeof queryFleet>[1]) => queryFleet(rows, q).rows.map((r) => r.name);
const base = { offset: 0, limit: 10 } as const;

describe("fleet rows: sort, search, page", () => {
  it("puts the machine failing now first and machines without numbers last", () => {
    expect(names({ ...base, sort: "health", dir: "desc" })).toEqual(["orders", "billing", "audit", "clicks"]);
  });

  it("sorts by source, account and Region, A to Z by default, names breaking ties", () => {
    const at = (r: FleetRow, name: string, region: string, accountId: string) => ({ ...r, source: { id: `${name}:${region}`, name, region, accountId, health: "ok" as const } });
    const sourced = [at(row("b", 10, 0), "staging", "us-east-1", "222222222222"), at(row("a", 10, 0), "prod", "eu-west-1", "123456789012"), at(row("c", 10, 0), "prod", "us-east-1", "123456789012")];
    const order = (sort: "source" | "account" | "region", dir: "asc" | "desc") => queryFleet(sourced, { ...base, sort, dir }).rows.map((r) => r.name);
    expect(defaultFleetSortDir("source")).toBe("asc");
    expect(defaultFleetSortDir("failed")).toBe("desc");
    expect(order("source", "asc")).toEqual(["a", "c", "b"]);
    expect(order("source", "desc")).toEqual(["b", "c", "a"]);
    expect(order("account", "asc")).toEqual(["a", "c", "b"]);
    expect(order("region", "asc")).toEqual(["a", "b", "c"]);
  });

  it("sorts by name both ways, by p90, by errors and by started, Express still last", () => {
    expect(names({ ...base, sort: "name", dir: "asc" })).toEqual(["audit", "billing", "orders", "clicks"]);
    expect(names({ ...base, sort: "name", dir: "desc" })).toEqual(["orders", "billing", "audit", "clicks"]);
    expect(names({ ...base, sort: "p90", dir: "desc" })[0]).toBe("audit");
    expect(names({ ...base, sort: "errors", dir: "desc" })).toEqual(["orders", "billing", "audit", "clicks"]);
    expect(names({ ...base, sort: "started", dir: "asc" })).toEqual(["audit", "orders", "billing", "clicks"]);
  });

  it("searches names case-insensitively", () => {
    expect(names({ ...base, sort: "health", dir: "desc", q: "ORD" })).toEqual(["orders"]);
    expect(queryFleet(rows, { ...base, sort: "health", dir: "desc", q: "zzz" }).total).toBe(0);
  });

  it("pages with an offset and says where the next page starts", () => {
    const first = queryFleet(rows, { sort: "name", dir: "asc", offset: 0, limit: 3 });
    expect(first).toMatchObject({ total: 4, nextOffset: 3 });
    const second = queryFleet(rows, { sort: "name", dir: "asc", offset: 3, limit: 3 });
    expect(second.rows.map((r) => r.name)).toEqual(["clicks"]);
    expect(second.nextOffset).toBeUndefined();
  });
});

describe("every fleet column sorts", () => {
  it("orders by each count, the error rate, each percentile and how long a machine has been failing", () => {
    const failing = { ...row("payments", 10, 5), failingSince: NOW - 40 * MIN };
    const recent = { ...row("refunds", 10, 1), failingSince: NOW - 3 * MIN };
    const all = [express, failing, recent, row("audit", 20, 0, 2, 90_000)];
    const by = (sort: Parameters<typeof queryFleet>[1]["sort"], dir: "asc" | "desc" = "desc") => queryFleet(all, { ...base, sort, dir }).rows.map((r) => r.name);
    expect(by("failingSince")).toEqual(["payments", "refunds", "audit", "clicks"]);
    expect(by("errorRate")).toEqual(["payments", "refunds", "audit", "clicks"]);
    expect(by("succeeded")).toEqual(["audit", "payments", "refunds", "clicks"]);
    expect(by("failed", "asc")).toEqual(["audit", "refunds", "payments", "clicks"]);
    expect(by("p99")[0]).toBe("audit");
    expect(by("p50", "asc")[2]).toBe("audit");
    for (const sort of ["type", "running", "timedOut", "aborted", "p50", "p90"] as const) expect(by(sort)).toHaveLength(4);
  });
});

describe("failing since", () => {
  const e = (startedAt: number, status: ExecutionSummary["status"]) => exec("m", `e${startedAt}`, status, startedAt, 1);
  it("is the start of the oldest failure of the newest unbroken run of failures, running ones skipped", async () => {
    const { failingSince } = await import("@/lib/metrics");
    expect(failingSince([e(50, "RUNNING"), e(40, "FAILED"), e(30, "TIMED_OUT"), e(20, "SUCCEEDED"), e(10, "FAILED")])).toBe(30);
    expect(failingSince([e(40, "SUCCEEDED"), e(30, "FAILED")])).toBeUndefined();
    expect(failingSince([e(40, "RUNNING")])).toBeUndefined();
  });
});
