/** What is learnt of executions: EventBridge status-change events, and the one rule that merges every observation. Pure. */
export { parseStatusChange, STATUS_CHANGE_DETAIL_TYPE, type ExecutionChange, type KnownExecution, type ParsedEvent } from "./status-change";
export { mergeExecution, executionRank, type ExecutionFacts } from "./execution-merge";
