"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ExecutionResponse, ExecutionSummary, ExecutionsResponse, FindResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys, useQueryProblem } from "@/lib/queries";
import { formatTimestamp } from "@/lib/format/time";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ErrorNotice } from "@/components/ui/ErrorNotice";

function comparePath(a: string, b?: string): string {
  return `/compare?${new URLSearchParams(b ? { a, b } : { a }).toString()}`;
}

/** The typed text, a moment after the last key. */
function useSettled(text: string, ms = 250): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

/**
 * Choose what to compare: first an execution (by name, across every state machine), then a
 * second one of the same state machine, searchable by name on the server.
 */
export function ComparePicker({ a }: { a?: string }) {
  return (
    <section className="panel" data-testid="compare-picker">
      <h1>Compare two executions</h1>
      {a ? <PickB a={a} /> : <PickA />}
    </section>
  );
}

function PickA() {
  const [text, setText] = useState("");
  const q = useSettled(text.trim());
  const query = useQuery({
    queryKey: ["search", q],
    queryFn: ({ signal }) => fetchJson<FindResponse>(`/api/find?${new URLSearchParams({ q, limit: "30" }).toString()}`, { signal }),
    enabled: q !== "",
    placeholderData: keepPreviousData,
  });
  const problem = useQueryProblem(query);
  return (
    <>
      <p className="muted">First execution (A, the baseline): type its name or the start of it.</p>
      <input type="search" aria-label="Find the first execution" placeholder="Execution name…" value={text} onChange={(e) => setText(e.target.value)} autoFocus style={{ width: 360 }} />
      <ErrorNotice error={problem} />
      {query.data?.open?.kind === "execution" && <Choices executions={[]} href={() => ""} openArn={query.data.open.arn} />}
      {query.data && <Choices executions={query.data.executions} href={(e) => comparePath(e.arn)} />}
    </>
  );
}

function PickB({ a }: { a: string }) {
  const first = useQuery({
    queryKey: queryKeys.execution(a),
    queryFn: ({ signal }) => fetchJson<ExecutionResponse>(apiPaths.execution(a), { signal }),
  });
  const [text, setText] = useState("");
  const name = useSettled(text.trim());
  const machine = first.data?.execution.stateMachineArn;
  const candidates = useQuery({
    queryKey: queryKeys.executions(machine ?? "", { name, limit: "30", picker: "1" }),
    queryFn: ({ signal }) => fetchJson<ExecutionsResponse>(apiPaths.executions(machine!, { name: name || undefined, limit: 30 }), { signal }),
    enabled: machine !== undefined,
    placeholderData: keepPreviousData,
  });
  const firstProblem = useQueryProblem(first);
  const candidatesProblem = useQueryProblem(candidates);
  const problem = firstProblem ?? candidatesProblem;
  const execution = first.data?.execution;
  return (
    <>
      {execution && (
        <p>
          A: <span className="mono">{execution.name}</span> <StatusBadge status={execution.status} /> of <strong>{execution.stateMachineName}</strong>
          {" · "}
          <Link href="/compare">choose another</Link>
        </p>
      )}
      <p className="muted">Second execution (B), of the same state machine: newest first, or type the start of its name.</p>
      <input type="search" aria-label="Find the second execution" placeholder="Execution name…" value={text} onChange={(e) => setText(e.target.value)} autoFocus style={{ width: 360 }} />
      <ErrorNotice error={problem} />
      {candidates.data && <Choices executions={candidates.data.executions.filter((e) => e.arn !== a)} href={(e) => comparePath(a, e.arn)} />}
    </>
  );
}

function Choices({ executions, href, openArn }: { executions: ExecutionSummary[]; href(e: ExecutionSummary): string; openArn?: string }) {
  if (openArn) return <p><Link href={comparePath(openArn)}>Use this execution</Link></p>;
  if (executions.length === 0) return <p className="muted">No execution matches.</p>;
  return (
    <table className="data" data-testid="compare-choices" style={{ width: "auto", marginTop: 8 }}>
      <tbody>
        {executions.map((e) => (
          <tr key={e.arn} data-testid="compare-choice">
            <td><StatusBadge status={e.status} /></td>
            <td className="mono"><Link href={href(e)}>{e.name}</Link></td>
            {"stateMachineName" in e && <td>{String(e.stateMachineName)}</td>}
            <td className="muted">{formatTimestamp(e.startedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
