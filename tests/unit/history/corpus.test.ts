/**
 * Every recorded history folds, and what the model says agrees with the events themselves.
 */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel, StateRun } from "@/lib/history/model";
import { corpusFiles, loadRecorded } from "./histories";

const ATTEMPT_OPENERS = /^(TaskScheduled|LambdaFunctionScheduled|ActivityScheduled)$/;
const ENDED = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]);

function runsByEventId(model: ExecutionModel): Map<number, StateRun> {
  const byId = new Map<number, StateRun>();
  for (const run of model.runs) for (const id of run.eventIds) byId.set(id, run);
  return byId;
}

describe("every recorded AWS history", () => {
  const files = corpusFiles();

  it("is there to test against", () => {
    expect(files.length).toBeGreaterThan(300);
  });

  it.each(files)("%s folds into a model that agrees with its events", (file) => {
    const { events } = loadRecorded(file);
    const model = foldHistory(events);
    const byId = runsByEventId(model);
    const enteredEvents = events.filter((e) => e.type.endsWith("StateEntered"));

    // One run per entry into a state, in entry order, each found by its entering event.
    expect(model.runs.length).toBe(enteredEvents.length);
    enteredEvents.forEach((e, i) => {
      const run = model.runs[i];
      expect(run.eventIds[0]).toBe(e.id);
      expect(run.name).toBe((e.stateEnteredEventDetails as { name: string }).name);
      expect(run.type).toBe(e.type.replace(/StateEntered$/, ""));
    });

    // Paths are unique.
    expect(new Set(model.runs.map((r) => r.path)).size).toBe(model.runs.length);

    for (const run of model.runs) {
      const own = run.eventIds.map((id) => events.find((e) => e.id === id) as HistoryEvent);
      const types = own.map((e) => e.type);
      // Attempts count the scheduled events.
      expect(run.attempts.length).toBe(types.filter((t) => ATTEMPT_OPENERS.test(t)).length);
      // Status agrees with the closing events.
      const exitedNormally = types.some((t) => t.endsWith("StateExited"));
      if (exitedNormally) expect(["succeeded", "caught"]).toContain(run.status);
      if (run.status === "succeeded" && run.attempts.length > 0) expect(run.attempts.at(-1)?.status).toBe("succeeded");
      if (run.status === "caught") expect(exitedNormally).toBe(true);
      if (run.type === "Fail") expect(run.status).toBe("failed");
      if (!exitedNormally && run.type !== "Fail" && model.status !== "RUNNING") {
        expect(["failed", "timed_out", "aborted"]).toContain(run.status);
      }
      if (model.status === "SUCCEEDED" && run.parentPath === undefined && run.type !== "Fail") {
        expect(["succeeded", "caught"]).toContain(run.status);
      }
    }

    // Map and Parallel children nest right: each run inside sits in a group of its parent.
    const byPath = new Map(model.runs.map((r) => [r.path, r]));
    for (const run of model.runs) {
      if (run.parentPath === undefined) continue;
      const parent = byPath.get(run.parentPath);
      expect(parent?.type).toMatch(/^(Map|Parallel)$/);
      const groups = parent?.iterations ?? parent?.branches ?? [];
      const group = groups.find((g) => g.runPaths.includes(run.path));
      expect(group).toBeDefined();
      expect(run.path.startsWith(`${group?.path}/`)).toBe(true);
    }
    // Every MapIterationStarted is an iteration of a Map run, with its index.
    for (const e of events.filter((x) => x.type === "MapIterationStarted")) {
      const d = e.mapIterationStartedEventDetails as { index: number; name: string };
      const map = byId.get(e.id);
      expect(map?.name).toBe(d.name);
      expect(map?.iterations?.some((g) => g.index === d.index)).toBe(true);
    }

    // The execution's status is the one its last event says.
    const last = events[events.length - 1];
    if (ENDED.has(last.type)) {
      expect(model.status).toBe(last.type.replace("Execution", "").toUpperCase().replace("TIMEDOUT", "TIMED_OUT"));
      expect(model.complete).toBe(true);
    } else {
      expect(model.complete).toBe(false);
      expect(model.incompleteReason).toMatch(/running/);
    }
    if (model.status === "FAILED" && model.runs.length > 0 && model.error !== "States.Runtime") {
      const failed = byPath.get(model.failedRunPath ?? "");
      expect(["failed", "timed_out"]).toContain(failed?.status);
    }
    expect(model.eventCount).toBe(events.length);
  });
});
