/** EventBridge status-change events: parsing and the order-free merge. Pure. */
export { parseStatusChange, mergeChange, STATUS_CHANGE_DETAIL_TYPE, type ExecutionChange, type KnownExecution, type ParsedEvent } from "./status-change";
