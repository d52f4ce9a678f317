/**
 * What Step Functions writes to CloudWatch Logs for an execution, as the developer guide
 * describes it: one JSON record per history event, numbers as strings, the event's details
 * under `details`, payloads only when execution data is included, and only the events the
 * logging level admits.
 */
import type { ExecutionPlan, PlannedEvent } from "../sim/plan";

export type LogLevel = "ALL" | "ERROR" | "FATAL" | "OFF";

export interface DemoLogging {
  level: LogLevel;
  includeExecutionData: boolean;
  logGroupName: string;
}

export interface LogEvent {
  timestamp: number;
  /** When CloudWatch Logs received it; the same instant here. */
  ingestionTime: number;
  message: string;
  logStreamName: string;
  eventId: string;
}

function admits(level: LogLevel, type: string): boolean {
  switch (level) {
    case "ALL":
      return true;
    case "OFF":
      return false;
    case "FATAL":
      return type === "ExecutionFailed" || type === "ExecutionTimedOut" || type === "ExecutionAborted";
    case "ERROR":
      return /(Failed|TimedOut|Aborted)$/.test(type);
  }
}

const PAYLOAD_FIELDS = new Set(["input", "output", "inputDetails", "outputDetails"]);

function record(plan: ExecutionPlan, event: PlannedEvent, includeData: boolean): string {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.details ?? {})) if (includeData || !PAYLOAD_FIELDS.has(key)) details[key] = value;
  return JSON.stringify({
    id: String(event.id),
    type: event.type,
    details,
    previous_event_id: String(event.previousEventId),
    event_timestamp: String(event.timestampMs),
    execution_arn: plan.executionArn,
    redrive_count: "0",
  });
}

/** Step Functions writes one stream per execution: `states/<machine>/<date>/<execution id>`. */
export function streamNameOf(plan: ExecutionPlan): string {
  const machine = plan.stateMachineArn.split(":").pop() ?? "machine";
  const date = new Date(plan.startMs).toISOString().slice(0, 10);
  return `states/${machine}/${date}/${plan.executionArn.split(":").pop()}`;
}

/** The records of one execution written by `nowMs`, oldest first. */
export function logEventsOf(plan: ExecutionPlan, logging: DemoLogging, nowMs: number): LogEvent[] {
  const out: LogEvent[] = [];
  const stream = streamNameOf(plan);
  for (const event of plan.events) {
    if (event.timestampMs > nowMs) continue;
    if (!admits(logging.level, event.type)) continue;
    out.push({
      timestamp: event.timestampMs,
      ingestionTime: event.timestampMs,
      message: record(plan, event, logging.includeExecutionData),
      logStreamName: stream,
      eventId: `${event.timestampMs}${String(event.id).padStart(6, "0")}`,
    });
  }
  return out;
}
