"use client";
import type { ErrorGroup } from "@/lib/metrics/error-groups";
import { nameFromArn } from "@/lib/format/arn";
import { formatRelative, formatTimestamp } from "@/lib/format/time";
import { Sparkline } from "./Sparkline";

export interface ErrorGroupsTableProps {
  groups: ErrorGroup[];
  /** For "3 min ago"; passed in so the table renders the same on server and client. */
  now: number;
  /** Where an example execution links to. */
  executionHref: (executionArn: string) => string;
  /** Rows to show; the rest are summarised in a line below. */
  limit?: number;
}

/** Failures grouped by state, error and cause (variable parts replaced), biggest first. */
export function ErrorGroupsTable({ groups, now, executionHref, limit = 50 }: ErrorGroupsTableProps) {
  if (groups.length === 0) return <p className="muted">No failures in this window.</p>;
  const shown = groups.slice(0, limit);
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data" aria-label="Error groups">
        <thead>
          <tr>
            <th>State</th>
            <th>Error</th>
            <th>Cause</th>
            <th className="num">Count</th>
            <th>First seen</th>
            <th>Last seen</th>
            <th>Trend</th>
            <th>Examples</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((group) => (
            <tr key={group.key}>
              <td>{group.state ?? <span className="faint">(execution)</span>}</td>
              <td className="mono">{group.error}</td>
              <td className="mono" title={group.sampleCause ?? ""} style={{ maxWidth: 420, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                {group.normalisedCause || <span className="faint">(no cause)</span>}
              </td>
              <td className="num">{group.count.toLocaleString("en-US")}</td>
              <td title={formatTimestamp(group.firstSeen)}>{formatRelative(group.firstSeen, now)}</td>
              <td title={formatTimestamp(group.lastSeen)}>{formatRelative(group.lastSeen, now)}</td>
              <td>
                <Sparkline values={group.sparkline} label="failures" />
              </td>
              <td style={{ whiteSpace: "nowrap" }}>
                {group.examples.map((example, i) => {
                  const name = example.executionName ?? nameFromArn(example.executionArn);
                  return (
                    <span key={example.executionArn}>
                      {i > 0 && " · "}
                      <a href={executionHref(example.executionArn)} title={`${name} · ${formatTimestamp(example.at)}`} className="mono">
                        {shortName(name)}
                      </a>
                    </span>
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

/** Execution names are often UUIDs: the first 8 characters tell them apart in a table row; the title has the full name. */
function shortName(name: string): string {
  return name.length > 12 ? `${name.slice(0, 8)}…` : name;
}
