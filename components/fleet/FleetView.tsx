"use client";

import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FLEET_SORTS, type FleetResponse, type FleetSort } from "@/lib/contract/api";
import { fetchJson, useQueryProblem } from "@/lib/queries";
import { formatRelative, formatTimestamp } from "@/lib/format/time";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { useNow } from "@/components/ui/use-now";
import { fleetKeys, fleetPaths } from "./fleet-api";
import { FleetTable, type FleetSortState } from "./FleetTable";
import styles from "./Fleet.module.css";
import { useUrlState } from "./use-url-state";
import { MACHINE_WINDOW_KEYS, windowFromSearch, writeWindow, type WindowParams } from "./window-params";
import { WindowPicker } from "./WindowPicker";

const REFRESH_MS = 10_000;
const PAGE_SIZE = 50;
const SORTS: readonly FleetSort[] = FLEET_SORTS;

/** The home page: every state machine's health over the selected window; window, sort and search in the URL. */
export function FleetView() {
  const { params, update } = useUrlState();
  const window = windowFromSearch(params);
  const sortParam = params.get("sort") as FleetSort | null;
  const sort: FleetSortState = {
    sort: sortParam && SORTS.includes(sortParam) ? sortParam : "health",
    dir: params.get("dir") === "asc" ? "asc" : params.get("dir") === "desc" ? "desc" : sortParam === "name" || sortParam === "type" ? "asc" : "desc",
  };
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);
  const [offset, setOffset] = useState(0);
  const now = useNow(5_000);

  // Typing updates the URL a moment after the last key, not on every key.
  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => {
      setOffset(0);
      update((p) => (search ? p.set("q", search) : p.delete("q")));
    }, 250);
    return () => clearTimeout(timer);
  }, [search, q, update]);

  const list = { q: q || undefined, sort: sort.sort, dir: sort.dir, cursor: offset ? String(offset) : undefined, limit: PAGE_SIZE };
  const query = useQuery({
    queryKey: fleetKeys.fleet(window, list),
    queryFn: ({ signal }) => fetchJson<FleetResponse>(fleetPaths.fleet(window, list), { signal }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const { data, isPending } = query;
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
        <span className={styles.grow} />
        {data && (
          <span className={styles.meta} title={`${formatTimestamp(data.window.from)} → ${formatTimestamp(data.window.to)}`}>
            {data.total} {data.total === 1 ? "machine" : "machines"} · updated {formatRelative(data.fetchedAt, now)} · refreshes every {REFRESH_MS / 1000} s
          </span>
        )}
      </div>
      <ErrorNotice error={error} stale={!!data} />
      {isPending && !error && <p className="muted">Loading state machines…</p>}
      {data && data.rows.length === 0 && (
        <p className="muted">{q ? `No state machine name contains “${q}”.` : `This source has no state machines in ${data.source.region}.`}</p>
      )}
      {data && data.rows.length > 0 && (
        <FleetTable
          rows={data.rows}
          sort={sort}
          now={now}
          stateMachineHref={(arn) => stateMachineHref(arn, window)}
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

/** The state machine page opens on the same window. */
function stateMachineHref(arn: string, window: WindowParams): string {
  const params = new URLSearchParams();
  writeWindow(params, window, MACHINE_WINDOW_KEYS);
  const qs = params.toString();
  return `/state-machines/${encodeURIComponent(arn)}${qs ? `?${qs}` : ""}`;
}
