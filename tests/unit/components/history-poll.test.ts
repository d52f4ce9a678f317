import { describe, expect, it } from "vitest";
import { GIVE_UP_AFTER_FAILURES, MAX_BACKOFF_MS, historyGaveUp, nextHistoryPoll } from "@/lib/queries/history-poll";
import { isFinished } from "@/lib/history";
import { buildEventRows } from "@/components/events/event-rows";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import { loadMotoHistory } from "../../fixtures/moto-histories";

describe("history polling", () => {
  it("never polls a finished history", () => {
    expect(nextHistoryPoll({ finished: true, executionEnded: true, consecutiveFailures: 0 })).toBe(false);
  });

  it("a history with its terminal event is finished even if the API still says running", () => {
    const { events, definition } = loadMotoHistory("parallel-task-fail");
    expect(isFinished(foldExecution(events, definition))).toBe(true);
    expect(isFinished(foldExecution(events.slice(0, 6), definition))).toBe(false);
  });

  it("backs off on failures, and for an ended execution stops and says so", () => {
    const delays = [1, 2, 3].map((n) => nextHistoryPoll({ finished: false, executionEnded: true, consecutiveFailures: n }));
    expect(delays).toEqual([4_000, 8_000, 16_000]);
    expect(nextHistoryPoll({ finished: false, executionEnded: true, consecutiveFailures: GIVE_UP_AFTER_FAILURES })).toBe(false);
    expect(historyGaveUp({ finished: false, executionEnded: true, consecutiveFailures: GIVE_UP_AFTER_FAILURES })).toBe(true);
  });

  it("keeps trying a running execution, at a capped pace", () => {
    expect(nextHistoryPoll({ finished: false, executionEnded: false, consecutiveFailures: 20 })).toBe(MAX_BACKOFF_MS);
    expect(historyGaveUp({ finished: false, executionEnded: false, consecutiveFailures: 20 })).toBe(false);
  });

  it("the events table marks the events written after the end", () => {
    const { events, definition } = loadMotoHistory("parallel-task-fail");
    const rows = buildEventRows(events, foldExecution(events, definition));
    expect(rows.filter((r) => r.afterEnd).map((r) => [r.id, r.type])).toEqual([[10, "TaskFailed"]]);
  });
});
