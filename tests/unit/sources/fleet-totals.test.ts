import { describe, expect, it } from "vitest";
import type { FleetRow } from "@/lib/contract/api";
import { summariseMachine } from "@/lib/metrics/summary";
import { sumTotals, totalsOfRows } from "@/lib/server/sources/fleet-totals";

const NOW = 10 * 3_600_000;

function row(name: string, statuses: string[]): FleetRow {
  const executions = statuses.map((status, i) => ({
    arn: `arn:aws:states:us-east-1:111111111111:execution:${name}:${i}`,
    name: String(i),
    stateMachineArn: `arn:aws:states:us-east-1:111111111111:stateMachine:${name}`,
    status: status as "SUCCEEDED",
    startedAt: NOW - 60_000 * (i + 1),
    stoppedAt: status === "RUNNING" ? undefined : NOW - 60_000 * i,
  }));
  return { arn: executions[0]?.stateMachineArn ?? name, name, type: "STANDARD", createdAt: 0, summary: summariseMachine(executions, "1h", NOW), coverage: { partial: false, indexed: executions.length } };
}

describe("fleet totals", () => {
  it("count machines, starts and statuses of the rows; a row without numbers counts as a machine only", () => {
    const rows = [row("a", ["SUCCEEDED", "FAILED", "RUNNING"]), row("b", ["TIMED_OUT", "SUCCEEDED"]), { ...row("c", []), summary: undefined }];
    expect(totalsOfRows(rows)).toEqual({
      machines: 3,
      started: 5,
      counts: { RUNNING: 1, SUCCEEDED: 2, FAILED: 1, TIMED_OUT: 1, ABORTED: 0, PENDING_REDRIVE: 0 },
    });
  });

  it("of the whole fleet are the sum of its sources'", () => {
    const east = totalsOfRows([row("a", ["FAILED", "FAILED"])]);
    const west = totalsOfRows([row("b", ["SUCCEEDED"]), row("c", ["ABORTED", "RUNNING"])]);
    expect(sumTotals([east, west])).toEqual(totalsOfRows([row("a", ["FAILED", "FAILED"]), row("b", ["SUCCEEDED"]), row("c", ["ABORTED", "RUNNING"])]));
    expect(sumTotals([])).toEqual({ machines: 0, started: 0, counts: { RUNNING: 0, SUCCEEDED: 0, FAILED: 0, TIMED_OUT: 0, ABORTED: 0, PENDING_REDRIVE: 0 } });
  });
});
