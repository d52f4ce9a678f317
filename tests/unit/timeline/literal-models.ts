/** Small hand-written execution models: the timeline tests state exactly what they expect. */
import type { Attempt, ChildGroup, ExecutionModel, StateRun } from "@/lib/history/model";

export function run(fields: Partial<StateRun> & { path: string; enteredAt: number }): StateRun {
  return {
    name: fields.path.split("/").pop() as string,
    type: "Pass",
    status: "succeeded",
    attempts: [],
    eventIds: [],
    unknownEvents: [],
    ...fields,
  };
}

export function attempt(index: number, scheduledAt: number, endedAt: number | undefined, status: Attempt["status"]): Attempt {
  return { index, scheduledAt, startedAt: scheduledAt, endedAt, status, eventIds: [] };
}

export function group(path: string, index: number, startedAt: number, endedAt: number | undefined, runPaths: string[], status: ChildGroup["status"] = "succeeded"): ChildGroup {
  return { path, index, startedAt, endedAt, runPaths, status };
}

export function model(runs: StateRun[], fields: Partial<ExecutionModel> = {}): ExecutionModel {
  return {
    status: "SUCCEEDED",
    complete: true,
    runs,
    redrives: [],
    unknownEvents: [],
    eventCount: 0,
    lastEventId: 0,
    hasExecutionData: true,
    ...fields,
  };
}
