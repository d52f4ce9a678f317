/**
 * The records Step Functions writes to CloudWatch Logs, one JSON object per log event:
 *
 *   { "id": "3", "type": "TaskStateEntered", "details": { "name": "Enrich", "input": "…",
 *     "inputDetails": { "truncated": false } }, "previous_event_id": "2",
 *     "event_timestamp": "1700000000123", "execution_arn": "arn:…:express:…", "redrive_count": "0" }
 *
 * Numbers arrive as strings. `details` holds what GetExecutionHistory puts in the event's
 * `*EventDetails` member, so a record becomes the HistoryEvent the fold already reads.
 *
 * Pure: no SDK, no clock.
 */
import type { HistoryEvent } from "@/lib/history/events";

export interface LogRecord {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: number;
  executionArn: string;
  details: Record<string, unknown>;
  redriveCount: number;
}

function asNumber(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** One log event's message → a record, or undefined when it is not a Step Functions record (not JSON, no type…). */
export function parseLogRecord(message: string): LogRecord | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const id = asNumber(r.id);
  const timestamp = asNumber(r.event_timestamp);
  if (id === undefined || timestamp === undefined || typeof r.type !== "string" || typeof r.execution_arn !== "string") return undefined;
  const details = typeof r.details === "object" && r.details !== null && !Array.isArray(r.details) ? (r.details as Record<string, unknown>) : {};
  return {
    id,
    previousEventId: asNumber(r.previous_event_id) ?? 0,
    type: r.type,
    timestamp,
    executionArn: r.execution_arn,
    details,
    redriveCount: asNumber(r.redrive_count) ?? 0,
  };
}

/**
 * The history event's details member for a type: `TaskStateEntered` → `stateEnteredEventDetails`
 * (every state type shares the entered/exited members), otherwise the type itself
 * (`LambdaFunctionFailed` → `lambdaFunctionFailedEventDetails`).
 */
export function detailsKeyFor(type: string): string {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** A record → the event GetExecutionHistory would have returned (timestamps in epoch ms). */
export function recordToHistoryEvent(record: LogRecord): HistoryEvent {
  const event: HistoryEvent = { id: record.id, timestamp: record.timestamp, type: record.type };
  if (record.previousEventId > 0) event.previousEventId = record.previousEventId;
  if (Object.keys(record.details).length > 0) event[detailsKeyFor(record.type)] = record.details;
  return event;
}

export const EXECUTION_END_TYPES = ["ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"] as const;
export const EXECUTION_LEVEL_TYPES = ["ExecutionStarted", ...EXECUTION_END_TYPES] as const;

/** Express execution ARN (`arn:…:express:MACHINE:NAME:ID`) → its state machine's ARN and the execution's name. */
export function parseExpressExecutionArn(arn: string): { stateMachineArn: string; name: string } | undefined {
  const m = /^(arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}):express:([^:]+):([^:]+):([^:]+)$/.exec(arn);
  return m ? { stateMachineArn: `${m[1]}:stateMachine:${m[2]}`, name: m[3] } : undefined;
}
