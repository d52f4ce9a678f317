/** Express executions from CloudWatch Logs. Server only. */
export { expressMachine, getExpressExecutionDetail, getExpressHistorySince, listExpressExecutions, DEFAULT_EXPRESS_LIST_MS } from "./express-executions";
export { loggingCoverage } from "./level";
export { parseExpressExecutionArn, parseLogRecord, recordToHistoryEvent } from "./records";
