"use client";

import type { StateRun } from "@/lib/history/model";
import type { Retrier } from "@/lib/postmortem/retry-catch";
import { retrySchedule } from "@/lib/postmortem/retry-catch";
import { formatClock, formatDuration } from "@/lib/format/time";
import { StatusBadge } from "@/components/ui/StatusBadge";

/**
 * Every attempt of a Task-like run, with the back-off actually waited beside the one the
 * matching Retrier asked for — a retry that waited far longer than planned is worth a look.
 */
export function AttemptsTable({ run, retrier }: { run: StateRun; retrier?: Retrier }) {
  if (run.attempts.length === 0) return <p className="muted">This state ran no task: no attempts to show.</p>;
  const planned = retrier ? retrySchedule(retrier) : [];
  return (
    <table className="data" data-testid="attempts-table">
      <thead>
        <tr>
          <th>#</th>
          <th>Outcome</th>
          <th>Scheduled</th>
          <th className="num">Waited before</th>
          <th className="num">Planned wait</th>
          <th className="num">Attempt took</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {run.attempts.map((a) => (
          <tr key={a.index} data-testid="attempt-row">
            <td>{a.index === 0 ? "first" : `retry ${a.index}`}</td>
            <td><StatusBadge status={a.status} /></td>
            <td className="mono">{formatClock(a.scheduledAt)}</td>
            <td className="num">{a.index === 0 ? "—" : formatDuration(a.waitBeforeMs)}</td>
            <td className="num">{a.index === 0 || planned[a.index - 1] === undefined ? "—" : formatDuration(planned[a.index - 1] * 1000)}</td>
            <td className="num">{a.endedAt !== undefined ? formatDuration(a.endedAt - (a.startedAt ?? a.scheduledAt)) : "running"}</td>
            <td>
              {a.error ? <span className="mono" title={a.cause}>{a.error}</span> : <span className="faint">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
