/**
 * Step Functions' "Step Functions Execution Status Change" events, as EventBridge delivers them
 * (the SQS message body is the EventBridge envelope; `detail` holds the execution), read into
 * what the store keeps, and the rule that merges them. Pure.
 *
 * Delivery is best effort: events are lost, duplicated and arrive out of order. They are merged
 * by the one rule every observation of an execution goes through (./execution-merge.ts), so
 * applying the same events in any order, any number of times, gives the same row, and a lost
 * event is made good by the reconciliation listing, which merges the same way.
 */
import type { ExecutionStatusName } from "@/lib/contract/api";

export const STATUS_CHANGE_DETAIL_TYPE = "Step Functions Execution Status Change";

const STATUSES = new Set<ExecutionStatusName>(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]);

export interface ExecutionChange {
  arn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatusName;
  startedAt: number;
  stoppedAt?: number;
  error?: string;
  cause?: string;
  redriveCount: number;
}

export type ParsedEvent = { kind: "change"; change: ExecutionChange } | { kind: "ignored"; reason: string };

/** Epoch ms as Step Functions sends them; an ISO string is accepted too. */
function time(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value !== "") {
    const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** One SQS message body → a change, or why it is not one (a foreign event, a damaged body). */
export function parseStatusChange(body: string): ParsedEvent {
  let envelope: any;
  try {
    envelope = JSON.parse(body);
  } catch {
    return { kind: "ignored", reason: "the message is not JSON" };
  }
  if (!envelope || typeof envelope !== "object") return { kind: "ignored", reason: "the message is not an EventBridge event" };
  if (envelope.source !== "aws.states" || envelope["detail-type"] !== STATUS_CHANGE_DETAIL_TYPE) {
    return { kind: "ignored", reason: `not a Step Functions status change (source ${String(envelope.source)}, detail-type ${String(envelope["detail-type"])})` };
  }
  const d = envelope.detail ?? {};
  const arn = text(d.executionArn);
  const stateMachineArn = text(d.stateMachineArn);
  const startedAt = time(d.startDate);
  const status = d.status as ExecutionStatusName;
  if (!arn || !stateMachineArn || startedAt === undefined || !STATUSES.has(status)) {
    return { kind: "ignored", reason: "the event's detail lacks executionArn, stateMachineArn, startDate or a known status" };
  }
  const change: ExecutionChange = {
    arn,
    stateMachineArn,
    name: text(d.name) ?? arn.slice(arn.lastIndexOf(":") + 1),
    status,
    startedAt,
    redriveCount: typeof d.redriveCount === "number" ? d.redriveCount : 0,
  };
  const stoppedAt = time(d.stopDate);
  if (stoppedAt !== undefined && status !== "RUNNING") change.stoppedAt = stoppedAt;
  const error = text(d.error);
  const cause = text(d.cause);
  if (error) change.error = error;
  if (cause) change.cause = cause;
  return { kind: "change", change };
}

export type { ExecutionFacts as KnownExecution } from "./execution-merge";
