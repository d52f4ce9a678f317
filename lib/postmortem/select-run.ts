import type { ExecutionModel, StateRun } from "@/lib/history/model";

/**
 * The run to show when the page opens: the one named in the URL if it exists, else — for a
 * failed execution — the run that caused the failure, else — once it has ended — the slowest
 * state (where the time went), so a succeeded execution does not open on an empty panel.
 */
export function initialRunPath(model: ExecutionModel, requested: string | null): string | undefined {
  if (requested && model.runs.some((r) => r.path === requested)) return requested;
  if (requested) return undefined;
  if (model.failedRunPath) return model.failedRunPath;
  return model.status === "RUNNING" ? undefined : slowestRunPath(model);
}

/**
 * The finished run that took longest, leaving out Parallel and Map runs (they only contain
 * the time of their children, which are the states worth looking at); ties go to the earlier.
 */
export function slowestRunPath(model: ExecutionModel): string | undefined {
  let best: StateRun | undefined;
  let bestMs = -1;
  for (const run of model.runs) {
    if (run.exitedAt === undefined || run.branches || run.iterations || run.type === "Parallel" || run.type === "Map") continue;
    const ms = run.exitedAt - run.enteredAt;
    if (ms > bestMs) {
      best = run;
      bestMs = ms;
    }
  }
  return best?.path;
}

/**
 * A graph node stands for every run of its state. Clicking it selects the run most worth
 * looking at: a failed or caught one first, else the latest.
 */
export function runForState(model: ExecutionModel, stateName: string): StateRun | undefined {
  let latest: StateRun | undefined;
  let worst: StateRun | undefined;
  for (const run of model.runs) {
    if (run.name !== stateName) continue;
    latest = run;
    if (!worst && (run.status === "failed" || run.status === "timed_out")) worst = run;
  }
  if (worst) return worst;
  const caught = model.runs.find((r) => r.name === stateName && r.status === "caught");
  return caught ?? latest;
}

export function runByPath(model: ExecutionModel | undefined, path: string | undefined): StateRun | undefined {
  if (!model || !path) return undefined;
  return model.runs.find((r) => r.path === path);
}
