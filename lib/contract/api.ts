/**
 * Our JSON API's shapes: the contract between app/api/* (server) and lib/queries (browser).
 * Dates are epoch milliseconds. Errors are `{ error: { code, message } }`.
 */
import type { HistoryEvent } from "@/lib/history/events";

export type SourceKind = "demo" | "emulator" | "aws";

export interface SourceInfo {
  kind: SourceKind;
  /** What the badge says: "Demo account", "http://localhost:8083", "AWS us-east-1 · 123456789012". */
  label: string;
  region: string;
  endpoint?: string;
  accountId?: string;
}

export type ExecutionStatusName =
  | "RUNNING"
  | "SUCCEEDED"
  | "FAILED"
  | "TIMED_OUT"
  | "ABORTED"
  | "PENDING_REDRIVE";

export type StatusCounts = Record<ExecutionStatusName, number>;

export interface StateMachineSummary {
  arn: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  createdAt: number;
  /** Present when asked for with `?counts=24h`: executions started in the window, by status. */
  counts?: StatusCounts;
  /** True when counting stopped early (too many executions to list in one refresh). */
  countsPartial?: boolean;
  /** Why there are no counts (Express machines have no ListExecutions), when `counts` is absent although asked for. */
  countsUnavailable?: string;
}

export interface StateMachinesResponse {
  source: SourceInfo;
  stateMachines: StateMachineSummary[];
  fetchedAt: number;
}

export interface ExecutionSummary {
  arn: string;
  name: string;
  stateMachineArn: string;
  status: ExecutionStatusName;
  startedAt: number;
  stoppedAt?: number;
  mapRunArn?: string;
  redriveCount?: number;
}

export interface ExecutionsResponse {
  executions: ExecutionSummary[];
  /** Opaque; pass back as `cursor` for the next page. */
  nextCursor?: string;
}

export interface ExecutionDetail {
  arn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  stateMachineType: "STANDARD" | "EXPRESS";
  status: ExecutionStatusName;
  startedAt: number;
  stoppedAt?: number;
  input?: string;
  inputTruncated?: boolean;
  output?: string;
  outputTruncated?: boolean;
  error?: string;
  cause?: string;
  redriveCount?: number;
  redriveStatus?: string;
  redriveStatusReason?: string;
  mapRunArn?: string;
  /** The definition the execution ran (DescribeStateMachineForExecution), as JSON text. */
  definition: string;
}

export interface ExecutionResponse {
  source: SourceInfo;
  execution: ExecutionDetail;
}

export interface HistoryResponse {
  /** Events after `after` (all when omitted), ascending by id, timestamps as epoch ms. */
  events: HistoryEvent[];
  /** True when the execution has finished: no more events will come. */
  finished: boolean;
  /** Highest event id known to the server for this execution. */
  lastEventId: number;
}

export type ApiErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "ACCESS_DENIED"
  | "THROTTLED"
  | "UNAVAILABLE"
  | "TIMEOUT"
  | "UNSUPPORTED"
  | "UPSTREAM"
  | "INTERNAL";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

// ---- Added with the data layer (additions only) ----

/** DescribeStateMachine: today's definition (JSON text). */
export interface StateMachineDescription {
  arn: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  status?: string;
  createdAt: number;
  definition: string;
  roleArn?: string;
  description?: string;
  revisionId?: string;
}

/** DescribeExecution alone; ExecutionDetail adds the state machine and its definition. */
export interface ExecutionDescription {
  arn: string;
  name: string;
  stateMachineArn: string;
  status: ExecutionStatusName;
  startedAt: number;
  stoppedAt?: number;
  input?: string;
  inputTruncated?: boolean;
  output?: string;
  outputTruncated?: boolean;
  error?: string;
  cause?: string;
  redriveCount?: number;
  redriveStatus?: string;
  redriveStatusReason?: string;
  mapRunArn?: string;
}

export interface MapRunSummary {
  arn: string;
  executionArn: string;
  stateMachineArn: string;
  startedAt: number;
  stoppedAt?: number;
}

export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable?: number;
  pendingRedrive?: number;
}

export interface MapRunDescription {
  arn: string;
  executionArn: string;
  status: string;
  startedAt: number;
  stoppedAt?: number;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  redriveCount?: number;
}

export interface StateMachineResponse {
  source: SourceInfo;
  stateMachine: StateMachineDescription;
}

export interface MapRunResponse {
  source: SourceInfo;
  mapRun: MapRunDescription;
}
