"use client";

import { useCallback } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import type { ExecutionStatusName, StateMachineResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import { formatTimestamp } from "@/lib/format/time";
import { StateGraph } from "@/components/graph";
import { CopyButton } from "@/components/ui/CopyButton";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { ExecutionsList, type ExecutionFilters } from "@/components/executions/ExecutionsList";
import { ExecutionProblem } from "@/components/execution/ExecutionProblem";

/** One state machine: its definition and its executions, filters kept in the URL. */
export function StateMachineView({ arn }: { arn: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersFromParams(searchParams);

  const description = useQuery({
    queryKey: queryKeys.stateMachine(arn),
    queryFn: ({ signal }) => fetchJson<StateMachineResponse>(apiPaths.stateMachine(arn), { signal }),
    refetchInterval: 60_000,
  });

  const setFilters = useCallback(
    (next: ExecutionFilters) => {
      const params = new URLSearchParams(searchParams.toString());
      for (const key of ["status", "from", "to"] as const) {
        const value = next[key];
        if (value === undefined) params.delete(key);
        else params.set(key, String(value));
      }
      router.replace(`${pathname}?${params.toString()}`, { scroll: false });
    },
    [pathname, router, searchParams],
  );

  const sm = description.data?.stateMachine;
  if (description.error && !sm) return <ExecutionProblem what="state machine" arn={arn} error={description.error} onRetry={() => description.refetch()} />;
  if (!sm) return <p className="muted page-loading">Loading state machine…</p>;

  return (
    <div className="exec-page">
      <section className="panel">
        <div className="exec-title">
          <h1>{sm.name}</h1>
          <span className="type-tag">{sm.type === "EXPRESS" ? "Express" : "Standard"}</span>
          <span className="muted">created {formatTimestamp(sm.createdAt)}</span>
          <span className="spacer" />
          <CopyButton text={sm.arn} label="Copy ARN" />
        </div>
        {sm.description && <p className="muted">{sm.description}</p>}
      </section>
      <ErrorNotice error={description.error} stale />
      <div className="sm-grid">
        <section className="panel graph-panel">
          <div className="panel-title"><h2>Definition</h2><span className="faint">as deployed today</span></div>
          <StateGraph definition={sm.definition} height={520} />
        </section>
        {sm.type === "EXPRESS" ? (
          <section className="panel">
            <h2>Executions</h2>
            <p className="muted">
              Express executions are not listed by the Step Functions API and keep no event history. Enable CloudWatch Logs on this
              state machine to follow them.
            </p>
          </section>
        ) : (
          <ExecutionsList stateMachineArn={arn} filters={filters} onFiltersChange={setFilters} />
        )}
      </div>
    </div>
  );
}

const STATUSES = new Set(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]);

function filtersFromParams(params: URLSearchParams): ExecutionFilters {
  const status = params.get("status") ?? undefined;
  const from = Number(params.get("from"));
  const to = Number(params.get("to"));
  return {
    status: status && STATUSES.has(status) ? (status as ExecutionStatusName) : undefined,
    from: Number.isFinite(from) && from > 0 ? from : undefined,
    to: Number.isFinite(to) && to > 0 ? to : undefined,
  };
}
