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
  /** The scope this answer came from (SourceScope.id), e.g. "prod:eu-west-1". */
  id?: string;
  /** The configured source's name. */
  name?: string;
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
  /**
   * Events of a state machine no source keeps in the store (an account or Region not configured,
   * or a source indexed in memory only): counted, not stored. Absent when there were none.
   */
  unrouted?: number;
  /** Why the last of them had no source, in words (which account and Region it came from). */
  unroutedMessage?: string;
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
  /** Which scope the machine belongs to (GET /api/state-machines lists every scope's, or `?source=`'s). */
  source?: ScopeRef;
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
  /** When it was last redriven (ListExecutions' redriveDate). */
  redrivenAt?: number;
  /** Express executions listed from CloudWatch Logs carry their error and cause. */
  error?: string;
  cause?: string;
}

export interface ExecutionsResponse {
  executions: ExecutionSummary[];
  /** Opaque; pass back as `cursor` for the next page. */
  nextCursor?: string;
  /** Express machines: what the logs allowed and what the query cost. */
  logs?: ExpressLogsInfo;
}

/** DescribeExecution joined with the state machine and the definition the execution ran. */
export interface ExecutionDetail extends ExecutionDescription {
  stateMachineName: string;
  stateMachineType: "STANDARD" | "EXPRESS";
  /** The definition the execution ran (DescribeStateMachineForExecution), as JSON text. */
  definition: string;
  /** Express executions: read from CloudWatch Logs; what the logging level allowed. */
  logs?: ExpressLogsInfo;
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
  | "INTERNAL"
  | "METHOD_NOT_ALLOWED";

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
  /** Where Step Functions logs this machine's executions (Express executions are read from there). */
  logging?: MachineLogging;
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
  /** When the map run was last redriven (with its parent). */
  redrivenAt?: number;
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
  /**
   * Present when the figures start later than the window: they count the executions started
   * from this instant on (every one of them), because older ones are not listed yet or not kept.
   */
  countedFrom?: number;
  /** Present when the source itself holds nothing older than this, later than the window's start (it keeps less history than the window). */
  sourceFrom?: number;
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
  /** Set when the numbers come from CloudWatch metrics (Express, or a window longer than the index covers). */
  figuresFrom?: FiguresSource;
  /** Start of the oldest of the newest finished executions that all failed: when the current run of failures began. */
  failingSince?: number;
}

export type FleetSort =
  | "health"
  | "name"
  | "type"
  | "started"
  | "running"
  | "succeeded"
  | "failed"
  | "timedOut"
  | "aborted"
  | "errorRate"
  | "p50"
  | "p90"
  | "p99"
  | "errors"
  | "failingSince"
  | "source"
  | "account"
  | "region";

/** Every sort the fleet accepts, in column order. */
export const FLEET_SORTS: readonly FleetSort[] = [
  "health", "name", "source", "account", "region", "type", "started", "running", "succeeded", "failed", "timedOut", "aborted", "errorRate", "p50", "p90", "p99", "errors", "failingSince",
];

/** Sorts by words read A→Z when no direction is given; every number reads biggest (worst) first. */
export function defaultFleetSortDir(sort: FleetSort): "asc" | "desc" {
  return sort === "name" || sort === "type" || sort === "source" || sort === "account" || sort === "region" ? "asc" : "desc";
}

export interface FleetResponse {
  /** The first scope's (kept for the single-source badge); see `sources` for every scope. */
  source: SourceInfo;
  window: import("@/lib/metrics/windows").ResolvedWindow;
  rows: FleetRowWithSource[];
  /** One entry per scope selected (by `source`/`region`), healthy or not, with its totals over every page. */
  sources: SourceTotals[];
  /** The sum of `sources`. */
  totals: FleetTotals;
  /** Machines matching the search, over all pages. */
  total: number;
  nextCursor?: string;
  fetchedAt: number;
}

export interface MachineMetricsSample {
  /** Histories read for per-state statistics and the grid: the newest finished executions. */
  recent: number;
  /** Failures of the window whose histories are read and grouped (all of them once reading is done). */
  failures: number;
  /** Failed, timed-out and aborted executions counted in the window. */
  failuresInWindow: number;
}

