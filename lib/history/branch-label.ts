/**
 * How a Parallel branch is named for people and in run paths. Branches are numbered as the
 * definition's `Branches` array orders them, counting from 0 — the same convention as Map
 * iteration indexes and the definition's own `Branches[0]` — so `Fan/branch 0/Charge` in a
 * path, "branch 0" on the timeline and "Branch 0" on the graph are one and the same branch.
 */
export function branchLabel(index: number): string {
  return `Branch ${index}`;
}

/** The path segment of a branch under its Parallel run: `Fan/branch 0`. */
export function branchPathSegment(index: number): string {
  return `branch ${index}`;
}
