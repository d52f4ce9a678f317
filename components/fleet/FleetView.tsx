"use client";

import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { defaultFleetSortDir, FLEET_SORTS, type FleetResponse, type FleetSort } from "@/lib/contract/api";
import { fetchJson, useQueryProblem, useSources } from "@/lib/queries";
import { apiScopeIds, isAllScopes, onlyScope, resolveScopeFilter, scopeFilterFromSearch, scopeFilterProblem, writeScopeFilter, type ScopeFilter } from "@/lib/scopes";
import { SourceFilter } from "@/components/sources/SourceFilter";
import { SourceTotalsTable } from "@/components/sources/SourceTotalsTable";
import { formatRelative, formatTimestamp } from "@/lib/format/time";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { useNow } from "@/components/ui/use-now";
import { fleetKeys, fleetPaths } from "./fleet-api";
import { FleetTable, type FleetSortState, type SourcedFleetRow } from "./FleetTable";
import styles from "./Fleet.module.css";
import { useUrlState } from "./use-url-state";
import { MACHINE_WINDOW_KEYS, windowFromSearch, writeWindow, type WindowParams } from "./window-params";
import { WindowPicker } from "./WindowPicker";

const REFRESH_MS = 10_000;
const PAGE_SIZE = 50;
const SORTS: readonly FleetSort[] = FLEET_SORTS;

/**
 * The home page: every state machine of every source, its health over the selected window; the
 * window, sort, search and sources shown all in the URL.
 */
export function FleetView() {
  const { params, update } = useUrlState();
  const window = windowFromSearch(params);
  const sortParam = params.get("sort") as FleetSort | null;
  const sort: FleetSortState = {
    sort: sortParam && SORTS.includes(sortParam) ? sortParam : "health",
    dir: params.get("dir") === "asc" ? "asc" : params.get("dir") === "desc" ? "desc" : defaultFleetSortDir(sortParam && SORTS.includes(sortParam) ? sortParam : "health"),
  };
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);
  const [offset, setOffset] = useState(0);
  const now = useNow(5_000);
  const scopeFilter = scopeFilterFromSearch(params);
  const sources = useSources();
  const scopes = sources.data?.scopes;
  const resolved = scopes ? resolveScopeFilter(scopeFilter, scopes) : undefined;
  // Until the sources are known a filter cannot be turned into scope ids: wait for them (a
  // server without /api/sources answers one scope, which any filter either keeps or drops).
  const waitingForScopes = !isAllScopes(scopeFilter) && !scopes && !sources.error;
  const nothingChosen = resolved?.selected.length === 0;
  const filterProblem = resolved && scopes ? scopeFilterProblem(resolved, scopes) : undefined;
  const source = scopes ? apiScopeIds(scopeFilter, scopes) : [];
  const setScopeFilter = (next: ScopeFilter) => {
    setOffset(0);
    update((p) => writeScopeFilter(p, next));
  };
  const scopeHref = (scopeId: string) => {
    const next = new URLSearchParams(params);
    writeScopeFilter(next, onlyScope({ id: scopeId }));
    return `/?${next}`;
  };

  // Typing updates the URL a moment after the last key, not on every key.
  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => {
      setOffset(0);
      update((p) => (search ? p.set("q", search) : p.delete("q")));
    }, 250);
    return () => clearTimeout(timer);
  }, [search, q, update]);

  const list = { q: q || undefined, sort: sort.sort, dir: sort.dir, cursor: offset ? String(offset) : undefined, limit: PAGE_SIZE, source: source.length > 0 ? source : undefined };
  const query = useQuery({
    queryKey: fleetKeys.fleet(window, list),
    queryFn: ({ signal }) => fetchJson<FleetResponse>(fleetPaths.fleet(window, list), { signal }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
    enabled: !waitingForScopes && !nothingChosen,
  });
  // A filter that keeps no scope shows no rows, not the previous answer's.
  const data = nothingChosen ? undefined : query.data;
  const isPending = query.isPending && !nothingChosen;
  const error = useQueryProblem(query);

  return (
    <section className="panel">
      <div className={styles.toolbar}>
        <h2 style={{ margin: 0 }}>State machines</h2>
        <WindowPicker
          value={window}
          now={now}
          onChange={(next) => {
            setOffset(0);
            update((p) => writeWindow(p, next));
          }}
        />
        <input className={styles.search} type="search" aria-label="Search state machines by name" placeholder="Filter state machines by name…" value={search} onChange={(e) => setSearch(e.target.value)} />
        {scopes && <SourceFilter scopes={scopes} filter={scopeFilter} onChange={setScopeFilter} />}
        <span className={styles.grow} />
        {data && (
          <span className={styles.meta} title={`${formatTimestamp(data.window.from)} → ${formatTimestamp(data.window.to)}`}>
            {data.total} {data.total === 1 ? "machine" : "machines"} · updated {formatRelative(data.fetchedAt, now)} · refreshes every {REFRESH_MS / 1000} s
          </span>
        )}
      </div>
      {filterProblem && (
        <p className="notice notice-warn" role="note" data-testid="source-filter-problem">
          {filterProblem}
        </p>
      )}
      <ErrorNotice error={error} stale={!!data} />
      {data?.sources && data.totals && (data.sources.length > 1 || (scopes?.length ?? 1) > 1) && <SourceTotalsTable sources={data.sources} totals={data.totals} scopeHref={scopeHref} />}
      {isPending && !error && <p className="muted">Loading state machines…</p>}
      {data && data.rows.length === 0 && (
        <p className="muted">{q ? `No state machine name contains “${q}”.` : (data.sources?.length ?? 1) > 1 ? "These sources have no state machines." : `This source has no state machines in ${data.source.region}.`}</p>
      )}
      {data && data.rows.length > 0 && (
        <FleetTable
          rows={data.rows as SourcedFleetRow[]}
          sort={sort}
          now={now}
          showSource={(scopes?.length ?? 1) > 1 || data.rows.some((r) => r.source !== undefined && r.source.id !== data.rows[0].source?.id)}
          stateMachineHref={(row) => stateMachineHref(row.arn, window, row.source?.id)}
          onSort={(next) => {
            setOffset(0);
            update((p) => {
              if (next.sort === "health" && next.dir === "desc") {
                p.delete("sort");
                p.delete("dir");
              } else {
                p.set("sort", next.sort);
                p.set("dir", next.dir);
              }
            });
          }}
        />
      )}
      {data && (offset > 0 || data.nextCursor) && (
        <div className={styles.pager}>
          <span className="faint">
            {offset + 1}–{offset + data.rows.length} of {data.total}
          </span>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Previous</button>
          <button type="button" disabled={!data.nextCursor} onClick={() => data.nextCursor && setOffset(Number(data.nextCursor))}>Next</button>
        </div>
      )}
    </section>
  );
}

/** The state machine page opens on the same window, for the row's scope (`source=`, so a link names it). */
function stateMachineHref(arn: string, window: WindowParams, sourceId?: string): string {
  const params = new URLSearchParams();
  writeWindow(params, window, MACHINE_WINDOW_KEYS);
  if (sourceId) params.set("source", sourceId);
  const qs = params.toString();
  return `/state-machines/${encodeURIComponent(arn)}${qs ? `?${qs}` : ""}`;
}
