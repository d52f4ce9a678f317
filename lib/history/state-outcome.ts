import type { RunStatus } from "./model";

/**
 * What happened to one state (by name) over the whole execution: the graph overlay's input.
 * A state entered many times (a loop, every Map iteration) has one outcome for all its runs.
 */
export interface StateOutcome {
  name: string;
  /** The worst status over all runs, in the order of status-rank.ts. */
  status: RunStatus;
  runCount: number;
  /** Attempts of every run added up (Task-like states; 0 for the others). */
  attemptCount: number;
  /** Attempts beyond each run's first, added up. */
  retryCount: number;
  /** States a Catch sent this one to, in first-seen order. */
  caughtBy: string[];
  /**
   * Entered → exited of the runs that ended: added up when they ran one after another, the
   * longest when they overlapped (runs in Map iterations or Parallel branches; then
   * `durationIsMax`). Undefined when no run ended.
   */
  durationMs?: number;
  durationIsMax: boolean;
  /** Duration of the latest run that ended. */
  lastDurationMs?: number;
  /** True when a run of this state is the failed run or encloses it. */
  onFailurePath: boolean;
}
