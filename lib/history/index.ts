/**
 * lib/history: a Step Functions history → the execution model (see model.ts). Pure: no React,
 * no SDK, no network, no clock.
 */
export { foldHistory, applyEvents } from "./fold";
export { normaliseTimestamp, normaliseEvent } from "./normalise";
export { summariseStates, summariseRuns } from "./summarise-states";
export { WORST_FIRST, statusRank, worseStatus } from "./status-rank";
export { markNotReached } from "./not-reached";
export { parseCause, type ParsedCause } from "./parse-cause";
export type { StateOutcome } from "./state-outcome";
export type { HistoryEvent } from "./events";
export type * from "./model";
export type { FoldOptions } from "./fold-state";
export { branchLabel, branchPathSegment } from "./branch-label";
export { isFinished } from "./finished";