export interface MachineMetricsResponse {
  stateMachineArn: string;
  window: import("@/lib/metrics/windows").ResolvedWindow;
  buckets: import("@/lib/metrics/buckets").ExecutionBucket[];
  summary: import("@/lib/metrics/summary").MachineSummary;
  histogram: import("@/lib/metrics/histogram").HistogramBin[];
  /** Every failure of the window whose history is read (`sample.failures` of `sample.failuresInWindow`). */
  errorGroups: import("@/lib/metrics/error-groups").ErrorGroup[];
  stateStats: import("@/lib/metrics/state-stats").StateStats[];
  grid: import("@/lib/metrics/state-execution-grid").StateExecutionGrid;
  /** Failures per failing state, over the failures read (see `sample`), for the graph overlay. */
  stateFailures: Record<string, number>;
  sample: MachineMetricsSample;
  coverage: FleetCoverage;
  /** Why there are no numbers (Express). */
  unavailable?: string;
  fetchedAt: number;
  /** Set when the numbers come from CloudWatch metrics; then there is no sample, grid or histogram. */
  figuresFrom?: FiguresSource;
}

// ---- Added with map-run reports (additions only) ----

/** A failed, timed-out or aborted child execution of a map run. */
export interface MapRunChildFailure {
  arn: string;
  name: string;
  status: ExecutionStatusName;
  startedAt: number;
  stoppedAt?: number;
  redriveCount?: number;
  /** From the child's history; absent when it was not among the histories read. */
  error?: string;
  cause?: string;
  /** The state of the child that failed it. */
  failedState?: string;
  /** Whether the child's history was read (its error is known). */
  read: boolean;
}

/** One state of the processor over the child executions whose histories were read. */
export interface ChildStateOutcome {
  /** The worst outcome in any child read (the graph's rank). */
  status: import("@/lib/history/model").RunStatus;
  /** Children read that entered the state. */
  children: number;
  /** Of those, children where the state ended failed or timed out (caught ones not counted). */
  failed: number;
  retries: number;
  /** The longest run of the state in one child (children run concurrently: no sum). */
  longestMs?: number;
}

/** GET /api/map-runs/{arn}/report: a map run with its children, for the parent's execution page. */
export interface MapRunReport {
  source: SourceInfo;
  mapRun: MapRunDescription;
  /** Child executions listed, newest first (at most `childrenCap`). */
  children: ExecutionSummary[];
  /** False when more children exist than were listed. */
  childrenComplete: boolean;
  childrenCap: number;
  /** Every failed, timed-out or aborted child listed, newest first, with its error when its history was read. */
  failures: MapRunChildFailure[];
  /** How many child histories were read, of how many children (failed ones first). */
  histories: { read: number; of: number; failedRead: number; failedOf: number; unreadable: number };
  /** Per state of the processor, over the children read. */
  states: Record<string, ChildStateOutcome>;
}

// ---- Added with Express executions and CloudWatch metrics (additions only) ----

/** DescribeStateMachine's loggingConfiguration: where and how much Step Functions logs. */
export interface MachineLogging {
  level: "ALL" | "ERROR" | "FATAL" | "OFF";
  includeExecutionData: boolean;
  /** The log group's name, read off the destination's ARN; absent when logging is off. */
  logGroupName?: string;
}

/**
 * What Stepscope could read of an Express machine's executions from CloudWatch Logs, and what
 * it cost: shown beside the list and on the execution page.
 */
export interface ExpressLogsInfo {
  logging: MachineLogging;
  /** What this logging level lets Stepscope show, in a sentence (said, not guessed). */
  coverage: string;
  /** How to get more (turn logging on, include execution data), when something is missing. */
  advice?: string;
  /** Logs Insights statistics of the query behind the list. */
  bytesScanned?: number;
  recordsScanned?: number;
  recordsMatched?: number;
  /** The window the list's query covered (epoch ms). */
  from?: number;
  to?: number;
  /** Executions of the range that match the list's filters (the list shows them a page at a time). */
  executionsInRange?: number;
  /** True when the query hit its row limit: older executions of the window are not listed. */
  truncated?: boolean;
  /** Log records that were not Step Functions records (not JSON, no type…): skipped, counted. */
  unreadableRecords?: number;
  /** Something the reader could not get past (a missing log group…): what could be read is shown. */
  problem?: string;
}

