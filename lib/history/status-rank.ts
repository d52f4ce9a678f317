/**
 * How bad each outcome is, worst first: the one order used wherever several runs (a loop, Map
 * iterations, executions in a grid) are shown as one. Something that went wrong outranks
 * something still going on, so a single failing iteration is not hidden behind 99 successes or
 * a live one; a caught error outranks a running run for the same reason.
 */
import type { RunStatus } from "./model";

export const WORST_FIRST: readonly RunStatus[] = ["failed", "timed_out", "aborted", "caught", "running", "succeeded", "not_reached"];

const RANK = new Map<string, number>(WORST_FIRST.map((s, i) => [s, WORST_FIRST.length - i]));

/** Higher is worse. Statuses outside the list (e.g. a grid's "retried") rank with `fallback`. */
export function statusRank(status: string, fallback = 0): number {
  return RANK.get(status) ?? fallback;
}

export function worseStatus<T extends string>(a: T, b: T): T {
  return statusRank(b) > statusRank(a) ? b : a;
}
