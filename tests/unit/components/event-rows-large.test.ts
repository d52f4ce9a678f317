import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/history/events";
import { foldHistory } from "@/lib/history";
import { buildEventRows, filterEventRows } from "@/components/events/event-rows";
import { generateLargeHistory } from "@/tests/fixtures/large-history";
import { attempt, model, run } from "../timeline/literal-models";

describe("events table rows of a large Map execution", () => {
  // 60 iterations keep the test quick; the shape (retries, catches, interleaving) is the 25k one's.
  const events = generateLargeHistory({ iterations: 60, payloadBytes: 200, seed: 3 });
  const rows = buildEventRows(events, foldHistory(events));

  it("gives every event a row, in history order", () => {
    expect(rows.map((r) => r.id)).toEqual(events.map((e) => e.id));
  });

  it("links each iteration's task events to that iteration's run", () => {
    const failures = rows.filter((r) => r.type === "TaskFailed" && r.runPath?.includes("/iteration "));
    expect(failures.length).toBeGreaterThan(0);
    for (const row of failures) {
      expect(row.runPath).toMatch(/^ProcessEach\/iteration \d+\/Resize$/);
      // The summary names the error first, then the Lambda's own message for that very iteration.
      const index = row.runPath?.match(/iteration (\d+)/)?.[1];
      expect(row.detail).toMatch(new RegExp(`^Lambda\\.Unknown · .*Image ${index} could not be resized`));
    }
  });

  it("finds a payload by text, though summaries are made only when read", () => {
    const found = filterEventRows(rows, { text: "uploads/item-42.jpg", type: "TaskScheduled" });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.runPath === "ProcessEach/iteration 42/Resize")).toBe(true);
  });
});

describe("events with ids outside the usual 1…n range", () => {
  it("still maps them to their runs", () => {
    const events: HistoryEvent[] = [
      { id: 5_000_000, previousEventId: 0, timestamp: 1_700_000_000, type: "TaskStateEntered", stateEnteredEventDetails: { name: "Big" } },
      { id: 7, previousEventId: 0, timestamp: 1_700_000_001, type: "TaskScheduled" },
      { id: -1, previousEventId: 0, timestamp: 1_700_000_002, type: "Mystery" },
    ];
    const m = model([
      run({ path: "Big", type: "Task", enteredAt: 1_700_000_000_000, eventIds: [5_000_000], attempts: [{ ...attempt(0, 1_700_000_001_000, undefined, "running"), eventIds: [7] }] }),
    ]);
    const rows = buildEventRows(events, m);
    expect(rows.map((r) => r.runPath)).toEqual(["Big", "Big", undefined]);
    expect(rows[2].state).toBeUndefined();
    expect(rows[1].offsetMs).toBe(1_000);
  });
});
