"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ExecutionDetail, ExecutionsResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import { lastSuccessBefore } from "@/components/compare/last-success";

const UNSUCCESSFUL = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/** Only compare paths in our own app; ARNs travel as query values. */
export function comparePath(a: string, b: string): string {
  return `/compare?${new URLSearchParams({ a, b }).toString()}`;
}

/**
 * On an execution that did not succeed: a link to compare it with the latest successful
 * execution of the same state machine (A = that success, the baseline; B = this one).
 */
export function CompareWithLastSuccess({ execution }: { execution: ExecutionDetail }) {
  const wanted = UNSUCCESSFUL.has(execution.status) && !!execution.stateMachineArn;
  const params = lastSuccessBefore(execution);
  const last = useQuery({
    queryKey: queryKeys.executions(execution.stateMachineArn, { status: params.status, to: String(params.to), limit: "1" }),
    queryFn: ({ signal }) => fetchJson<ExecutionsResponse>(apiPaths.executions(execution.stateMachineArn, params), { signal }),
    enabled: wanted,
    staleTime: 60_000,
  });
  if (!wanted) return null;
  if (last.isPending) return <button type="button" disabled>Compare with last success…</button>;
  const success = last.data?.executions.find((e) => e.arn !== execution.arn);
  if (!success) {
    return (
      <button type="button" disabled title={last.error ? "Could not list executions" : "No successful execution of this state machine was found"}>
        No successful run to compare
      </button>
    );
  }
  return (
    <Link className="button" href={comparePath(success.arn, execution.arn)} data-testid="compare-last-success" title={`Compare with ${success.name}`}>
      Compare with last success
    </Link>
  );
}
