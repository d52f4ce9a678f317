/**
 * Pairs the state runs of two executions of the same state machine. Runs are matched by path,
 * which already carries the index of a loop's entry (`Poll#2`) and of a Map iteration or
 * Parallel branch (`Each/iteration 3/Resize`): the second entry of A pairs with the second of
 * B. The pairs come in entry order, A's and B's merged, so "first" means what it says.
 */
import type { ExecutionModel, StateRun } from "@/lib/history/model";

export interface RunPair {
  path: string;
  name: string;
  type: string;
  a?: StateRun;
  b?: StateRun;
  /** One side never ran it, or the two ended differently (status or error). */
  differs: boolean;
}

export interface RunMatch {
  pairs: RunPair[];
  /** Paths of runs only A has / only B has, in entry order. */
  onlyA: string[];
  onlyB: string[];
}

export function matchRuns(a: ExecutionModel, b: ExecutionModel): RunMatch {
  const bIndex = new Map<string, number>();
  b.runs.forEach((run, i) => bIndex.set(run.path, i));
  const aPaths = new Set(a.runs.map((r) => r.path));
  const pairs: RunPair[] = [];
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  let nextB = 0;
  const flushB = (until: number) => {
    for (; nextB < until; nextB++) {
      const run = b.runs[nextB];
      if (aPaths.has(run.path)) continue;
      pairs.push(pair(undefined, run));
      onlyB.push(run.path);
    }
  };
  for (const run of a.runs) {
    const j = bIndex.get(run.path);
    if (j === undefined) {
      pairs.push(pair(run, undefined));
      onlyA.push(run.path);
      continue;
    }
    // B's own runs entered before this common one come first.
    if (j >= nextB) flushB(j);
    pairs.push(pair(run, b.runs[j]));
  }
  flushB(b.runs.length);
  return { pairs, onlyA, onlyB };
}

function pair(a: StateRun | undefined, b: StateRun | undefined): RunPair {
  const run = (a ?? b)!;
  return { path: run.path, name: run.name, type: run.type, a, b, differs: outcomeDiffers(a, b) };
}

export function outcomeDiffers(a: StateRun | undefined, b: StateRun | undefined): boolean {
  if (!a || !b) return true;
  return a.status !== b.status || (a.error ?? "") !== (b.error ?? "");
}
