import type { ExecutionModel, StateRun } from "@/lib/history/model";

/** One variable as a state sees it: the value last assigned to it before the state was entered. */
export interface VariableInScope {
  name: string;
  /** JSON text, as the history records it. */
  value: string;
  /** The assigning state's values were cut short by Step Functions. */
  truncated: boolean;
  /** Path of the run that assigned it. */
  assignedBy: string;
  /** True when it was assigned in an enclosing scope (outside this Map iteration or Parallel branch). */
  outer: boolean;
}

/**
 * The variables in scope when `run` was entered, by name. Step Functions' rules: the top-level
 * states share one scope; each Parallel branch and Map iteration has its own, which can read the
 * scopes around it but not its siblings'; an assignment takes effect when the assigning state
 * ends, so a state reads what was assigned before it was entered. (A distributed Map's
 * children are other executions and see none of the parent's variables.)
 */
export function variablesInScope(model: ExecutionModel, run: StateRun): VariableInScope[] {
  const scope = scopePrefix(run);
  const entered = firstEventId(run);
  const seen = new Map<string, VariableInScope>();
  // Runs are in entry order; an assignment made later wins, so go by the order they ended in.
  const assigning = model.runs
    .filter((other) => other !== run && other.assignedVariables && scope.startsWith(scopePrefix(other)) && endedBefore(other, run, entered))
    .sort((a, b) => endOrder(a) - endOrder(b));
  for (const other of assigning) {
    const outer = scopePrefix(other) !== scope;
    const assigned = other.assignedVariables!;
    for (const [name, value] of Object.entries(assigned.values)) {
      seen.set(name, { name, value, truncated: assigned.truncated, assignedBy: other.path, outer });
    }
  }
  return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * What the paths of the runs in `run`'s scope start with: "" at the top, else the enclosing
 * run's path and the branch or iteration segment (`Fan/branch 1/`). Worked out from
 * `parentPath` so that a state name holding "/" or "#" does not confuse it.
 */
export function scopePrefix(run: StateRun): string {
  if (run.parentPath === undefined) return "";
  const rest = run.path.slice(run.parentPath.length + 1);
  const slash = rest.indexOf("/");
  return `${run.parentPath}/${slash < 0 ? rest : rest.slice(0, slash)}/`;
}

function firstEventId(run: StateRun): number | undefined {
  return run.eventIds.length > 0 ? run.eventIds[0] : undefined;
}

/**
 * The id of the run's last own event (its StateExited; events are folded in id order, so the
 * last id is the largest), or its exit time when the ids were dropped.
 */
function endOrder(run: StateRun): number {
  if (run.eventIds.length > 0) return run.eventIds[run.eventIds.length - 1];
  return run.exitedAt ?? Number.POSITIVE_INFINITY;
}

function endedBefore(other: StateRun, run: StateRun, entered: number | undefined): boolean {
  if (other.exitedAt === undefined) return false;
  if (entered !== undefined && other.eventIds.length > 0) return endOrder(other) < entered;
  return other.exitedAt <= run.enteredAt;
}
