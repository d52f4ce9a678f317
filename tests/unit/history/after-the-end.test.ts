/**
 * Engines that keep writing after the end: once the terminal Execution* event is seen the
 * execution is finished; later events are kept and marked, and a late failure updates the run's
 * last attempt instead of inventing a retry. moto does both; AWS's recorded histories never do.
 */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import { corpusFiles, loadRecorded } from "./histories";
import { loadMotoHistory, motoHistoryNames } from "../../fixtures/moto-histories";

const SCHEDULED = /^(Task|LambdaFunction|Activity)Scheduled$/;

function scheduledCount(events: HistoryEvent[], ids: number[]): number {
  const byId = new Map(events.map((e) => [e.id, e]));
  return ids.filter((id) => SCHEDULED.test(byId.get(id)?.type ?? "")).length;
}

describe("after the terminal event", () => {
  it("marks the events moto writes after ExecutionFailed and keeps the execution finished", () => {
    const { events, definition } = loadMotoHistory("parallel-task-fail");
    const model = foldExecution(events, definition);
    expect(model.status).toBe("FAILED");
    expect(model.error).toBe("Boom.Error");
    expect(model.eventsAfterEnd).toEqual([10]);
    expect(model.stoppedAt).toBe(events[8].timestamp);
  });

  it("a task failure that arrives after its Parallel failed updates the last attempt, and is no retry", () => {
    const { events, definition } = loadMotoHistory("parallel-task-fail");
    const lookup = foldExecution(events, definition).runs.find((r) => r.name === "Lookup")!;
    expect(lookup.attempts).toHaveLength(1);
    expect(lookup.attempts[0]).toMatchObject({ status: "failed", error: "DynamoDB.ResourceNotFoundException" });
    expect(lookup.status).toBe("aborted");
  });

  it("moto's MapIterationFailed after ExecutionFailed is marked, and the model does not change its outcome", () => {
    const { events, definition } = loadMotoHistory("map-of-parallel-cut");
    const model = foldExecution(events, definition);
    const end = events.findIndex((e) => e.type === "ExecutionFailed");
    expect(model.eventsAfterEnd).toEqual(events.slice(end + 1).map((e) => e.id));
    const atEnd = foldExecution(events.slice(0, end + 1), definition);
    expect([model.status, model.error, model.failedRunPath, model.stoppedAt]).toEqual([atEnd.status, atEnd.error, atEnd.failedRunPath, atEnd.stoppedAt]);
  });

  it("a second terminal event changes nothing", () => {
    const { events } = loadMotoHistory("choice-default");
    const extra: HistoryEvent = { id: events.length + 1, previousEventId: events.length, timestamp: (events[events.length - 1].timestamp as number) + 5_000, type: "ExecutionFailed", executionFailedEventDetails: { error: "Late", cause: "written after the end" } };
    const model = foldHistory([...events, extra]);
    expect(model.status).toBe("SUCCEEDED");
    expect(model.error).toBeUndefined();
    expect(model.eventsAfterEnd).toEqual([extra.id]);
  });

  it("over every recorded history, a retry is counted only where a new attempt was scheduled, and AWS never writes after the end", () => {
    const histories = [
      ...corpusFiles().map((f) => ({ name: f, events: loadRecorded(f).events, aws: true })),
      ...motoHistoryNames().map((n) => ({ name: n, events: loadMotoHistory(n).events, aws: false })),
    ];
    for (const { name, events, aws } of histories) {
      const model = foldHistory(events);
      if (aws) expect(model.eventsAfterEnd, name).toBeUndefined();
      for (const run of model.runs) {
        const scheduled = scheduledCount(events, run.attempts.flatMap((a) => a.eventIds));
        if (scheduled > 0) expect(run.attempts.length, `${name}: ${run.path}`).toBeLessThanOrEqual(scheduled);
      }
    }
  });
});
