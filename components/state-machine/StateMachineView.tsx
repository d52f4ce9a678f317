"use client";

import { useCallback, useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ExecutionStatusName, MachineMetricsResponse, StateMachineResponse } from "@/lib/contract/api";
import type { GraphOverlay } from "@/lib/asl/overlay";
import { apiPaths, fetchJson, queryKeys, useQueryProblem } from "@/lib/queries";
import { formatRelative, formatTimestamp } from "@/lib/format/time";
import { StateGraph } from "@/components/graph";
import { ErrorGroupsTable, MetricPanel, StateExecutionGrid } from "@/components/metrics";
import { CopyButton } from "@/components/ui/CopyButton";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { useNow } from "@/components/ui/use-now";
import { ExecutionsList, type ExecutionFilters } from "@/components/executions/ExecutionsList";
import { ExecutionProblem } from "@/components/execution/ExecutionProblem";
import { fleetKeys, fleetPaths } from "@/components/fleet/fleet-api";
import { useUrlState } from "@/components/fleet/use-url-state";
import { MACHINE_WINDOW_KEYS, windowFromSearch, writeWindow } from "@/components/fleet/window-params";
import { WindowPicker } from "@/components/fleet/WindowPicker";
import { coverageText } from "@/components/fleet/coverage-text";
import { ScopeTag } from "@/components/sources/ScopeTag";
import { withSource } from "@/lib/scopes";
import { MachineCharts } from "./MachineCharts";
import { MachineKpis } from "./MachineKpis";
import { StateStatsTable } from "./StateStatsTable";
import styles from "./MachineDashboard.module.css";

const METRICS_REFRESH_MS = 10_000;

function executionHrefOf(source: string | null) {
  return (arn: string, state?: string) => withSource(`/executions/${encodeURIComponent(arn)}${state ? `?state=${encodeURIComponent(state)}` : ""}`, source);
}

/**
 * One state machine as a dashboard: the window's numbers and charts, the definition with
 * per-state failures, the state × execution grid, per-state stats, error groups and the live
 * executions list. Window and list filters live in the URL.
 */
