"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { ExecutionStatusName, ExecutionsResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys, useQueryProblem } from "@/lib/queries";
import { formatDuration, formatRelative, formatTimestamp } from "@/lib/format/time";
import { visibleText } from "@/lib/security/visible-text";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { useNow } from "@/components/ui/use-now";
import { ExpressLogsNote } from "@/components/express/ExpressLogsNote";
import { fromInputValue, toInputValue } from "@/components/fleet/window-params";
import { withSource } from "@/lib/scopes";
import { usePageSource } from "@/components/sources/use-page-source";
import { DEFAULT_EXECUTION_SORT, nextSort, sortExecutions, type ExecutionSort, type ExecutionSortKey } from "./sort-executions";

const STATUSES: ExecutionStatusName[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

export interface ExecutionFilters {
  status?: ExecutionStatusName;
  /** Started at or after (epoch ms). */
  from?: number;
  /** Started at or before (epoch ms). */
  to?: number;
  /** Name prefix, matched by the server over every execution, not only the loaded ones. */
  name?: string;
}

interface Props {
  stateMachineArn: string;
  filters: ExecutionFilters;
  onFiltersChange(filters: ExecutionFilters): void;
}

/**
 * A state machine's executions, newest first, live: the first page refreshes every few seconds
 * (new executions appear, running ones update); older pages load on demand. Status, name and
 * date range are filtered by the server and live in the URL; sorting orders the executions
 * loaded so far (Step Functions lists newest first only).
 */
export function ExecutionsList({ stateMachineArn, filters, onFiltersChange }: Props) {
  const [nameDraft, setNameDraft] = useState(filters.name ?? "");
  const [fromDraft, setFromDraft] = useState(filters.from !== undefined ? toInputValue(filters.from) : "");
  const [toDraft, setToDraft] = useState(filters.to !== undefined ? toInputValue(filters.to) : "");
  // The URL wins when it changes from outside (a bucket click, the back button), not when it
  // catches up with what is being typed.
  const sentName = useRef(filters.name);
  useEffect(() => {
    if (filters.name !== sentName.current) setNameDraft(filters.name ?? "");
    sentName.current = filters.name;
  }, [filters.name]);
  useEffect(() => setFromDraft(filters.from !== undefined ? toInputValue(filters.from) : ""), [filters.from]);
  useEffect(() => setToDraft(filters.to !== undefined ? toInputValue(filters.to) : ""), [filters.to]);
  // Typing updates the URL (and the server query) a moment after the last key.
  useEffect(() => {
    const name = nameDraft.trim() || undefined;
    if (name === filters.name) return;
    const timer = setTimeout(() => {
      sentName.current = name;
      onFiltersChange({ ...filters, name });
    }, 300);
    return () => clearTimeout(timer);
  }, [nameDraft, filters, onFiltersChange]);
  const applyRange = (fromText: string, toText: string) => {
    const from = fromText ? fromInputValue(fromText) : undefined;
    // A minute-precision "to" means up to the end of that minute.
    const toStart = toText ? fromInputValue(toText) : undefined;
    const to = toStart !== undefined ? toStart + 59_999 : undefined;
    if (from !== undefined && to !== undefined && to < from) return;
    onFiltersChange({ ...filters, from, to });
  };
  const now = useNow(5_000);
  const source = usePageSource();
  const params = { status: filters.status, from: filters.from, to: filters.to, name: filters.name };
  const query = useInfiniteQuery({
    queryKey: queryKeys.executions(stateMachineArn, { status: filters.status, from: String(filters.from ?? ""), to: String(filters.to ?? ""), name: filters.name ?? "" }),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ExecutionsResponse>(apiPaths.executions(stateMachineArn, { ...params, cursor: pageParam, limit: 50 }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 5_000,
  });

  const problem = useQueryProblem(query);
  const [sort, setSort] = useState<ExecutionSort>(DEFAULT_EXECUTION_SORT);
  const rows = useMemo(() => {
    const all = query.data?.pages.flatMap((p) => p.executions) ?? [];
    return sortExecutions(all, sort, now);
  }, [query.data, sort, now]);
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
        <input aria-label="Filter by name" placeholder="Name starts with…" value={nameDraft} onChange={(e) => setNameDraft(e.target.value)} />
        <label className="filter">
          From{" "}
          <input
            type="datetime-local"
            aria-label="Started from (UTC)"
            value={fromDraft}
            onChange={(e) => {
              setFromDraft(e.target.value);
              applyRange(e.target.value, toDraft);
            }}
          />
        </label>
        <label className="filter">
          to{" "}
          <input
            type="datetime-local"
            aria-label="Started until (UTC)"
            value={toDraft}
            onChange={(e) => {
              setToDraft(e.target.value);
              applyRange(fromDraft, e.target.value);
            }}
          />
        </label>
        {(filters.from !== undefined || filters.to !== undefined) && (
          <span className="chip" data-testid="time-range">
            {formatTimestamp(filters.from)} → {formatTimestamp(filters.to)}
            <button type="button" aria-label="Clear time range" onClick={() => onFiltersChange({ status: filters.status, name: filters.name })}>×</button>
          </span>
        )}
      </div>
      <ErrorNotice error={problem} stale={!!query.data} />
      {/* Express machines: the list comes from CloudWatch Logs; say what the logging allows and what the query cost. */}
      {query.data?.pages[0]?.logs && <ExpressLogsNote logs={query.data.pages[0].logs} />}
      {query.isPending && !problem && <p className="muted">Loading executions…</p>}
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
                  <Link href={withSource(`/executions/${encodeURIComponent(e.arn)}`, source)}>{visibleText(e.name)}</Link>
                  {e.error && <div className="faint" data-testid="execution-error" title={e.cause}>{e.error}</div>}
                </td>
                <td title={formatTimestamp(e.startedAt)}>
                  <Link href={withSource(`/executions/${encodeURIComponent(e.arn)}`, source)} className="row-link" tabIndex={-1}>{formatRelative(e.startedAt, now)}</Link>
                </td>
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
