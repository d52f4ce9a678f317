"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { SearchResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import { formatDuration, formatRelative, formatTimestamp } from "@/lib/format/time";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { useNow } from "@/components/ui/use-now";
import { useUrlState } from "@/components/fleet/use-url-state";
import { SearchSyntax } from "./SearchSyntax";
import { submittedText } from "./submitted-text";
import { ScopeTag } from "@/components/sources/ScopeTag";

/** The search box (its text lives in the URL as ?q=, so a search can be shared) and the hits, paged by cursor. */
export function SearchView() {
  const { params, update } = useUrlState();
  const q = params.get("q") ?? "";
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const now = useNow(10_000);
  const query = useInfiniteQuery({
    queryKey: queryKeys.search(q),
    queryFn: ({ pageParam, signal }) => fetchJson<SearchResponse>(apiPaths.search(q, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    // A bad query shows its message above the last good hits instead of blanking them.
    placeholderData: keepPreviousData,
    retry: false,
  });
  // A query that fails has no data of its own: the last answered search stays on screen under the message.
  const lastAnswered = useRef(query.data);
  if (query.data && !query.isPlaceholderData) lastAnswered.current = query.data;
  const shown = query.data ?? lastAnswered.current;
  const hits = shown?.pages.flatMap((p) => p.hits) ?? [];
  const notice = shown?.pages[0]?.notice;
  const notSearched = shown?.pages[0]?.notSearched ?? [];

  return (
    <section className="panel" data-testid="search">
      {/* A plain GET form too: Enter pressed before the scripts have run still searches. */}
      <form
        className="panel-title"
        role="search"
        action="/search"
        method="get"
        onSubmit={(e) => {
          e.preventDefault();
          // What the box holds, not the state: text typed before hydration never reached onChange.
          const typed = submittedText(e.currentTarget);
          setDraft(typed);
          update((p) => (typed ? p.set("q", typed) : p.delete("q")));
        }}
      >
        <input
          name="q"
          aria-label="Search executions"
          className="mono"
          style={{ flex: 1, minWidth: 0 }}
          placeholder={'order-12   status:failed from:2026-11-01   input.customer.id = "c-123"'}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <SearchSyntax />
      <ErrorNotice error={query.error} title={hits.length > 0 ? "This search cannot run; the last results stay below" : "This search cannot run"} />
      {notice && (
        <div className="notice notice-warn" role="status">
          <span>{notice}</span>
        </div>
      )}
      {notSearched.length > 0 && (
        <div className="notice notice-warn" role="status" data-testid="search-not-searched">
          <span>
            Not searched: {notSearched.map((s) => s.label).join(", ")}. {notSearched[0].reason}
          </span>
        </div>
      )}
      {query.isPending && <p className="muted">Searching…</p>}
      {shown && hits.length === 0 && !query.error && <p className="muted">No stored execution matches.</p>}
      {hits.length > 0 && (
        <table className="data" aria-busy={query.isFetching}>
          <thead>
            <tr>
              <th>Status</th>
              <th>Name</th>
              <th>State machine</th>
              <th>Source</th>
              <th>Started</th>
              <th className="num">Duration</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((e) => (
              <tr key={e.arn} data-testid="search-hit" data-status={e.status}>
                <td><StatusBadge status={e.status} /></td>
                <td className="mono"><Link href={`/executions/${encodeURIComponent(e.arn)}`}>{e.name}</Link></td>
                <td><Link href={`/state-machines/${encodeURIComponent(e.stateMachineArn)}`}>{e.machineName ?? e.stateMachineArn}</Link></td>
                <td><ScopeTag arn={e.arn} /></td>
                <td title={formatTimestamp(e.startedAt)}>{formatRelative(e.startedAt, now)}</td>
                <td className="num">{formatDuration((e.stoppedAt ?? now) - e.startedAt)}</td>
                <td className="mono" title={e.cause}>{e.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.hasNextPage && !query.error && (
        <div className="load-more">
          <button type="button" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load older executions"}
          </button>
        </div>
      )}
    </section>
  );
}
