/**
 * An execution's whole planned life, computed once from its seed: every event it will ever
 * have, with timestamps on the virtual clock. What a caller sees at time t is the prefix of
 * events at or before t.
 */
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface PlannedEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestampMs: number;
  /** The one `*EventDetails` entry, if the event type has one. */
  detailsKey?: string;
  details?: Record<string, unknown>;
}

export interface MapRunPlan {
  mapRunArn: string;
  executionArn: string;
  /** The state machine ARN of the child workflow (`<machine>/<label>`). */
  stateMachineArn: string;
  startMs: number;
  stopMs: number;
  status: "SUCCEEDED" | "FAILED" | "ABORTED";
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  /** Items the Map read; children exist only for those that started. */
  itemCount: number;
  children: ExecutionPlan[];
  /** Child workflow definition, as JSON text (DescribeStateMachineForExecution of a child). */
  definition: string;
  /** Each try, oldest first: the first from MapRunStarted, one more per redrive of the parent. */
  tries?: MapRunTryPlan[];
}

export interface MapRunTryPlan {
  startMs: number;
  stopMs: number;
  status: MapRunPlan["status"];
}

/** The map run as DescribeMapRun shows it at `nowMs`: the try seen, and the redrives so far. */
export function mapRunAt(run: MapRunPlan, nowMs: number): { status: MapRunPlan["status"] | "RUNNING"; stopMs?: number; redriveCount: number; redriveMs?: number } {
  const tries = run.tries ?? [{ startMs: run.startMs, stopMs: run.stopMs, status: run.status }];
  let seen = 0;
  while (seen + 1 < tries.length && tries[seen + 1].startMs <= nowMs) seen++;
  const t = tries[seen];
  const redrive = seen > 0 ? { redriveCount: seen, redriveMs: t.startMs } : { redriveCount: 0 };
  return t.stopMs <= nowMs ? { status: t.status, stopMs: t.stopMs, ...redrive } : { status: "RUNNING", ...redrive };
}

/**
 * One redrive: the attempt before it ended at `endedMs` with `endedStatus`, and at `atMs`
 * ExecutionRedriven continued the same history.
 */
export interface PlannedRedrive {
  endedMs: number;
  endedStatus: Exclude<ExecutionStatus, "RUNNING" | "SUCCEEDED">;
  endedError?: string;
  endedCause?: string;
  atMs: number;
}

export interface ExecutionPlan {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startMs: number;
  /** When the final event happens; the execution shows RUNNING before that. */
  stopMs: number;
  /** The final status, reached at stopMs. */
  status: Exclude<ExecutionStatus, "RUNNING">;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  events: PlannedEvent[];
  mapRuns: MapRunPlan[];
  /** Set on child executions of a distributed Map. */
  mapRunArn?: string;
  /** Redrives, oldest first; the fields above describe the last attempt. */
  redrives?: PlannedRedrive[];
  /** The last attempt failed where a redrive can continue from (see RedriveExecution). */
  redrivable?: boolean;
}

/** What listing needs: cheap to keep for every execution of the day. */
export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startMs: number;
  stopMs: number;
  status: Exclude<ExecutionStatus, "RUNNING">;
  mapRunArn?: string;
  redrives?: PlannedRedrive[];
}

export function summarise(plan: ExecutionPlan): ExecutionSummary {
  const { executionArn, stateMachineArn, name, startMs, stopMs, status, mapRunArn, redrives } = plan;
  return { executionArn, stateMachineArn, name, startMs, stopMs, status, mapRunArn, ...(redrives?.length ? { redrives } : {}) };
}

type Timeline = { stopMs: number; status: ExecutionSummary["status"]; redrives?: PlannedRedrive[] };

/** What a caller sees at `nowMs`: running, or the attempt that ended last and how. */
export interface SeenAt {
  status: ExecutionStatus;
  /** The stop of the attempt that ended last (absent while running). */
  stopMs?: number;
  error?: string;
  cause?: string;
  /** The redrives that have happened by now. */
  redriveCount: number;
  redriveMs?: number;
  /** The attempt seen is the last one (its output, error and cause are the plan's). */
  final: boolean;
}

export function seenAt(plan: Timeline & { error?: string; cause?: string }, nowMs: number): SeenAt {
  const redrives = plan.redrives ?? [];
  let count = 0;
  for (const r of redrives) {
    const redriveMs = count > 0 ? redrives[count - 1].atMs : undefined;
    if (nowMs < r.endedMs) return { status: "RUNNING", redriveCount: count, redriveMs, final: false };
    if (nowMs < r.atMs) return { status: r.endedStatus, stopMs: r.endedMs, error: r.endedError, cause: r.endedCause, redriveCount: count, redriveMs, final: false };
    count++;
  }
  const redriveMs = count > 0 ? redrives[count - 1].atMs : undefined;
  if (nowMs < plan.stopMs) return { status: "RUNNING", redriveCount: count, redriveMs, final: false };
  return { status: plan.status, stopMs: plan.stopMs, error: plan.error, cause: plan.cause, redriveCount: count, redriveMs, final: true };
}

/** Status as seen at `nowMs`. */
export function statusAt(summary: Timeline, nowMs: number): ExecutionStatus {
  if (!summary.redrives?.length) return summary.stopMs <= nowMs ? summary.status : "RUNNING";
  return seenAt(summary, nowMs).status;
}