export interface ExpressExecutionsResponse extends ExecutionsResponse {
  logs: ExpressLogsInfo;
}

/** Where a machine's figures came from when not from the execution index. */
export type FiguresSource = "metrics";
// ---- Added with search (additions only) ----

/** An execution found by name, with its state machine's name. */
export interface ExecutionMatch extends ExecutionSummary {
  stateMachineName: string;
}

/** GET /api/find?q= : an ARN opens what it names; a name or name prefix matches across every state machine. */
export interface FindResponse {
  query: string;
  /** Set when `q` is the ARN of an existing execution or state machine: open it. */
  open?: { kind: "execution" | "stateMachine"; arn: string };
  stateMachines: StateMachineSummary[];
  /** Executions whose name starts with `q` (case-insensitive), newest first, across every Standard state machine. */
  executions: ExecutionMatch[];
  /** More executions matched than were returned. */
  truncated: boolean;
  /** Executions started at or after this are searched (what the index keeps). */
  searchedFrom: number;
  /** Standard state machines whose executions were searched. */
  machinesSearched: number;
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
  /**
   * Sources whose executions are indexed in memory only (not in the store this searches): the
   * answer does not cover them, and says so rather than look complete. Absent when none.
   */
  notSearched?: { id: string; label: string; reason: string }[];
}

// ---- Added with several accounts and Regions (additions only) ----

/**
 * How a source fares, from what its last calls answered:
 * ok: answering; loading: nothing answered yet; throttled: Step Functions (or our own quota)
 * refused within the last minute; down: unreachable or timing out; denied: credentials missing,
 * expired or not allowed (AccessDenied, a role that cannot be assumed).
 */
export type SourceHealthState = "ok" | "loading" | "throttled" | "down" | "denied";

export interface SourceHealth {
  state: SourceHealthState;
  /** What went wrong, in words (absent when ok). */
  message?: string;
  /** When this was last learned (epoch ms): the last answer or failure. */
  checkedAt?: number;
}

/** One account × Region: the unit with its own client, cache, limiter and index (AWS throttles per account and Region). */
export interface SourceScope {
  /** Stable and URL-safe: `${name}:${region}`. Pass it as `?source=` to the API. */
  id: string;
  /** The configured source's name ("prod"); "demo", "emulator" or "aws" without a config. */
  name: string;
  region: string;
  /** Configured, or learned from the ARNs the source answers with. */
  accountId?: string;
  kind: SourceKind;
  /** What a badge says: "prod · eu-west-1 · 123456789012". */
  label: string;
  endpoint?: string;
  health: SourceHealth;
}

/** GET /api/sources: every scope, in configuration order (sources, then each source's Regions). */
export interface SourcesResponse {
  sources: SourceScope[];
  fetchedAt: number;
}

/** Which scope a fleet row (or a listed state machine) belongs to. */
export interface ScopeRef {
  id: string;
  name: string;
  region: string;
  accountId?: string;
  /** The scope's health at the time of the answer (its rows may be from before a failure). */
  health: SourceHealthState;
}

/** One scope's part of a fleet answer: same window and filters as the rows, before paging. */
export interface SourceTotals {
  scope: SourceScope;
  /** Machines of this scope that match the filters (all pages). */
  machines: number;
  /** Executions started in the window. */
  started: number;
  /** By status: RUNNING counts running now; the others finished in the window (the rows' summaries summed). */
  counts: StatusCounts;
}

/**
 * Fleet additions (GET /api/fleet):
 * - `source=<id>` (repeatable) keeps only those scopes; `region=<r>` (repeatable) only those Regions.
 *   An unknown id or Region is a 400 naming the known ones.
 * - Every row has `source` (FleetRowWithSource); rows of scopes that are down keep what was
 *   last known (coverage.error says why) — a scope that never answered has no rows, only its totals entry.
 * - `sources` has one entry per scope selected, healthy or not; `totals` is their sum.
 */
export interface FleetRowWithSource extends FleetRow {
  source: ScopeRef;
}

export interface FleetTotals {
  machines: number;
  started: number;
  counts: StatusCounts;
}

