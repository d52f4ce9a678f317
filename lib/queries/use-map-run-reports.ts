"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import type { MapRunReport } from "@/lib/contract/api";
import type { ExecutionModel } from "@/lib/history/model";
import { fetchJson } from "./fetch-json";
import { apiPaths } from "./paths";
import { queryKeys } from "./keys";

/** One map run's report as the page holds it: the last good answer stays when a refresh fails. */
export interface MapRunReportState {
  mapRunArn: string;
  report?: MapRunReport;
  error?: unknown;
  loading: boolean;
}

// DescribeMapRun refills at 1 call a second per account: a few open map runs must stay well under it.
const POLL_RUNNING_MS = 10_000;

/** The ARNs of the execution's map runs, in the order the Map runs were entered. */
export function mapRunArnsOf(model: ExecutionModel | undefined): string[] {
  const arns: string[] = [];
  for (const run of model?.runs ?? []) {
    const arn = run.mapRun?.mapRunArn;
    if (arn && !arns.includes(arn)) arns.push(arn);
  }
  return arns;
}

/**
 * The reports of every map run in the model (distributed Maps), polled while a map run is
 * running. Keyed by map run ARN.
 */
export function useMapRunReports(model: ExecutionModel | undefined, enabled = true): MapRunReportState[] {
  const arns = useMemo(() => mapRunArnsOf(model), [model]);
  const results = useQueries({
    queries: arns.map((arn) => ({
      queryKey: queryKeys.mapRunReport(arn),
      enabled,
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson<MapRunReport>(apiPaths.mapRunReport(arn), { signal }),
      refetchInterval: (q: { state: { data?: MapRunReport } }) => (q.state.data?.mapRun.status === "RUNNING" ? POLL_RUNNING_MS : false),
    })),
  });
  const next = arns.map((mapRunArn, i) => ({
    mapRunArn,
    report: results[i]?.data,
    error: results[i]?.error ?? undefined,
    loading: results[i]?.isPending ?? true,
  }));
  // The same list while nothing changed: the page's overlay and timeline are memoised on it,
  // and the live view re-renders every second.
  const kept = useRef<MapRunReportState[]>([]);
  if (!sameStates(kept.current, next)) kept.current = next;
  return kept.current;
}

function sameStates(a: readonly MapRunReportState[], b: readonly MapRunReportState[]): boolean {
  return a.length === b.length && a.every((x, i) => x.mapRunArn === b[i].mapRunArn && x.report === b[i].report && x.error === b[i].error && x.loading === b[i].loading);
}
