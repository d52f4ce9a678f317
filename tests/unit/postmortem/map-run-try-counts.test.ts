/** What each try of a redriven map run did with its children, from ListExecutions' dates. */
import { describe, expect, it } from "vitest";
import type { MapRunTry } from "@/lib/history/model";
import { describeTryCounts, mapRunTryCounts } from "@/lib/postmortem/map-run-try-counts";

const tries: MapRunTry[] = [
  { status: "failed", startedAt: 1_000, endedAt: 5_000, redriveCount: 0, error: "States.ExceedToleratedFailureThreshold" },
  { status: "succeeded", startedAt: 9_000, endedAt: 12_000, redriveCount: 1 },
];

describe("map run try counts", () => {
  it("a child ran in the try it started in, and again in the one it was redriven in", () => {
    const counts = mapRunTryCounts(tries, [
      { status: "SUCCEEDED", startedAt: 1_200 }, // try 1, succeeded
      { status: "SUCCEEDED", startedAt: 1_300, redriveCount: 1, redrivenAt: 9_300 }, // failed in try 1, redriven and succeeded in try 2
      { status: "SUCCEEDED", startedAt: 1_400, redriveCount: 1, redrivenAt: 9_400 }, // aborted in try 1, likewise
      { status: "FAILED", startedAt: 9_500 }, // never started in try 1; started and failed in try 2
      { status: "SUCCEEDED", startedAt: 9_600 },
    ]);
    expect(counts).toEqual([
      { ran: 3, redriven: 0, succeeded: 1, failed: 0, aborted: 0, running: 0, rerunLater: 2 },
      { ran: 4, redriven: 2, succeeded: 3, failed: 1, aborted: 0, running: 0, rerunLater: 0 },
    ]);
    expect(counts.map(describeTryCounts)).toEqual(["3 children run: 1 succeeded, 2 redriven later", "4 children run (2 redriven): 3 succeeded, 1 failed"]);
  });

  it("a child that failed in try 1 and was not redriven stays counted there", () => {
    const counts = mapRunTryCounts(tries, [{ status: "FAILED", startedAt: 2_000 }, { status: "TIMED_OUT", startedAt: 2_100 }]);
    expect(counts.map((c) => [c.ran, c.failed])).toEqual([[2, 2], [0, 0]]);
  });
});