export function StateMachineView({ arn }: { arn: string }) {
  const { params, update } = useUrlState();
  const filters = filtersFromParams(params);
  const window = windowFromSearch(params, MACHINE_WINDOW_KEYS);
  const now = useNow(5_000);
  const executionHref = executionHrefOf(params.get("source"));
  // The state selected in the graph or the stats table, kept in the URL so a link shows it.
  const selectedState = params.get("state") ?? undefined;
  const selectState = useCallback((name: string) => update((p) => (p.get("state") === name ? p.delete("state") : p.set("state", name))), [update]);

  const description = useQuery({
    queryKey: queryKeys.stateMachine(arn),
    queryFn: ({ signal }) => fetchJson<StateMachineResponse>(apiPaths.stateMachine(arn), { signal }),
    refetchInterval: 60_000,
  });
  const sm = description.data?.stateMachine;
  const metrics = useQuery({
    queryKey: fleetKeys.metrics(arn, window),
    queryFn: ({ signal }) => fetchJson<MachineMetricsResponse>(fleetPaths.metrics(arn, window), { signal }),
    refetchInterval: METRICS_REFRESH_MS,
    placeholderData: keepPreviousData,
    enabled: sm !== undefined,
  });
  const m = metrics.data;
  // Express machines, and windows older than the index keeps, are drawn from CloudWatch metrics.
  const fromMetrics = m?.figuresFrom === "metrics" || sm?.type === "EXPRESS";
  const descriptionProblem = useQueryProblem(description);
  const metricsProblem = useQueryProblem(metrics);

  const setFilters = useCallback(
    (next: ExecutionFilters) =>
      update((p) => {
        for (const key of ["status", "from", "to", "name"] as const) {
          const value = next[key];
          if (value === undefined) p.delete(key);
          else p.set(key, String(value));
        }
      }),
    [update],
  );

  const overlay = useMemo<GraphOverlay | undefined>(() => {
    if (!m) return undefined;
    const out: GraphOverlay = Object.create(null) as GraphOverlay;
    for (const [name, failures] of Object.entries(m.stateFailures)) out[name] = { failures };
    return out;
  }, [m]);

  if (descriptionProblem && !sm) return <ExecutionProblem what="state machine" arn={arn} error={descriptionProblem} onRetry={() => description.refetch()} />;
  if (!sm) return <p className="muted page-loading">Loading state machine…</p>;

  return (
    <div className={styles.stack}>
      <section className="panel">
        <div className={styles.header}>
          <h1 title={sm.name}>{sm.name}</h1>
          <span className="type-tag">{sm.type === "EXPRESS" ? "Express" : "Standard"}</span>
          <ScopeTag arn={sm.arn} source={params.get("source")} />
          <span className="muted">created {formatTimestamp(sm.createdAt)}</span>
          <CopyButton text={sm.arn} label="Copy ARN" />
          <span className={styles.spacer} />
          {<WindowPicker value={window} now={now} onChange={(next) => update((p) => writeWindow(p, next, MACHINE_WINDOW_KEYS))} />}
        </div>
        {sm.description && <p className="muted">{sm.description}</p>}
        {m && <MachineKpis summary={m.summary} />}
        {m?.figuresFrom === "metrics" && (
          <p className={styles.note} data-testid="figures-from-metrics">
            {formatTimestamp(m.window.from)} → {formatTimestamp(m.window.to)} · from CloudWatch metrics (AWS/States, one GetMetricData call) · updated{" "}
            {formatRelative(m.fetchedAt, now)}
          </p>
        )}
        {m && m.figuresFrom !== "metrics" && (
          <p className={styles.note} data-testid="machine-window">
            {formatTimestamp(m.window.from)} → {formatTimestamp(m.window.to)} · {m.coverage.indexed.toLocaleString("en-US")} executions indexed · updated{" "}
            {formatRelative(m.fetchedAt, now)}
          </p>
        )}
        {m && coverageText(m.coverage, m.window) && (
          <p className="notice notice-warn" role="note" data-testid="coverage-note">
            {coverageText(m.coverage, m.window)}
          </p>
        )}
      </section>
      <ErrorNotice error={descriptionProblem ?? metricsProblem} stale={!!m} />
      {m?.coverage.error && <ErrorNotice title="Listing failed" error={new Error(m.coverage.error)} stale />}

      {fromMetrics ? (
        <>
          {m ? <MachineCharts metrics={m} onSelectBucket={(range) => setFilters({ status: filters.status, from: range.from, to: range.to - 1 })} /> : <p className="muted">Loading metrics…</p>}
          <section className="panel">
            <div className="panel-title"><h2>Definition</h2><span className="faint">as deployed today</span></div>
            <StateGraph definition={sm.definition} height={420} selected={selectedState} onSelect={selectState} />
          </section>
          <ExecutionsList stateMachineArn={arn} filters={filters} onFiltersChange={setFilters} />
        </>
      ) : (
        <>
          {m ? <MachineCharts metrics={m} onSelectBucket={(range) => setFilters({ status: filters.status, from: range.from, to: range.to })} /> : <p className="muted">Loading metrics…</p>}
          <div className={styles.row}>
            <MetricPanel title="Definition" note={m ? `failures per failing state, ${failureProgress(m)}` : "as deployed today"}>
              <StateGraph definition={sm.definition} overlay={overlay} height={560} selected={selectedState} onSelect={selectState} />
            </MetricPanel>
            <div className={styles.stack}>
              <MetricPanel title="States × executions" note={m ? `the ${m.grid.columns.length} newest finished executions; click a cell to open it` : undefined}>
                {m && <StateExecutionGrid grid={m.grid} cellHref={executionHref} cellSize={13} />}
              </MetricPanel>
              <MetricPanel title="Per-state statistics" note="from the sampled histories">
                {m && <StateStatsTable stats={m.stateStats} selected={selectedState} onSelect={selectState} />}
              </MetricPanel>
            </div>
          </div>
          <MetricPanel title="Error groups" note={m ? `every failure of the window by error and cause: ${failureProgress(m)}` : undefined}>
            {m && m.errorGroups.length === 0 && m.sample.failuresInWindow > 0 ? (
              <p className="muted">Reading the failures&apos; histories: {m.sample.failures.toLocaleString("en-US")} of {m.sample.failuresInWindow.toLocaleString("en-US")} in.</p>
            ) : (
              m && <ErrorGroupsTable groups={m.errorGroups} now={now} executionHref={executionHref} />
            )}
          </MetricPanel>
          <ExecutionsList stateMachineArn={arn} filters={filters} onFiltersChange={setFilters} />
        </>
      )}
    </div>
  );
}

/** "all 941 failures read", or, while reading is under way, "642 of 941 failures read so far". */
function failureProgress(m: MachineMetricsResponse): string {
  const { failures, failuresInWindow } = m.sample;
  const n = (x: number) => x.toLocaleString("en-US");
  if (failures >= failuresInWindow) return failuresInWindow === 1 ? "the 1 failure read" : `all ${n(failuresInWindow)} failures read`;
  return `${n(failures)} of ${n(failuresInWindow)} failures read so far (each failure's history is read once); ranked by what is known`;
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
    name: params.get("name") || undefined,
  };
}
