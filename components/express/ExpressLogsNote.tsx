"use client";

import type { ExpressLogsInfo } from "@/lib/contract/api";
import { formatBytes } from "@/lib/format/bytes";
import { formatTimestamp } from "@/lib/format/time";

/**
 * Where an Express machine's executions were read from, what its logging level allows, what
 * is missing and what the query cost. Only renders what it is given.
 */
export function ExpressLogsNote({ logs }: { logs: ExpressLogsInfo }) {
  const off = logs.logging.level === "OFF" || !logs.logging.logGroupName;
  return (
    <div className={`notice ${off || logs.problem ? "notice-warn" : "notice-info"}`} data-testid="express-logs-note" data-level={logs.logging.level}>
      <strong>{off ? "Logging is off." : "From CloudWatch Logs."}</strong>
      <span>
        {logs.coverage}
        {logs.advice && <> {logs.advice}</>}
        {logs.bytesScanned !== undefined && (
          <span data-testid="bytes-scanned">
            {" "}
            The Logs Insights query for {formatTimestamp(logs.from)} → {formatTimestamp(logs.to)} scanned {formatBytes(logs.bytesScanned)} (
            {(logs.recordsScanned ?? 0).toLocaleString("en-US")} records; Insights bills per byte scanned)
            {logs.executionsInRange !== undefined ? `: ${logs.executionsInRange.toLocaleString("en-US")} executions in this range` : ""}.
          </span>
        )}
        {logs.truncated && <> The query reached its 10,000-row limit: older executions of this range are not listed; pick a shorter range.</>}
        {logs.unreadableRecords !== undefined && logs.unreadableRecords > 0 && (
          <> {logs.unreadableRecords.toLocaleString("en-US")} log record{logs.unreadableRecords === 1 ? " was" : "s were"} not Step Functions records (not JSON) and were skipped.</>
        )}
        {logs.problem && <> {logs.problem}</>}
      </span>
    </div>
  );
}
