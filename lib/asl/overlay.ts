/**
 * What the graph shows on top of a definition: per-state outcome of one execution (the
 * execution page) or per-state counts over many (the fleet page).
 */
import type { RunStatus, StateRun } from "../history/model";

export type OverlayStatus = RunStatus;

export interface StateOverlay {
  status?: OverlayStatus;
  /** Retries: attempts after the first, summed over the state's runs. */
  retries?: number;
  attempts?: number;
  /** The state a Catch sent the execution to. */
  caughtBy?: string;
  durationMs?: number;
  /**
   * True when the state ran concurrently (in Map iterations or Parallel branches): then
   * `durationMs` is its longest run, since adding up runs that overlap in time would report
   * hours for a Map that took minutes.
   */
  durationIsMax?: boolean;
  /** True when the execution went through this state: it and the edges between such states are highlighted. */
  onPath?: boolean;
  /**
   * What followed this state in the execution (see lib/postmortem/path-taken): which edges out
   * of it were taken. Absent where only per-state facts are known.
   */
  transitions?: { next: string[]; caught: string[]; endsScope: boolean };
  /** The state to draw the eye to: the one that failed the execution. */
  emphasis?: boolean;
  /** A numeric badge, e.g. executions through this state. */
  count?: number;
  /** A numeric badge for failures, e.g. per-state failure counts on the fleet page. */
  failures?: number;
}

export type GraphOverlay = Record<string, StateOverlay>;

/** When a state ran several times (a loop, Map iterations), the worst outcome is the one to show. */
const SEVERITY: Record<RunStatus, number> = {
  not_reached: 0,
  succeeded: 1,
  caught: 2,
  running: 3,
  aborted: 4,
  timed_out: 5,
  failed: 6,
};

/**
 * Per-state overlays from the runs of one execution (`ExecutionModel` state runs, nested ones
 * included). Runs are grouped by state name: attempts and retries add up; so do durations of
 * runs one after another (a loop), while for runs in Map iterations or Parallel branches the
 * longest one is kept.
 * `failedState` (the state that failed the execution, when known) gets `emphasis`.
 */
export function overlayFromRuns(runs: readonly StateRun[], failedState?: string): GraphOverlay {
  const overlay: GraphOverlay = Object.create(null) as GraphOverlay;
  for (const run of runs) {
    const o = overlay[run.name] ?? (overlay[run.name] = { attempts: 0, retries: 0, onPath: false });
    if (run.status !== "not_reached") o.onPath = true;
    if (o.status === undefined || SEVERITY[run.status] > SEVERITY[o.status]) o.status = run.status;
    o.attempts = (o.attempts ?? 0) + run.attempts.length;
    o.retries = (o.retries ?? 0) + Math.max(0, run.attempts.length - 1);
    if (run.caughtBy) o.caughtBy = run.caughtBy;
    if (run.exitedAt !== undefined) {
      const took = Math.max(0, run.exitedAt - run.enteredAt);
      if (run.iteration !== undefined || run.branch !== undefined) {
        o.durationIsMax = true;
        o.durationMs = Math.max(o.durationMs ?? 0, took);
      } else {
        o.durationMs = (o.durationMs ?? 0) + took;
      }
    }
  }
  if (failedState && overlay[failedState]) overlay[failedState].emphasis = true;
  return overlay;
}

/** Whether the edge between two states was taken, as far as an overlay can tell. */
export function edgeOnPath(overlay: GraphOverlay | undefined, from: string, to: string): boolean {
  if (!overlay) return false;
  return Boolean(lookup(overlay, from)?.onPath && lookup(overlay, to)?.onPath);
}

/** Own-property lookup: a state may be called "constructor" or "__proto__". */
export function lookup(overlay: GraphOverlay | undefined, name: string): StateOverlay | undefined {
  return overlay && Object.prototype.hasOwnProperty.call(overlay, name) ? overlay[name] : undefined;
}
