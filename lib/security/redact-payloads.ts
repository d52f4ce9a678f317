/**
 * Where payloads live in what Step Functions returns, and their masking. History events keep
 * their payloads as JSON text in `*EventDetails` fields (input, output, parameters, result,
 * cause…); DescribeExecution has input, output and cause.
 */
import type { HistoryEvent } from "@/lib/history/events";
import { redactJsonText, type RedactPath } from "./redact";

const PAYLOAD_FIELDS = new Set(["input", "output", "parameters", "result", "cause", "error", "itemSelector", "payload", "details"]);

function redactDetails(details: Record<string, unknown>, paths: RedactPath[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...details };
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === "string" && PAYLOAD_FIELDS.has(key)) out[key] = redactJsonText(value, paths);
  }
  return out;
}

export function redactHistoryEvent(event: HistoryEvent, paths: RedactPath[]): HistoryEvent {
  if (paths.length === 0) return event;
  const out: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith("EventDetails") && typeof value === "object" && value !== null && !Array.isArray(value)) {
      out[key] = redactDetails(value as Record<string, unknown>, paths);
    }
  }
  return out as HistoryEvent;
}

export function redactExecutionPayloads<T extends { input?: string; output?: string; cause?: string }>(execution: T, paths: RedactPath[]): T {
  if (paths.length === 0) return execution;
  const out = { ...execution };
  if (out.input !== undefined) out.input = redactJsonText(out.input, paths);
  if (out.output !== undefined) out.output = redactJsonText(out.output, paths);
  if (out.cause !== undefined) out.cause = redactJsonText(out.cause, paths);
  return out;
}
