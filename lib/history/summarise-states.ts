import type { ExecutionModel, StateRun } from "./model";
import type { StateOutcome } from "./state-outcome";
import { worseStatus } from "./status-rank";

/**
 * One outcome per state name (nested states included), over every run of that state: what the
 * graph badges, compare and the exports say about a state. Status is the worst (status-rank);
 * duration is entered → exited per run, added up for runs one after another (a loop) and the
 * longest for runs that overlap in time (Map iterations, Parallel branches).
 */
export function summariseRuns(runs: readonly StateRun[], failedRunPath?: string): Map<string, StateOutcome> {
  const outcomes = new Map<string, StateOutcome>();
  const onFailurePath = failurePathNames(runs, failedRunPath);
  for (const run of runs) {
    let o = outcomes.get(run.name);
    if (!o) {
      o = {
        name: run.name,
        status: run.status,
        runCount: 0,
        attemptCount: 0,
        retryCount: 0,
        caughtBy: [],
        durationIsMax: false,
        onFailurePath: onFailurePath.has(run.name),
      };
      outcomes.set(run.name, o);
    }
    o.status = worseStatus(o.status, run.status);
    o.runCount++;
    o.attemptCount += run.attempts.length;
    o.retryCount += Math.max(0, run.attempts.length - 1);
    if (run.caughtBy !== undefined && !o.caughtBy.includes(run.caughtBy)) o.caughtBy.push(run.caughtBy);
    if (run.exitedAt !== undefined) {
      const ms = Math.max(0, run.exitedAt - run.enteredAt);
      if (run.iteration !== undefined || run.branch !== undefined) {
        o.durationIsMax = true;
        o.durationMs = Math.max(o.durationMs ?? 0, ms);
      } else {
        o.durationMs = (o.durationMs ?? 0) + ms;
      }
      o.lastDurationMs = ms;
    }
  }
  return outcomes;
}

export function summariseStates(model: ExecutionModel): Map<string, StateOutcome> {
  return summariseRuns(model.runs, model.failedRunPath);
}

/** Names of the failed run and of every run that encloses it. */
function failurePathNames(runs: readonly StateRun[], failedRunPath: string | undefined): Set<string> {
  const names = new Set<string>();
  if (failedRunPath === undefined) return names;
  const byPath = new Map<string, StateRun>();
  for (const run of runs) byPath.set(run.path, run);
  let run = byPath.get(failedRunPath);
  for (let depth = 0; run && depth < 1000; depth++) {
    names.add(run.name);
    run = run.parentPath === undefined ? undefined : byPath.get(run.parentPath);
  }
  return names;
}
