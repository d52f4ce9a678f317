/** Where two runs of the same state machine first went different ways. */
import type { StateRun } from "@/lib/history/model";
import type { RunMatch, RunPair } from "./match-runs";

export interface Divergence {
  path: string;
  name: string;
  pair: RunPair;
  /** e.g. "A succeeded, B failed (States.TaskFailed)", "only B entered it". */
  description: string;
}

/**
 * The first run, in entry order, that only one side entered or that the two ended differently.
 * A Map or Parallel is entered before its children, so when it differs because of a run inside
 * it, that inner run is the point of divergence: we follow the first differing child down.
 */
export function firstDivergence(match: RunMatch): Divergence | undefined {
  const differing = match.pairs.filter((p) => p.differs);
  let pair = differing[0];
  if (!pair) return undefined;
  for (let depth = 0; depth < 1000; depth++) {
    const prefix = `${pair.path}/`;
    const inner = differing.find((p) => p.path.startsWith(prefix));
    if (!inner) break;
    pair = inner;
  }
  return { path: pair.path, name: pair.name, pair, description: describePair(pair) };
}

export function describePair(pair: RunPair): string {
  if (!pair.a) return `only B entered it (${outcome(pair.b!)})`;
  if (!pair.b) return `only A entered it (${outcome(pair.a)})`;
  return `A ${outcome(pair.a)}, B ${outcome(pair.b)}`;
}

function outcome(run: StateRun): string {
  const status = run.status.replace(/_/g, " ");
  return run.error ? `${status} (${run.error})` : status;
}
