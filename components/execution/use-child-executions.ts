"use client";

import { useCallback, useMemo, useState } from "react";
import type { GraphOverlay, StateGraph } from "@/lib/asl";
import type { ExecutionModel } from "@/lib/history/model";
import { distributedMapOf, markNotReachedInChildren, withChildOutcomes } from "@/lib/postmortem/child-execution-states";
import { mapRunChildrenOf } from "@/lib/postmortem/map-run-children-summary";
import { runByPath, runForState } from "@/lib/postmortem/select-run";
import type { MapRunReportState } from "@/lib/queries/use-map-run-reports";
import type { MapRunChildren } from "@/lib/timeline";

export interface ChildExecutionsView {
  /** The execution's overlay with the distributed Maps' processor states coloured by their children. */
  overlay: GraphOverlay | undefined;
  /** Each distributed Map run's children for the timeline, by the path of its Map run. */
  mapRunChildren: Record<string, MapRunChildren> | undefined;
  /** A graph click: a processor state (no run here) selects its Map, focused on that state. */
  onGraphSelect(name: string): void;
  /** Any other selection (timeline, events, a link in the detail) drops that focus. */
  selectRun(path: string): void;
  focusState: string | undefined;
  /** The report of the selected Map run's map run, when it has one. */
  selectedReport: MapRunReportState | undefined;
}

/** What the execution page adds for distributed Map runs: their children, on the graph, the timeline and the detail. */
export function useChildExecutions(
  model: ExecutionModel | undefined,
  graph: StateGraph | undefined,
  baseOverlay: GraphOverlay | undefined,
  mapRuns: readonly MapRunReportState[],
  selectedPath: string | undefined,
  select: (path: string) => void,
): ChildExecutionsView {
  const reports = useMemo(() => mapRuns.flatMap((m) => (m.report ? [m.report] : [])), [mapRuns]);
  const overlay = useMemo(
    () => (model && baseOverlay && reports.length > 0 ? markNotReachedInChildren(withChildOutcomes(baseOverlay, reports), graph, model, reports) : baseOverlay),
    [model, graph, baseOverlay, reports],
  );
  const mapRunChildren = useMemo(() => childrenByMapPath(model, mapRuns), [model, mapRuns]);
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
  const selectRun = useCallback(
    (path: string) => {
      setChildFocus(undefined);
      select(path);
    },
    [select],
  );
  const focusState = childFocus && childFocus.path === selectedPath ? childFocus.state : undefined;
  const selected = runByPath(model, selectedPath);
  const selectedReport = selected?.mapRun ? mapRuns.find((m) => m.mapRunArn === selected.mapRun?.mapRunArn) : undefined;
  return { overlay, mapRunChildren, onGraphSelect, selectRun, focusState, selectedReport };
}

function childrenByMapPath(model: ExecutionModel | undefined, mapRuns: readonly MapRunReportState[]): Record<string, MapRunChildren> | undefined {
  if (!model || mapRuns.length === 0) return undefined;
  const out: Record<string, MapRunChildren> = {};
  for (const run of model.runs) {
    const report = run.mapRun && mapRuns.find((m) => m.mapRunArn === run.mapRun?.mapRunArn)?.report;
    if (report) out[run.path] = mapRunChildrenOf(report);
  }
  return out;
}
