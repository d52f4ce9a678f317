import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SearchResults } from "@/components/search/SearchResults";
import { SearchView } from "@/components/search/SearchView";
import { searchTarget } from "@/components/search/search-target";
import { loadConfig } from "@/lib/config/env";
import { parseDatabaseUrl } from "@/lib/store/database-url";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Whether executions are kept in a store (the default), so the full search can read it. */
function hasStore(): boolean {
  try {
    return parseDatabaseUrl(loadConfig().databaseUrl, process.cwd()).kind !== "memory";
  } catch {
    return false;
  }
}

/**
 * With a store, the search over every stored execution (status, error, cause, payload fields…);
 * with STEPSCOPE_DATABASE_URL=memory there is nothing stored to query, so the page lists what the
 * in-memory index holds: state machines by name and executions by name prefix.
 */
export default async function SearchPage({ searchParams }: Props) {
  const given = (await searchParams).q;
  const q = (Array.isArray(given) ? given[0] : given) ?? "";
  // An ARN opens its page, as the header's box does once its script runs (this is the same box
  // submitted before that, or a link someone shared).
  const target = searchTarget(q);
  if (target && !target.startsWith("/search?")) redirect(target);
  if (!hasStore()) {
    return (
      <main className="page">
        <SearchResults q={q} />
      </main>
    );
  }
  return (
    <main className="page">
      <div className="page-header">
        <h1>Search executions</h1>
        <span className="muted">Every stored execution of every state machine, newest first.</span>
      </div>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <SearchView />
      </Suspense>
    </main>
  );
}
