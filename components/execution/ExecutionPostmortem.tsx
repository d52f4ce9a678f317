"use client";

import { useCallback, useMemo, useState } from "react";
import type { ExecutionDetail, SourceInfo } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";
import { buildStateGraph } from "@/lib/asl";
import { parseDefinition } from "@/lib/postmortem/find-state";
import { executionOverlay } from "@/lib/postmortem/execution-overlay";
import { runByPath, runForState } from "@/lib/postmortem/select-run";
import { distributedMapOf, withChildOutcomes } from "@/lib/postmortem/child-execution-states";
import { summariseMapRunChildren } from "@/lib/postmortem/map-run-children-summary";
import type { MapRunReportState } from "@/lib/queries/use-map-run-reports";
import type { MapSummary } from "@/lib/timeline";
import { StateGraph } from "@/components/graph";
import { ExecutionTimeline } from "@/components/timeline/ExecutionTimeline";
import { EventsTable } from "@/components/events/EventsTable";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { ExecutionHeader } from "./ExecutionHeader";
import { MapRunPanel } from "./MapRunPanel";
import { StateDetail } from "./StateDetail";
import { useRunSelection } from "./use-run-selection";

export interface ExecutionPostmortemProps {
  execution: ExecutionDetail;
  source?: SourceInfo;
  /** Undefined while the history loads; absent for Express executions. */
  events?: HistoryEvent[];
  model?: ExecutionModel;
  /** True while more events may come (the view ticks and says it is live). */
  live: boolean;
  now: number;
  /** A refresh that failed: shown beside the data already on screen, which stays. */
  error?: unknown;
  historyLoading?: boolean;
  /** Extra controls for the header row (export, compare…). */
  actions?: React.ReactNode;
  /** The distributed map runs' reports (the live page reads them; an offline import has none). */
  mapRuns?: MapRunReportState[];
}

/**
 * One execution on one screen: header, graph with the outcome overlaid, the selected state's
 * detail, timeline and raw events. One selection (a run path, kept in `?state=`) is shared by
 * the graph, the timeline and the events table. Data comes from the caller: the live page
 * (our API, polled) and the offline import both render this.
 */
