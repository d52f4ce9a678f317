import type { ExecutionModel, RunStatus, StateRun } from "./model";
import type { StateOutcome } from "./state-outcome";

/** How much a status matters on the graph: the worst over all runs of a state is shown. */
const SEVERITY: Record<RunStatus, number> = {
  failed: 6,
  caught: 5,
  timed_out: 4,
  aborted: 3,
  running: 2,
  succeeded: 1,
  not_reached: 0,
};

/** One outcome per state name (nested states included), over every run of that state. */
export function summariseStates(model: ExecutionModel): Map<string, StateOutcome> {
  const outcomes = new Map<string, StateOutcome>();
  const onFailurePath = failurePathNames(model);
  for (const run of model.runs) {
    let o = outcomes.get(run.name);
    if (!o) {
      o = {
        name: run.name,
        status: run.status,
        runCount: 0,
        attemptCount: 0,
        retryCount: 0,
        caughtBy: [],
        totalDurationMs: 0,
        onFailurePath: onFailurePath.has(run.name),
      };
      outcomes.set(run.name, o);
    }
    if (SEVERITY[run.status] > SEVERITY[o.status]) o.status = run.status;
    o.runCount++;
    o.attemptCount += run.attempts.length;
    o.retryCount += Math.max(0, run.attempts.length - 1);
    if (run.caughtBy !== undefined && !o.caughtBy.includes(run.caughtBy)) o.caughtBy.push(run.caughtBy);
    if (run.exitedAt !== undefined) {
      const ms = Math.max(0, run.exitedAt - run.enteredAt);
      o.totalDurationMs += ms;
      o.lastDurationMs = ms;
    }
  }
  return outcomes;
}

/** Names of the failed run and of every run that encloses it. */
function failurePathNames(model: ExecutionModel): Set<string> {
  const names = new Set<string>();
  if (model.failedRunPath === undefined) return names;
  const byPath = new Map<string, StateRun>();
  for (const run of model.runs) byPath.set(run.path, run);
  let run = byPath.get(model.failedRunPath);
  for (let depth = 0; run && depth < 1000; depth++) {
    names.add(run.name);
    run = run.parentPath === undefined ? undefined : byPath.get(run.parentPath);
  }
  return names;
}
