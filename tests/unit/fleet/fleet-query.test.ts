import { describe, expect, it } from "vitest";
import type { ExecutionSummary, FleetRow } from "@/lib/contract/api";
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
