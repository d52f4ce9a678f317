/**
 * Ends a planned execution early, at a given time: what happened up to then stays, the rest
 * never happens, and ExecutionAborted / ExecutionTimedOut closes the history. Map runs that
 * were in flight are aborted with their running children.
 */
import type { ExecutionPlan, MapRunPlan } from "./plan";

export interface Cut {
  atMs: number;
  kind: "ABORTED" | "TIMED_OUT";
  error?: string;
  cause?: string;
}

export function cutPlan(plan: ExecutionPlan, cut: Cut): ExecutionPlan {
  if (cut.atMs >= plan.stopMs) return plan;
  const at = Math.max(cut.atMs, plan.startMs);
  // Events are in time order, so what happened by `at` is a prefix: ids stay contiguous.
  const kept = plan.events.filter((e) => e.timestampMs <= at);
  const last = kept[kept.length - 1];
  const details: Record<string, unknown> = {};
  if (cut.error !== undefined) details.error = cut.error;
  if (cut.cause !== undefined) details.cause = cut.cause;
  const closing =
    cut.kind === "ABORTED"
      ? { type: "ExecutionAborted", detailsKey: "executionAbortedEventDetails", previousEventId: 0 }
      : { type: "ExecutionTimedOut", detailsKey: "executionTimedOutEventDetails", previousEventId: last?.id ?? 0 };
  if (cut.kind === "TIMED_OUT" && details.error === undefined) details.error = "States.Timeout";
  return {
    ...plan,
    stopMs: at,
    status: cut.kind,
    output: undefined,
    error: details.error as string | undefined,
    cause: details.cause as string | undefined,
    events: [...kept, { id: kept.length + 1, timestampMs: at, details, ...closing }],
    mapRuns: plan.mapRuns.filter((run) => run.startMs <= at).map((run) => cutMapRun(run, at)),
    redrives: plan.redrives?.some((r) => r.atMs <= at) ? plan.redrives.filter((r) => r.atMs <= at) : undefined,
    redrivable: false,
  };
}

function cutMapRun(run: MapRunPlan, at: number): MapRunPlan {
  if (run.stopMs <= at) return run;
  return {
    ...run,
    status: "ABORTED",
    stopMs: at,
    ...(run.tries ? { tries: run.tries.filter((t) => t.startMs <= at).map((t) => (t.stopMs > at ? { ...t, stopMs: at, status: "ABORTED" as const } : t)) } : {}),
    children: run.children.filter((c) => c.startMs <= at).map((c) => cutPlan(c, { atMs: at, kind: "ABORTED" })),
  };
}
