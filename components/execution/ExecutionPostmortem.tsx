"use client";

import { useMemo } from "react";
import type { ExecutionDetail, SourceInfo } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";
import { buildStateGraph } from "@/lib/asl";
import { parseDefinition } from "@/lib/postmortem/find-state";
import { executionOverlay } from "@/lib/postmortem/execution-overlay";
import { branchNumberingNote } from "@/lib/postmortem/branch-identity";
import { runByPath } from "@/lib/postmortem/select-run";
import type { MapRunReportState } from "@/lib/queries/use-map-run-reports";
import { StateGraph } from "@/components/graph";
import { ExecutionTimeline } from "@/components/timeline/ExecutionTimeline";
import { EventsTable } from "@/components/events/EventsTable";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { ExpressLogsNote } from "@/components/express/ExpressLogsNote";
import { ExecutionHeader } from "./ExecutionHeader";
import { MapRunsSection } from "./MapRunsSection";
import { StateDetail } from "./StateDetail";
import { useChildExecutions } from "./use-child-executions";
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
  /** The execution has ended but its history kept failing to load: no more tries until `onRetryHistory`. */
  historyGaveUp?: boolean;
  onRetryHistory?: () => void;
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
export function ExecutionPostmortem({ execution, source, events, model, live, now, error, historyLoading, historyGaveUp, onRetryHistory, actions, mapRuns = NO_MAP_RUNS }: ExecutionPostmortemProps) {
  const hasHistoryApi = execution.stateMachineType !== "EXPRESS" || !!execution.logs;
  const definition = useMemo(() => parseDefinition(execution.definition), [execution.definition]);
  const graph = useMemo(() => (definition ? buildStateGraph(definition).graph : undefined), [definition]);
  const overlay = useMemo(() => (model ? executionOverlay(model, graph) : undefined), [model, graph]);

  const [selectedPath, select] = useRunSelection(model);
  const selectedRun = runByPath(model, selectedPath);
  const children = useChildExecutions(model, graph, overlay, mapRuns, selectedPath, select);
  const { onGraphSelect, selectRun } = children;
  const queryLanguage = selectedRun ? graph?.nodes.find((n) => n.id === selectedRun.name)?.queryLanguage : undefined;

  return (
    <div className="exec-page">
      <ExecutionHeader execution={execution} model={model} source={source} now={now} actions={actions} />
      <ErrorNotice error={error} stale={!!model} title="Cannot refresh" />
      {execution.logs && <ExpressLogsNote logs={execution.logs} />}
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
      {historyGaveUp && (
        <div className="notice notice-warn" data-testid="history-gave-up">
          <strong>Stopped loading the event history.</strong>{" "}
          <span>The execution has ended, but its history failed to load several times in a row, so Stepscope stopped asking.</span>{" "}
          {onRetryHistory && <button type="button" className="button" onClick={onRetryHistory}>Try again</button>}
        </div>
      )}
      {model?.eventsAfterEnd && (
        <div className="notice notice-info" data-testid="events-after-end">
          <strong>Events after the end.</strong>{" "}
          <span>
            {model.eventsAfterEnd.length.toLocaleString("en-US")} {model.eventsAfterEnd.length === 1 ? "event was" : "events were"} written after the execution&apos;s terminal event.
            The execution was already over; they are kept and marked in the events table.
          </span>
        </div>
      )}
      {model && branchNumberingNote(model) && (
        <div className="notice notice-info" data-testid="branch-numbering-notice">
          <strong>Branch numbers by arrival.</strong> <span>{branchNumberingNote(model)}</span>
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
              <StateGraph definition={definition ?? execution.definition} overlay={children.overlay} selected={children.focusState ?? selectedRun?.name} onSelect={onGraphSelect} height={620} />
            )}
          </section>
          <StateDetail
            run={selectedRun}
            definition={definition}
            now={now}
            model={model}
            queryLanguage={queryLanguage}
            mapRunReport={children.selectedReport}
            focusState={children.focusState}
            onSelect={selectRun}
          />
        </div>
      )}
      <MapRunsSection model={model} mapRuns={mapRuns} />
      {model && (
        <section className="panel" data-testid="timeline-panel">
          <div className="panel-title">
            <h2>Timeline</h2>
            <span className="faint">drag across the axis to zoom · the critical path is outlined</span>
            {live && <span className="live-dot" data-testid="live-indicator">live</span>}
          </div>
          <ExecutionTimeline model={model} now={now} selected={selectedPath} onSelect={selectRun} height={380} initialAxisWidth={1000} mapRunChildren={children.mapRunChildren} />
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
