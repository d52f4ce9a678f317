import type { ChildGroup, ExecutionModel, StateRun } from "@/lib/history/model";
import { runEnd } from "./run-segments";
import { openEndTime } from "./execution-span";

/**
 * The chain of runs the execution's time was spent on, as a set of run paths.
 *
 * Walks back from the run that ended last: each step takes, among the runs entered earlier in
 * the same scope, the one whose end is latest but not after the current run's start. Inside a
 * Parallel it follows the longest branch and inside a Map the longest iteration, because
 * those are what the enclosing state waited for.
 */
export function criticalPath(model: ExecutionModel, now?: number): Set<string> {
  const openEnd = openEndTime(model, now);
  const byPath = new Map(model.runs.map((run) => [run.path, run]));
  const topLevel = model.runs.filter((run) => run.parentPath === undefined);
  const onPath = new Set<string>();
  walkScope(topLevel, byPath, openEnd, onPath);
  return onPath;
}

function walkScope(
  scope: StateRun[],
  byPath: Map<string, StateRun>,
  openEnd: number,
  onPath: Set<string>,
): void {
  if (scope.length === 0) return;
  const ends = scope.map((run) => runEnd(run, openEnd));
  let current = indexOfLatest(ends, scope.length);
  while (current >= 0) {
    const run = scope[current];
    onPath.add(run.path);
    const inner = longestGroupRuns(run.branches ?? run.iterations ?? [], byPath, openEnd);
    walkScope(inner, byPath, openEnd, onPath);
    // Only runs entered before the current one are candidates, which also ends the walk.
    let previous = -1;
    for (let i = 0; i < current; i++) {
      if (ends[i] <= run.enteredAt && (previous < 0 || ends[i] >= ends[previous])) previous = i;
    }
    current = previous;
  }
}

/** Index of the largest value among the first `count`; the later one wins a tie. */
function indexOfLatest(values: number[], count: number): number {
  let best = -1;
  for (let i = 0; i < count; i++) if (best < 0 || values[i] >= values[best]) best = i;
  return best;
}

/** The runs of the branch or iteration that took longest; a group's own times win over its runs'. */
function longestGroupRuns(groups: ChildGroup[], byPath: Map<string, StateRun>, openEnd: number): StateRun[] {
  let best: StateRun[] = [];
  let bestLength = -1;
  for (const group of groups) {
    const runs = group.runPaths.map((p) => byPath.get(p)).filter((r): r is StateRun => r !== undefined);
    if (runs.length === 0) continue;
    const start = group.startedAt ?? Math.min(...runs.map((r) => r.enteredAt));
    const end = group.endedAt ?? Math.max(...runs.map((r) => runEnd(r, openEnd)));
    if (end - start > bestLength) {
      best = runs;
      bestLength = end - start;
    }
  }
  return best;
}
