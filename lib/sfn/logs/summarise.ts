/**
 * Log records → what the executions list and the execution page need: one summary per
 * execution, and for one execution its events with a plain account of what is missing.
 *
 * Pure.
 */
import type { ExecutionStatusName, ExecutionSummary, MachineLogging } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import { type LogRecord, parseExpressExecutionArn, recordToHistoryEvent } from "./records";

const END_STATUS: Record<string, ExecutionStatusName> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
};

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * One summary per execution seen in the records, newest first. Without an ExecutionStarted
 * record (ERROR/FATAL levels log none) the start is the first logged event's time.
 */
export function executionsFromRecords(records: readonly LogRecord[]): ExecutionSummary[] {
  const byArn = new Map<string, ExecutionSummary & { started: boolean }>();
  for (const r of records) {
    const parsed = parseExpressExecutionArn(r.executionArn);
    if (!parsed) continue;
    let e = byArn.get(r.executionArn);
    if (!e) {
      e = { arn: r.executionArn, name: parsed.name, stateMachineArn: parsed.stateMachineArn, status: "RUNNING", startedAt: r.timestamp, started: false };
      byArn.set(r.executionArn, e);
    }
    if (r.type === "ExecutionStarted") {
      e.startedAt = r.timestamp;
      e.started = true;
    } else if (!e.started && r.timestamp < e.startedAt) {
      e.startedAt = r.timestamp;
    }
    const end = END_STATUS[r.type];
    if (end) {
      e.status = end;
      e.stoppedAt = r.timestamp;
      const error = text(r.details.error);
      const cause = text(r.details.cause);
      if (error) e.error = error;
      if (cause) e.cause = cause;
    }
    if (r.redriveCount > 0) e.redriveCount = r.redriveCount;
  }
  return [...byArn.values()]
    .map(({ started: _started, ...summary }) => summary)
    .sort((a, b) => b.startedAt - a.startedAt || (a.arn < b.arn ? -1 : 1));
}

export interface ExpressHistory {
  events: HistoryEvent[];
  finished: boolean;
  /** What is missing and why, in a sentence; absent when the history is whole. */
  problem?: string;
}

/**
 * One execution's records → its events in id order (a record delivered twice is kept once), and
 * what is missing: at level ALL the ids run 1…n without gaps, so missing ones were expired by
 * the log group's retention (the oldest go first) or are not delivered yet.
 */
export function historyFromRecords(records: readonly LogRecord[], logging: MachineLogging, unreadable = 0): ExpressHistory {
  const byId = new Map<number, LogRecord>();
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
  const sorted = [...byId.values()].sort((a, b) => a.id - b.id);
  const events = sorted.map(recordToHistoryEvent);
  const finished = sorted.some((r) => END_STATUS[r.type] !== undefined);
  const problems: string[] = [];
  if (logging.level === "ALL" && sorted.length > 0) {
    const first = sorted[0].id;
    if (first > 1) {
      problems.push(
        `Events 1–${first - 1} of this execution are no longer in ${logging.logGroupName ?? "the log group"} (expired by its retention, or not delivered yet); events ${first}–${sorted[sorted.length - 1].id} are shown.`,
      );
    }
    let gaps = 0;
    for (let i = 1; i < sorted.length; i++) gaps += sorted[i].id - sorted[i - 1].id - 1;
    if (gaps > 0) problems.push(`${gaps} event${gaps === 1 ? " is" : "s are"} missing between the first and the last one shown.`);
  } else if (logging.level !== "ALL") {
    problems.push(`The logging level is ${logging.level}: only ${logging.level === "FATAL" ? "the execution's own failure is" : "failed events are"} logged, so the states that succeeded are not shown.`);
  }
  if (unreadable > 0) problems.push(`${unreadable} log record${unreadable === 1 ? " was" : "s were"} not a Step Functions record (not JSON) and ${unreadable === 1 ? "was" : "were"} skipped.`);
  return { events, finished, ...(problems.length > 0 ? { problem: problems.join(" ") } : {}) };
}
