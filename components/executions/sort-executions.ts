/** Ordering of the executions loaded in the list. Pure: `now` gives running ones a duration. */
import type { ExecutionSummary } from "@/lib/contract/api";

export type ExecutionSortKey = "status" | "name" | "startedAt" | "stoppedAt" | "duration";

export interface ExecutionSort {
  key: ExecutionSortKey;
  dir: "asc" | "desc";
}

export const DEFAULT_EXECUTION_SORT: ExecutionSort = { key: "startedAt", dir: "desc" };

/** Same column: flip the direction. New column: names and statuses A→Z, times and durations biggest first. */
export function nextSort(current: ExecutionSort, key: ExecutionSortKey): ExecutionSort {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: key === "name" || key === "status" ? "asc" : "desc" };
}

export function sortExecutions(executions: readonly ExecutionSummary[], sort: ExecutionSort, now: number): ExecutionSummary[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  const value = (e: ExecutionSummary): number | string => {
    switch (sort.key) {
      case "status": return e.status;
      case "name": return e.name;
      case "startedAt": return e.startedAt;
      // Still running: not stopped yet, so after every stopped one when newest first.
      case "stoppedAt": return e.stoppedAt ?? Number.POSITIVE_INFINITY;
      case "duration": return Math.max(0, (e.stoppedAt ?? now) - e.startedAt);
    }
  };
  return executions
    .map((e, index) => ({ e, index, v: value(e) }))
    .sort((a, b) => {
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      // Ties keep the list's own order (newest first).
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((x) => x.e);
}
