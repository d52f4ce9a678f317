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
  /** With STEPSCOPE_EVENTS_QUEUE_URL (GET /api/source only): how consuming status-change events fares. */
  events?: EventsQueueStatus;
}

export interface EventsQueueStatus {
  queueUrl: string;
  state: "starting" | "consuming" | "failing";
  /** Why it is failing (a missing or denied queue), in words; polling carries on meanwhile. */
  message?: string;
  received: number;
  applied: number;
  ignored: number;
  lastEventAt?: number;
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

/** DescribeExecution joined with the state machine and the definition the execution ran. */
export interface ExecutionDetail extends ExecutionDescription {
  stateMachineName: string;
  stateMachineType: "STANDARD" | "EXPRESS";
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
  | "UNAUTHORIZED"
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

/**
 * DescribeExecution alone: the list's summary plus payloads, error and redrive state.
 * ExecutionDetail adds the state machine and its definition.
 */
export interface ExecutionDescription extends ExecutionSummary {
  input?: string;
  inputTruncated?: boolean;
  output?: string;
  outputTruncated?: boolean;
  error?: string;
  cause?: string;
  redriveStatus?: string;
  redriveStatusReason?: string;
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

// ---- Added with fleet health (additions only) ----

/** How complete a machine's numbers are: the server lists executions incrementally and samples histories. */
export interface FleetCoverage {
  /**
   * loading: nothing listed or stored yet; partial: some executions of the window are not listed
   * yet (or the walk was cut off, e.g. throttled); complete: every execution of the window is known.
   */
  state?: "loading" | "partial" | "complete";
  /** True when some executions of the window are not listed yet (filled in over the next refreshes) or were capped. */
  partial: boolean;
  /** True when the window is partial because only the newest executions are kept (the count cap), not because listing is under way. */
  capped?: boolean;
  /** Executions the server keeps for this machine. */
  indexed: number;
  /** When the server last listed this machine's executions, epoch ms. */
  refreshedAt?: number;
  /** The last refresh failed with this message; the numbers are from before it. */
  error?: string;
}

export interface FleetRow {
  arn: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  createdAt: number;
  /** The window's numbers; absent when unavailable (Express) or not listed yet. */
  summary?: import("@/lib/metrics/summary").MachineSummary;
  /** Why there are no numbers (Express machines are not listed by Step Functions). */
  unavailable?: string;
  coverage: FleetCoverage;
}

export type FleetSort = "health" | "name" | "errors" | "started" | "p90";

export interface FleetResponse {
  source: SourceInfo;
  window: import("@/lib/metrics/windows").ResolvedWindow;
  rows: FleetRow[];
  /** Machines matching the search, over all pages. */
  total: number;
  nextCursor?: string;
  fetchedAt: number;
}

export interface MachineMetricsSample {
  /** Histories read for per-state numbers: the newest finished executions… */
  recent: number;
  /** …plus the newest failures of the window. */
  failures: number;
  /** Failures in the window, sampled or not. */
  failuresInWindow: number;
}

export interface MachineMetricsResponse {
  stateMachineArn: string;
  window: import("@/lib/metrics/windows").ResolvedWindow;
  buckets: import("@/lib/metrics/buckets").ExecutionBucket[];
  summary: import("@/lib/metrics/summary").MachineSummary;
  histogram: import("@/lib/metrics/histogram").HistogramBin[];
  /** Grouped from the sampled failures' histories (see `sample`). */
  errorGroups: import("@/lib/metrics/error-groups").ErrorGroup[];
  stateStats: import("@/lib/metrics/state-stats").StateStats[];
  grid: import("@/lib/metrics/state-execution-grid").StateExecutionGrid;
  /** Per-state failures in the sample, for the graph overlay. */
  stateFailures: Record<string, number>;
  sample: MachineMetricsSample;
  coverage: FleetCoverage;
  /** Why there are no numbers (Express). */
  unavailable?: string;
  fetchedAt: number;
}

// ---- Added with search (additions only) ----

/** One execution found by GET /api/search. */
export interface SearchHitSummary extends ExecutionSummary {
  machineName?: string;
  error?: string;
  cause?: string;
}

export interface SearchResponse {
  /** The query as the server read it back, for the page to show. */
  query: string;
  hits: SearchHitSummary[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
  /** STEPSCOPE_INDEX_PAYLOADS as set: which machines' payloads are searchable ("" when none). */
  payloadIndexing: string;
  /** Something the user should know about this answer (e.g. payload terms with no machine indexed). */
  notice?: string;
}
