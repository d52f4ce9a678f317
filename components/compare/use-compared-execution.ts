"use client";

import { useQuery } from "@tanstack/react-query";
import type { ExecutionResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import { useExecutionHistory } from "@/lib/queries/use-execution-history";

/** One side of a comparison: the description and the history (synced like the execution page). */
export function useComparedExecution(arn: string) {
  const description = useQuery({
    queryKey: queryKeys.execution(arn),
    queryFn: ({ signal }) => fetchJson<ExecutionResponse>(apiPaths.execution(arn), { signal }),
    enabled: arn !== "",
  });
  const execution = description.data?.execution;
  const history = useExecutionHistory(arn, !!execution && (execution.stateMachineType !== "EXPRESS" || !!execution.logs), execution?.definition);
  return { execution, model: history.data?.model, error: description.error ?? history.error };
}
