/**
 * Per-state comparison (by state name, over every run of it): outcome on each side and how much
 * longer or shorter B spent in it than A — the same per-state duration as the execution page's
 * graph (summariseStates: a loop adds up, Map iterations and branches take the longest).
 */
import { summariseStates } from "@/lib/history";
import type { ExecutionModel, RunStatus } from "@/lib/history/model";
import type { RunMatch } from "./match-runs";

export interface StateDelta {
  name: string;
  type: string;
  aStatus?: RunStatus;
  bStatus?: RunStatus;
  aRuns: number;
  bRuns: number;
  aDurationMs?: number;
  bDurationMs?: number;
  /** The durations are the longest of runs that overlapped in time (Map iterations, branches), as the graph says. */
  durationIsMax: boolean;
  /** B − A, when both spent measurable time in it. */
  deltaMs?: number;
  /** Some run of this state differs between A and B. */
  differs: boolean;
}

/** One row per state either side entered, in the merged entry order of `match`. */
export function stateDeltas(a: ExecutionModel, b: ExecutionModel, match: RunMatch): StateDelta[] {
  const sa = summariseStates(a);
  const sb = summariseStates(b);
  const rows = new Map<string, StateDelta>();
  for (const p of match.pairs) {
    let row = rows.get(p.name);
    if (!row) {
      const oa = sa.get(p.name);
      const ob = sb.get(p.name);
      const aDurationMs = oa?.durationMs;
      const bDurationMs = ob?.durationMs;
      row = {
        name: p.name,
        type: p.type,
        aRuns: oa?.runCount ?? 0,
        bRuns: ob?.runCount ?? 0,
        differs: false,
        durationIsMax: !!(oa?.durationIsMax || ob?.durationIsMax),
        ...(oa ? { aStatus: oa.status } : {}),
        ...(ob ? { bStatus: ob.status } : {}),
        ...(aDurationMs !== undefined ? { aDurationMs } : {}),
        ...(bDurationMs !== undefined ? { bDurationMs } : {}),
        ...(aDurationMs !== undefined && bDurationMs !== undefined ? { deltaMs: bDurationMs - aDurationMs } : {}),
      };
      rows.set(p.name, row);
    }
    if (p.differs) row.differs = true;
  }
  return [...rows.values()];
}
