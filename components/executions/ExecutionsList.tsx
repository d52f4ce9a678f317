"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { ExecutionStatusName, ExecutionsResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import { formatDuration, formatRelative, formatTimestamp } from "@/lib/format/time";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { useNow } from "@/components/ui/use-now";
import { ExpressLogsNote } from "@/components/express/ExpressLogsNote";
import { DEFAULT_EXECUTION_SORT, nextSort, sortExecutions, type ExecutionSort, type ExecutionSortKey } from "./sort-executions";

const STATUSES: ExecutionStatusName[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

export interface ExecutionFilters {
  status?: ExecutionStatusName;
  from?: number;
  to?: number;
}

interface Props {
  stateMachineArn: string;
  filters: ExecutionFilters;
  onFiltersChange(filters: ExecutionFilters): void;
}

/**
 * A state machine's executions, newest first, live: the first page refreshes every few seconds
 * (new executions appear, running ones update); older pages load on demand. Sorting orders the
 * executions loaded so far (Step Functions lists newest first only).
 */
export function ExecutionsList({ stateMachineArn, filters, onFiltersChange }: Props) {
  const [nameFilter, setNameFilter] = useState("");
  const now = useNow(5_000);
  const params = { status: filters.status, from: filters.from, to: filters.to };
  const query = useInfiniteQuery({
    queryKey: queryKeys.executions(stateMachineArn, { status: filters.status, from: String(filters.from ?? ""), to: String(filters.to ?? "") }),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ExecutionsResponse>(apiPaths.executions(stateMachineArn, { ...params, cursor: pageParam, limit: 50 }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 5_000,
  });

  const [sort, setSort] = useState<ExecutionSort>(DEFAULT_EXECUTION_SORT);
  const rows = useMemo(() => {
    const all = query.data?.pages.flatMap((p) => p.executions) ?? [];
    const needle = nameFilter.trim().toLowerCase();
    const matching = needle ? all.filter((e) => e.name.toLowerCase().includes(needle)) : all;
    return sortExecutions(matching, sort, now);
  }, [query.data, nameFilter, sort, now]);
  const header = (label: string, key: ExecutionSortKey, numeric = false) => (
    <th className={numeric ? "num" : undefined} aria-sort={sort.key === key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
      <button
        type="button"
        className="sort-header"
        style={{ border: 0, background: "none", padding: 0, font: "inherit", color: sort.key === key ? "var(--accent)" : "inherit", cursor: "pointer", fontWeight: 600 }}
        onClick={() => setSort(nextSort(sort, key))}
      >
        {label}
        {sort.key === key ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );

  return (
    <section className="panel" data-testid="executions-list">
      <div className="panel-title">
        <h2>Executions</h2>
        <span className="live-dot" title="The newest page refreshes every 5 s">live</span>
        <span className="spacer" />
        <label className="filter">
          Status{" "}
          <select
            aria-label="Status filter"
            value={filters.status ?? ""}
            onChange={(e) => onFiltersChange({ ...filters, status: (e.target.value || undefined) as ExecutionStatusName | undefined })}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{s.replace("_", " ").toLowerCase()}</option>
            ))}
          </select>
        </label>
        <input aria-label="Filter by name" placeholder="Filter by name…" value={nameFilter} onChange={(e) => setNameFilter(e.target.value)} />
        {(filters.from !== undefined || filters.to !== undefined) && (
          <span className="chip">
            {formatTimestamp(filters.from)} → {formatTimestamp(filters.to)}
            <button type="button" aria-label="Clear time range" onClick={() => onFiltersChange({ status: filters.status })}>×</button>
          </span>
        )}
      </div>
      <ErrorNotice error={query.error} stale={!!query.data} />
      {/* Express machines: the list comes from CloudWatch Logs; say what the logging allows and what the query cost. */}
      {query.data?.pages[0]?.logs && <ExpressLogsNote logs={query.data.pages[0].logs} />}
      {query.isPending && <p className="muted">Loading executions…</p>}
      {query.data && rows.length === 0 && <p className="muted">No executions match these filters.</p>}
      {rows.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              {header("Status", "status")}
              {header("Name", "name")}
              {header("Started", "startedAt")}
              {header("Stopped", "stoppedAt")}
              {header("Duration", "duration", true)}
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.arn} data-testid="execution-row" data-status={e.status}>
                <td><StatusBadge status={e.status} /></td>
                <td className="mono">
                  <Link href={`/executions/${encodeURIComponent(e.arn)}`}>{e.name}</Link>
                  {e.error && <div className="faint" data-testid="execution-error" title={e.cause}>{e.error}</div>}
                </td>
                <td title={formatTimestamp(e.startedAt)}>{formatRelative(e.startedAt, now)}</td>
                <td className="muted">{e.stoppedAt ? formatTimestamp(e.stoppedAt) : "—"}</td>
                <td className="num">{formatDuration((e.stoppedAt ?? now) - e.startedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.hasNextPage && (
        <div className="load-more">
          <button type="button" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load older executions"}
          </button>
        </div>
      )}
    </section>
  );
}
