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
  children: ExecutionPlan[];
  /** Child workflow definition, as JSON text (DescribeStateMachineForExecution of a child). */
  definition: string;
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
}

export function summarise(plan: ExecutionPlan): ExecutionSummary {
  const { executionArn, stateMachineArn, name, startMs, stopMs, status, mapRunArn } = plan;
  return { executionArn, stateMachineArn, name, startMs, stopMs, status, mapRunArn };
}

/** Status as seen at `nowMs`. */
export function statusAt(summary: { stopMs: number; status: ExecutionSummary["status"] }, nowMs: number): ExecutionStatus {
  return summary.stopMs <= nowMs ? summary.status : "RUNNING";
}
