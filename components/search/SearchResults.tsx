"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import type { FindResponse } from "@/lib/contract/api";
import { fetchJson, useQueryProblem } from "@/lib/queries";
import { formatDuration, formatRelative, formatTimestamp } from "@/lib/format/time";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { useNow } from "@/components/ui/use-now";
import { ScopeTag } from "@/components/sources/ScopeTag";

const executionHref = (arn: string) => `/executions/${encodeURIComponent(arn)}`;
const machineHref = (arn: string) => `/state-machines/${encodeURIComponent(arn)}`;

/** What the header's search found: state machines by name, executions by name prefix across every state machine. */
export function SearchResults({ q }: { q: string }) {
  const router = useRouter();
  const now = useNow(10_000);
  const query = useQuery({
    queryKey: ["search", q],
    queryFn: ({ signal }) => fetchJson<FindResponse>(`/api/find?${new URLSearchParams({ q }).toString()}`, { signal }),
    enabled: q.trim() !== "",
  });
  const problem = useQueryProblem(query);
  const data = query.data;
  useEffect(() => {
    if (data?.open) router.replace(data.open.kind === "execution" ? executionHref(data.open.arn) : machineHref(data.open.arn));
  }, [data, router]);

  if (!q.trim()) return <p className="muted">Type an execution ARN, a name or the start of a name in the search box above.</p>;
  return (
    <section className="panel" data-testid="search-results">
      <div className="panel-title">
        <h2>Search: “{q}”</h2>
        {data && (
          <span className="muted">
            names starting with it across {data.machinesSearched} state machines, executions started since {formatTimestamp(data.searchedFrom)}
          </span>
        )}
      </div>
      <ErrorNotice error={problem} stale={!!data} />
      {query.isPending && !problem && <p className="muted">Searching…</p>}
      {data && data.stateMachines.length > 0 && (
        <>
          <h3>State machines</h3>
          <ul>
            {data.stateMachines.map((m) => (
              <li key={m.arn}><Link href={machineHref(m.arn)}>{m.name}</Link> <ScopeTag arn={m.arn} /></li>
            ))}
          </ul>
        </>
      )}
      {data && !data.open && (
        <>
          <h3>Executions{data.truncated ? ` (the newest ${data.executions.length})` : ` (${data.executions.length})`}</h3>
          {data.executions.length === 0 ? (
            <p className="muted">No execution name starts with “{q}”.</p>
          ) : (
            <table className="data">
              <thead>
                <tr><th>Status</th><th>Name</th><th>State machine</th><th>Source</th><th>Started</th><th className="num">Duration</th></tr>
              </thead>
              <tbody>
                {data.executions.map((e) => (
                  <tr key={e.arn} data-testid="search-row">
                    <td><StatusBadge status={e.status} /></td>
                    <td className="mono"><Link href={executionHref(e.arn)}>{e.name}</Link></td>
                    <td><Link href={machineHref(e.stateMachineArn)}>{e.stateMachineName}</Link></td>
                    <td><ScopeTag arn={e.arn} /></td>
                    <td title={formatTimestamp(e.startedAt)}>{formatRelative(e.startedAt, now)}</td>
                    <td className="num">{formatDuration((e.stoppedAt ?? now) - e.startedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
