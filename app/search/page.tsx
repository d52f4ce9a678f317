import type { Metadata } from "next";
import { Suspense } from "react";
import { SearchView } from "@/components/search/SearchView";

export const metadata: Metadata = { title: "Search" };

export default function SearchPage() {
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
