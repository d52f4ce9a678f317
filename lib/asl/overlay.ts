/**
 * What the graph shows on top of a definition: per-state outcome of one execution (the
 * execution page) or per-state counts over many (the fleet page).
 */
import type { RunStatus, StateRun } from "../history/model";
import { summariseRuns } from "../history/summarise-states";

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

/**
 * Per-state overlays from the runs of one execution (`ExecutionModel` state runs, nested ones
 * included): the one per-state summary (`summariseRuns`: worst status, attempts, retries, the
 * duration rule) in the overlay's shape. `failedState` (the state that failed the execution,
 * when known) gets `emphasis`.
 */
export function overlayFromRuns(runs: readonly StateRun[], failedState?: string): GraphOverlay {
  const overlay: GraphOverlay = Object.create(null) as GraphOverlay;
  for (const o of summariseRuns(runs).values()) {
    const entry: StateOverlay = { status: o.status, attempts: o.attemptCount, retries: o.retryCount, onPath: o.status !== "not_reached" };
    if (o.caughtBy.length > 0) entry.caughtBy = o.caughtBy[o.caughtBy.length - 1];
    if (o.durationMs !== undefined) entry.durationMs = o.durationMs;
    if (o.durationIsMax) entry.durationIsMax = true;
    overlay[o.name] = entry;
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
