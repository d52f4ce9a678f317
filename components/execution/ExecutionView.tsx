"use client";

import { useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ExecutionResponse } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys, useQueryProblem } from "@/lib/queries";
import { useExecutionHistory } from "@/lib/queries/use-execution-history";
import { useMapRunReports } from "@/lib/queries/use-map-run-reports";
import { useNow } from "@/components/ui/use-now";
import { ExecutionActions } from "./ExecutionActions";
import { CompareWithLastSuccess } from "./CompareWithLastSuccess";
import { ExportMenu } from "./ExportMenu";
import { ExecutionPostmortem } from "./ExecutionPostmortem";
import { ExecutionProblem } from "./ExecutionProblem";
import { ParentExecutionLink } from "./ParentExecutionLink";

/**
 * The live execution page's data: the description (re-read while running) and the history,
 * synced incrementally until the execution finishes. What was shown stays on screen when a
 * refresh fails; the error is shown beside it.
 */
export function ExecutionView({ arn }: { arn: string }) {
  // Once the history holds the terminal event the execution is over, even while a lagging
  // DescribeExecution still says RUNNING: nothing is polled any more.
  const historyFinished = useRef(false);
  const description = useQuery({
    queryKey: queryKeys.execution(arn),
    queryFn: ({ signal }) => fetchJson<ExecutionResponse>(apiPaths.execution(arn), { signal }),
    refetchInterval: (q) => (!historyFinished.current && q.state.data?.execution.status === "RUNNING" ? 5_000 : false),
  });
  const execution = description.data?.execution;
  // Express executions have no Step Functions history; when read from CloudWatch Logs our history route serves theirs.
  const hasHistoryApi = execution?.stateMachineType !== "EXPRESS" || !!execution?.logs;
  // The definition numbers Parallel branches; the history is enabled only once it is known.
  const history = useExecutionHistory(arn, !!execution && hasHistoryApi, execution?.definition, !!execution && execution.status !== "RUNNING");
  historyFinished.current = !!history.data?.finished;
  const live = !!execution && hasHistoryApi && !history.data?.finished;
  const mapRuns = useMapRunReports(history.data?.model);
  const now = useNow(live ? 1_000 : 0);
  // From the first failed attempt on, not after every retry (an outage shows at once).
  const problem = useQueryProblem(description);

  if (problem && !execution) {
    return <ExecutionProblem arn={arn} error={problem} onRetry={() => description.refetch()} />;
  }
  if (!execution) return <p className="muted page-loading">Loading execution…</p>;
  return (
    <ExecutionPostmortem
      execution={execution}
      source={description.data?.source}
      events={history.data?.events}
      model={history.data?.model}
      live={live}
      now={now}
      error={history.error ?? description.error}
      historyLoading={history.isPending && !history.gaveUp}
      historyGaveUp={history.gaveUp}
      onRetryHistory={history.retry}
      mapRuns={mapRuns}
      actions={
        <>
          <ParentExecutionLink mapRunArn={execution.mapRunArn} />
          <ExecutionActions arn={arn} status={execution.status} />
          <CompareWithLastSuccess execution={execution} />
          <ExportMenu execution={execution} events={history.data?.events} model={history.data?.model} />
        </>
      }
    />
  );
}