export function ExecutionPostmortem({ execution, source, events, model, live, now, error, historyLoading, actions, mapRuns = NO_MAP_RUNS }: ExecutionPostmortemProps) {
  const hasHistoryApi = execution.stateMachineType !== "EXPRESS";
  const definition = useMemo(() => parseDefinition(execution.definition), [execution.definition]);
  const graph = useMemo(() => (definition ? buildStateGraph(definition).graph : undefined), [definition]);
  const reports = useMemo(() => mapRuns.flatMap((m) => (m.report ? [m.report] : [])), [mapRuns]);
  const overlay = useMemo(() => (model ? withChildOutcomes(executionOverlay(model, graph), reports) : undefined), [model, graph, reports]);
  const childSummaries = useMemo(() => mapRunSummaries(model, mapRuns), [model, mapRuns]);

  const [selectedPath, select] = useRunSelection(model);
  const selectedRun = runByPath(model, selectedPath);
  // A processor state of a distributed Map has no run here: picking it shows its Map's run,
  // focused on that state over the child executions.
  const [childFocus, setChildFocus] = useState<{ path: string; state: string } | undefined>();
  const onGraphSelect = useCallback(
    (name: string) => {
      if (!model) return;
      const run = runForState(model, name);
      if (run) {
        setChildFocus(undefined);
        select(run.path);
        return;
      }
      const owner = graph ? distributedMapOf(graph, name) : undefined;
      const mapRun = owner ? runForState(model, owner) : undefined;
      if (mapRun) {
        setChildFocus({ path: mapRun.path, state: name });
        select(mapRun.path);
      }
    },
    [model, select, graph],
  );
  // Any other way of selecting (timeline, events, a link in the detail) drops that focus.
  const selectRun = useCallback(
    (path: string) => {
      setChildFocus(undefined);
      select(path);
    },
    [select],
  );
  const focusState = childFocus && childFocus.path === selectedPath ? childFocus.state : undefined;
  const selectedReport = selectedRun?.mapRun ? mapRuns.find((m) => m.mapRunArn === selectedRun.mapRun?.mapRunArn) : undefined;
  const queryLanguage = selectedRun ? graph?.nodes.find((n) => n.id === selectedRun.name)?.queryLanguage : undefined;

  return (
    <div className="exec-page">
      <ExecutionHeader execution={execution} model={model} source={source} now={now} actions={actions} />
      <ErrorNotice error={error} stale={!!model} title="Cannot refresh" />
      {!hasHistoryApi && (
        <div className="notice notice-info" data-testid="express-notice">
          <strong>Express execution.</strong>
          <span>
            Step Functions keeps no event history for Express workflows (GetExecutionHistory does not support them), so there is no
            graph overlay or timeline. Enable CloudWatch Logs on the state machine with execution data to see each state.
          </span>
        </div>
      )}
      {model && !model.complete && model.incompleteReason && model.status !== "RUNNING" && (
        <div className="notice notice-warn" data-testid="incomplete-notice">
          <strong>Incomplete history.</strong> <span>{model.incompleteReason}</span>
        </div>
      )}
      {historyLoading && hasHistoryApi && <p className="muted">Loading the event history…</p>}
      {hasHistoryApi && (
        <div className="exec-grid">
          <section className="panel graph-panel" data-testid="graph-panel">
            <div className="panel-title"><h2>Graph</h2><span className="faint">click a state to inspect it</span></div>
            {execution.definition.trim() === "" ? (
              <p className="graph-missing" data-testid="graph-needs-definition">
                A definition is needed to draw the graph. Add the state machine&apos;s definition (for example the output of{" "}
                <code>describe-state-machine-for-execution</code>) to see each state&apos;s outcome on it.
              </p>
            ) : (
              <StateGraph definition={definition ?? execution.definition} overlay={overlay} selected={focusState ?? selectedRun?.name} onSelect={onGraphSelect} height={620} />
            )}
          </section>
          <StateDetail
            run={selectedRun}
            definition={definition}
            now={now}
            model={model}
            queryLanguage={queryLanguage}
            mapRunReport={selectedReport}
            focusState={focusState}
            onSelect={selectRun}
          />
        </div>
      )}
      {mapRuns.length > 0 && (
        <section className="panel" data-testid="map-runs-section">
          <div className="panel-title">
            <h2>Distributed Map runs</h2>
            <span className="faint">each item ran as a child execution; click one to open it</span>
          </div>
          {mapRuns.map((m) => (
            <MapRunPanel key={m.mapRunArn} state={m} mapRun={model?.runs.find((r) => r.mapRun?.mapRunArn === m.mapRunArn)?.mapRun} />
          ))}
        </section>
      )}
      {model && (
        <section className="panel" data-testid="timeline-panel">
          <div className="panel-title">
            <h2>Timeline</h2>
            <span className="faint">drag across the axis to zoom · the critical path is outlined</span>
            {live && <span className="live-dot" data-testid="live-indicator">live</span>}
          </div>
          <ExecutionTimeline model={model} now={now} selected={selectedPath} onSelect={selectRun} height={380} initialAxisWidth={1000} childSummaries={childSummaries} />
        </section>
      )}
      {events && (
        <section className="panel" data-testid="events-panel">
          <div className="panel-title"><h2>Events</h2><span className="faint" data-testid="event-count">{events.length.toLocaleString("en-US")} events</span></div>
          <EventsTable events={events} model={model} selected={selectedPath} onSelect={selectRun} height={420} />
        </section>
      )}
    </div>
  );
}

const NO_MAP_RUNS: MapRunReportState[] = [];

/** The timeline's summary of each distributed Map run, by the path of its Map run. */
function mapRunSummaries(model: ExecutionModel | undefined, mapRuns: readonly MapRunReportState[]): Record<string, MapSummary> | undefined {
  if (!model || mapRuns.length === 0) return undefined;
  const out: Record<string, MapSummary> = {};
  for (const run of model.runs) {
    const report = run.mapRun && mapRuns.find((m) => m.mapRunArn === run.mapRun?.mapRunArn)?.report;
    if (report) out[run.path] = summariseMapRunChildren(report);
  }
  return out;
}
