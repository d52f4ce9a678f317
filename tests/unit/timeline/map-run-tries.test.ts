/**
 * A redriven distributed Map on the timeline: one bar per try of its map run, each coloured by
 * how that try ended, with nothing drawn for the time the execution stood failed in between.
 */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import { layoutTimeline, segmentFacts } from "@/lib/timeline";
import { ev } from "../history/histories";

const mapRunArn = "arn:aws:states:us-east-1:111111111111:mapRun:etl/Fan:1a2b";
const T = 1_700_000_000_000;
const history = [
  ev(1, 0, "ExecutionStarted", { input: "{}" }),
  ev(2, 1, "MapStateEntered", { name: "Fan", input: "{}" }),
  ev(3, 2, "MapStateStarted", { length: 10 }),
  ev(4, 3, "MapRunStarted", { mapRunArn }),
  ev(5, 4, "MapRunFailed", { error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" }),
  ev(6, 5, "MapStateFailed", {}),
  ev(7, 6, "ExecutionFailed", { error: "States.ExceedToleratedFailureThreshold" }),
  ev(8, 7, "ExecutionRedriven", { redriveCount: 1 }),
  ev(9, 8, "MapRunRedriven", { mapRunArn, redriveCount: 1 }),
  ev(10, 9, "MapRunSucceeded", {}),
  ev(11, 10, "MapStateSucceeded", {}),
  ev(12, 11, "MapStateExited", { name: "Fan", output: "[]" }),
  ev(13, 12, "ExecutionSucceeded", { output: "[]" }),
];

describe("a redriven map run on the timeline", () => {
  it("draws each try as its own bar: try 1 failed, try 2 succeeded", () => {
    const model = foldHistory(history);
    const row = layoutTimeline(model, { expanded: new Set() }).rows.find((r) => r.label === "Fan")!;
    expect(row.segments.map((s) => [s.kind, s.status, s.start - T, s.end - T])).toEqual([
      ["try", "failed", 2_000, 5_000],
      ["try", "succeeded", 9_000, 12_000],
    ]);
    expect(row.segments.map((s) => s.label)).toEqual(["Fan (map run try 1 of 2)", "Fan (map run try 2 of 2)"]);
    // The tooltip names what it measures: this try, and the state from entered to exited.
    expect(segmentFacts(row.segments[0], T).map((f) => f.name)).toEqual(["start", "end", "duration of this try", "state duration"]);
  });

  it("a map run that ran once keeps one bar", () => {
    const once = foldHistory([...history.slice(0, 4), ev(5, 4, "MapRunSucceeded", {}), ev(6, 5, "MapStateSucceeded", {}), ev(7, 6, "MapStateExited", { name: "Fan", output: "[]" }), ev(8, 7, "ExecutionSucceeded", { output: "[]" })]);
    const row = layoutTimeline(once, { expanded: new Set() }).rows.find((r) => r.label === "Fan")!;
    expect(row.segments.map((s) => s.kind)).toEqual(["run"]);
  });

  it("a second try still running is open to now", () => {
    const model = foldHistory(history.slice(0, 9));
    const row = layoutTimeline(model, { expanded: new Set(), now: T + 20_000 }).rows.find((r) => r.label === "Fan")!;
    expect(row.segments.map((s) => [s.status, s.open, s.end - T])).toEqual([["failed", false, 5_000], ["running", true, 20_000]]);
  });
});
