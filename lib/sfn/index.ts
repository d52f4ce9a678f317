/**
 * The Step Functions data layer. Server only: it is the one place that imports @aws-sdk/*;
 * route handlers and instrumentation use it, client components never do.
 */
export { redriveExecution, stopExecution } from "./actions";
export { ByteLruCache, FOREVER, approximateBytes } from "./cache";
export { createSfnClient, endpointLabel } from "./client";
export { cached, createSfnContext, DEFAULT_MAX_THROTTLE_WAIT_MS, send, type SfnContext, type SfnContextOptions } from "./context";
export { countExecutionsSince, emptyCounts, listStateMachinesWithCounts, EXPRESS_COUNTS_UNAVAILABLE } from "./counts";
export { decodeCursor, encodeCursor } from "./cursor";
export { getSfnContext, resetSfnContext } from "./default-context";
export { SfnError, toSfnError } from "./errors";
export {
  describeExecution,
  fetchExecutionPage,
  getExecutionDetail,
  listExecutions,
  type ExecutionsTarget,
  type ListExecutionsQuery,
} from "./executions";
export { getHistorySince, getSyncedHistory, type SyncedHistory } from "./history-sync";
export { describeMapRun, listMapRuns } from "./map-runs";
export { DEFAULT_MAP_RUN_REPORT_LIMITS, mapRunReport, type MapRunReportLimits } from "./map-run-report";
export { SingleFlight } from "./single-flight";
export { describeStateMachine, describeStateMachineForExecution, listStateMachines } from "./state-machines";
export { DEFAULT_QUOTAS, FALLBACK_QUOTA, parseQuotas, type Quota } from "./quotas";
export { RateLimiter, type RateLimiterOptions } from "./rate-limiter";
export { TokenBucket } from "./token-bucket";
