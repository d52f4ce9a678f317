import type { ExecutionModel } from "./model";

/**
 * The states of the definition (all names, nested ones included) that no run entered: the
 * graph shows them as 'not reached'. Returned in the order given.
 */
export function markNotReached(model: ExecutionModel, definitionStateNames: string[]): string[] {
  const ran = new Set<string>();
  for (const run of model.runs) ran.add(run.name);
  return definitionStateNames.filter((name) => !ran.has(name));
}
