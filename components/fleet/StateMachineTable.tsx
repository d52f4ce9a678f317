"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ExecutionStatusName, StateMachinesResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import { formatTimestamp } from "@/lib/format/time";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { statusLook } from "@/components/ui/status";

const COLUMNS: ExecutionStatusName[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];
const REFRESH_MS = 10_000;

/** Every state machine of the source with its last 24 hours of executions by status. */
export function StateMachineTable() {
  const query = useQuery({
    queryKey: queryKeys.stateMachines("24h"),
    queryFn: ({ signal }) => fetchJson<StateMachinesResponse>(apiPaths.stateMachines("24h"), { signal }),
    refetchInterval: REFRESH_MS,
  });
  const { data, error, isPending } = query;

  return (
    <section className="panel">
      <div className="panel-title">
        <h2>State machines</h2>
        <span className="faint">executions started in the last 24 hours · refreshes every {REFRESH_MS / 1000} s</span>
      </div>
      <ErrorNotice error={error} stale={!!data} />
      {isPending && <p className="muted">Loading state machines…</p>}
      {data && data.stateMachines.length === 0 && (
        <p className="muted">This source has no state machines in {data.source.region}.</p>
      )}
      {data && data.stateMachines.length > 0 && (
        <table className="data" data-testid="state-machine-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Created</th>
              {COLUMNS.map((s) => (
                <th key={s} className="num">
                  <span style={{ color: statusLook(s).color }} aria-hidden>{statusLook(s).icon}</span> {statusLook(s).label}
                </th>
              ))}
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {data.stateMachines.map((sm) => {
              const total = sm.counts ? COLUMNS.reduce((n, s) => n + (sm.counts?.[s] ?? 0), 0) : undefined;
              return (
                <tr key={sm.arn} data-testid="state-machine-row" data-name={sm.name}>
                  <td>
                    <Link href={`/state-machines/${encodeURIComponent(sm.arn)}`}>{sm.name}</Link>
                  </td>
                  <td><span className="type-tag">{sm.type === "EXPRESS" ? "Express" : "Standard"}</span></td>
                  <td className="muted">{formatTimestamp(sm.createdAt)}</td>
                  {COLUMNS.map((s) => (
                    <td key={s} className="num" data-status={s}>
                      {sm.counts ? <Count value={sm.counts[s]} status={s} /> : <span className="faint">—</span>}
                    </td>
                  ))}
                  <td className="num" title={sm.countsPartial ? "More executions than one refresh lists; counts are a lower bound" : undefined}>
                    {total === undefined ? (
                      <span className="faint" title="Express executions are not listed by the Step Functions API">n/a</span>
                    ) : (
                      <>{total}{sm.countsPartial ? "+" : ""}</>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Count({ value, status }: { value: number; status: ExecutionStatusName }) {
  if (!value) return <span className="faint">0</span>;
  const alarming = status === "FAILED" || status === "TIMED_OUT";
  return <span style={{ color: alarming ? statusLook(status).color : undefined, fontWeight: alarming ? 600 : undefined }}>{value}</span>;
}
