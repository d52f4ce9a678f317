"use client";
import type { ErrorGroup, ErrorTrend } from "@/lib/metrics/error-groups";
import { nameFromArn } from "@/lib/format/arn";
import { formatRelative, formatTimestamp } from "@/lib/format/time";
import { formatPercent } from "./chart-format";
import { Sparkline } from "./Sparkline";

export interface ErrorGroupsTableProps {
  groups: ErrorGroup[];
  /** For "3 min ago"; passed in so the table renders the same on server and client. */
  now: number;
  /** Where an example execution links to. */
  executionHref: (executionArn: string, state?: string) => string;
  /** Rows to show; the rest are summarised in a line below. */
  limit?: number;
}

const TREND_LABELS: Record<ErrorTrend, string> = { new: "new", rising: "rising ↑", steady: "steady", falling: "falling ↓", stopped: "stopped" };

/**
 * Failures grouped by error and cause (variable parts replaced), biggest first. Nothing is
 * clipped: causes wrap, the raw cause of the newest failure opens below its group, and example
 * names are shown whole, as links.
 */
export function ErrorGroupsTable({ groups, now, executionHref, limit = 50 }: ErrorGroupsTableProps) {
  if (groups.length === 0) return <p className="muted">No failures in this window.</p>;
  const shown = groups.slice(0, limit);
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data" aria-label="Error groups" data-testid="error-groups">
        <thead>
          <tr>
            <th>Error</th>
            <th>Failing state</th>
            <th>Cause</th>
            <th className="num">Count</th>
            <th className="num">Share</th>
            <th>First seen</th>
            <th>Last seen</th>
            <th>Trend</th>
            <th>Examples</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((group) => (
            <tr key={group.key} data-testid="error-group" data-count={group.count} style={{ verticalAlign: "top" }}>
              <td className="mono" style={{ wordBreak: "break-word" }}>{group.error}</td>
              <td>
                {group.states.length === 0 && <span className="faint">(execution)</span>}
                {group.states.map((s) => (
                  <div key={s.name}>
                    {s.name}
                    {group.states.length > 1 && <span className="faint"> · {s.count.toLocaleString("en-US")}</span>}
                  </div>
                ))}
              </td>
              <td className="mono" style={{ minWidth: 240, maxWidth: 520, whiteSpace: "normal", wordBreak: "break-word" }}>
                {group.normalisedCause || <span className="faint">(no cause)</span>}
                {group.sampleCause && group.sampleCause !== group.normalisedCause && (
                  <details>
                    <summary className="faint" style={{ cursor: "pointer", fontFamily: "var(--font-sans, inherit)" }}>newest cause</summary>
                    <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-word", margin: "4px 0 0", maxHeight: 240, overflow: "auto" }}>{group.sampleCause}</pre>
                  </details>
                )}
              </td>
              <td className="num">{group.count.toLocaleString("en-US")}</td>
              <td className="num">{formatPercent(group.share)}</td>
              <td title={formatTimestamp(group.firstSeen)} style={{ whiteSpace: "nowrap" }}>{formatRelative(group.firstSeen, now)}</td>
              <td title={formatTimestamp(group.lastSeen)} style={{ whiteSpace: "nowrap" }}>{formatRelative(group.lastSeen, now)}</td>
              <td style={{ whiteSpace: "nowrap" }}>
                <Sparkline values={group.sparkline} label="failures" />
                <span className="faint" style={{ marginLeft: 6 }} data-testid="error-trend">{TREND_LABELS[group.trend]}</span>
              </td>
              <td>
                {group.examples.map((example) => {
                  const name = example.executionName ?? nameFromArn(example.executionArn);
                  return (
                    <div key={example.executionArn}>
                      <a href={executionHref(example.executionArn, group.state)} title={formatTimestamp(example.at)} className="mono" style={{ wordBreak: "break-all" }}>
                        {name}
                      </a>
                    </div>
                  );
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length > shown.length && <p className="faint">{groups.length - shown.length} smaller groups not shown.</p>}
    </div>
  );
}
