import type { ChildGroup, ExecutionModel, MapRunTry, StateRun } from "@/lib/history/model";
import { branchPathSegment } from "@/lib/history/branch-label";
import { criticalPath } from "./critical-path";
import { executionSpan, openEndTime } from "./execution-span";
import { summariseChildren, summariseIterations } from "./map-summary";
import { runSegments } from "./run-segments";
import type { MapRunChildren, TimeRange, TimelineLayout, TimelineOptions, TimelineRow, TimelineSegment } from "./types";

/**
 * Model → Gantt rows. One row per top-level run in entry order; a Parallel run is followed by
 * one lane per branch (a header row, then the branch's runs indented); a Map run is one
 * summary row, followed by one row per iteration when its path is in `expanded` (for a
 * distributed Map, one row per child execution listed, summarised the same way).
 * Pure: `now` comes in through the options.
 */
export function layoutTimeline(model: ExecutionModel, opts: TimelineOptions): TimelineLayout {
  const openEnd = openEndTime(model, opts.now);
  const span = executionSpan(model, opts.now);
  const domain = opts.range ? normaliseRange(opts.range) : span;
  const critical = criticalPath(model, opts.now);
  const byPath = new Map(model.runs.map((run) => [run.path, run]));
  const rows: TimelineRow[] = [];
  const ctx: Context = { byPath, openEnd, critical, expanded: opts.expanded, rows, range: opts.range ? domain : undefined, mapRunChildren: opts.mapRunChildren };
  for (const run of model.runs) {
    if (run.parentPath === undefined) addRun(ctx, run, 0);
  }
  return { rows, from: domain.from, to: domain.to, criticalPath: critical };
}

interface Context {
  byPath: Map<string, StateRun>;
  openEnd: number;
  critical: Set<string>;
  expanded: Set<string>;
  rows: TimelineRow[];
  range?: TimeRange;
  mapRunChildren?: Readonly<Record<string, MapRunChildren>>;
}

function addRun(ctx: Context, run: StateRun, depth: number): void {
  const onPath = ctx.critical.has(run.path);
  const segments = clip(runSegments(run, ctx.openEnd, onPath), ctx.range);
  if (run.iterations) {
    addMap(ctx, run, depth, segments, onPath);
    return;
  }
  ctx.rows.push({ key: run.path, kind: "run", label: run.name, depth, runPath: run.path, status: run.status, segments, critical: onPath });
  for (const branch of run.branches ?? []) addBranch(ctx, run, branch, depth + 1);
}

function addBranch(ctx: Context, parallel: StateRun, branch: ChildGroup, depth: number): void {
  const runs = runsOf(ctx, branch);
  const onPath = runs.some((run) => ctx.critical.has(run.path));
  const start = branch.startedAt ?? runs[0]?.enteredAt;
  const group: TimelineSegment[] =
    start === undefined
      ? []
      : [{
          kind: "group",
          start,
          end: branch.endedAt ?? Math.max(ctx.openEnd, start),
          status: branch.status,
          runPath: parallel.path,
          label: `${parallel.name}: ${branchPathSegment(branch.index)}`,
          critical: onPath,
          open: branch.endedAt === undefined,
        }];
  ctx.rows.push({
    key: branch.path,
    kind: "branch",
    label: branchPathSegment(branch.index),
    depth,
    runPath: runs[0]?.path ?? parallel.path,
    status: branch.status,
    segments: clip(group, ctx.range),
    critical: onPath,
  });
  for (const run of runs) addRun(ctx, run, depth + 1);
}

function addMap(ctx: Context, map: StateRun, depth: number, segments: TimelineSegment[], onPath: boolean): void {
  const iterations = map.iterations ?? [];
  const expanded = ctx.expanded.has(map.path);
  const children = map.mapRun ? ctx.mapRunChildren?.[map.path] : undefined;
  ctx.rows.push({
    key: map.path,
    kind: "map-summary",
    label: map.name,
    depth,
    runPath: map.path,
    status: map.status,
    segments,
    critical: onPath,
    // A distributed Map whose children are not listed (yet, or the listing failed) says nothing
    // rather than "0 iterations".
    mapSummary: children ? summariseChildren(children) : map.mapRun && iterations.length === 0 ? undefined : summariseIterations(iterations),
    // A distributed Map's items are its child executions: nothing to expand until they are listed.
    expandKey: map.mapRun && iterations.length === 0 && !children?.children.length ? undefined : map.path,
    expanded,
  });
  if (!expanded) return;
  if (children) addChildExecutions(ctx, map, children, depth + 1, onPath);
  for (const iteration of iterations) {
    const runs = runsOf(ctx, iteration);
    const iterationSegments: TimelineSegment[] = [];
    let iterationOnPath = false;
    for (const run of runs) {
      const runOnPath = ctx.critical.has(run.path);
      iterationOnPath ||= runOnPath;
      iterationSegments.push(...runSegments(run, ctx.openEnd, runOnPath));
    }
    const failing = runs.find((run) => run.status === "failed" || run.status === "timed_out");
    ctx.rows.push({
      key: iteration.path,
      kind: "iteration",
      label: `iteration ${iteration.index}`,
      depth: depth + 1,
      runPath: (failing ?? runs[0])?.path,
      status: iteration.status,
      segments: clip(iterationSegments, ctx.range),
      critical: iterationOnPath,
    });
    // The iteration's row shows its own runs; what runs inside them (a Parallel's branches, an
    // inner Map's iterations) gets rows of its own beneath, at any depth.
    for (const run of runs) addNested(ctx, run, depth + 2);
  }
}

/** One row per child execution, oldest first; its name links to the child, its bar selects the Map. */
function addChildExecutions(ctx: Context, map: StateRun, { children }: MapRunChildren, depth: number, onPath: boolean): void {
  const sorted = [...children].sort((a, b) => a.startedAt - b.startedAt || a.name.localeCompare(b.name));
  const tries = map.mapRun?.tries ?? [];
  for (const child of sorted) {
    const redriven = child.redriveCount && child.redrivenAt !== undefined ? child.redrivenAt : undefined;
    const last: TimelineSegment = {
      kind: "run",
      start: redriven ?? child.startedAt,
      end: child.endedAt ?? Math.max(ctx.openEnd, redriven ?? child.startedAt),
      status: child.status,
      runPath: map.path,
      label: `${map.name}: ${child.name}${redriven !== undefined ? ` (redriven ${child.redriveCount}×)` : ""}`,
      critical: onPath,
      open: child.endedAt === undefined,
    };
    const segments = redriven === undefined ? [last] : [earlierAttempt(map, child.name, child.startedAt, redriven, tries, onPath), last];
    ctx.rows.push({
      key: `${map.path}/child ${child.arn}`,
      kind: "child-execution",
      label: child.name,
      depth,
      runPath: map.path,
      status: child.status,
      segments: clip(segments, ctx.range),
      critical: false,
      childExecutionArn: child.arn,
    });
  }
}

/**
 * What a redriven child did before its last redrive. The listing does not say how that attempt
 * ended, only that it did not succeed, and that it ended by the end of the map run's try it ran
 * in: drawn up to then, in the colour of an outcome not known here.
 */
function earlierAttempt(map: StateRun, name: string, startedAt: number, redrivenAt: number, tries: readonly MapRunTry[], onPath: boolean): TimelineSegment {
  const before = [...tries].reverse().find((t) => t.startedAt <= startedAt);
  const end = Math.min(redrivenAt, before?.endedAt ?? redrivenAt);
  return {
    kind: "try",
    start: startedAt,
    end: Math.max(startedAt, end),
    status: "not_reached",
    statusText: "Did not succeed (failed, timed out or aborted: its page tells which)",
    runPath: map.path,
    label: `${map.name}: ${name} before its redrive`,
    critical: onPath,
    open: false,
  };
}

function addNested(ctx: Context, run: StateRun, depth: number): void {
  if (run.iterations) {
    const onPath = ctx.critical.has(run.path);
    addMap(ctx, run, depth, clip(runSegments(run, ctx.openEnd, onPath), ctx.range), onPath);
  } else if (run.branches) {
    for (const branch of run.branches) addBranch(ctx, run, branch, depth);
  }
}

function runsOf(ctx: Context, group: ChildGroup): StateRun[] {
  const runs: StateRun[] = [];
  for (const path of group.runPaths) {
    const run = ctx.byPath.get(path);
    if (run) runs.push(run);
  }
  return runs;
}

/** Keep what overlaps the zoom range, cut to it; a row keeps its place even when emptied. */
function clip(segments: TimelineSegment[], range: TimeRange | undefined): TimelineSegment[] {
  if (!range) return segments;
  const kept: TimelineSegment[] = [];
  for (const segment of segments) {
    if (segment.end < range.from || segment.start > range.to) continue;
    const start = Math.max(segment.start, range.from);
    const end = Math.min(segment.end, range.to);
    const cut = start !== segment.start || end !== segment.end;
    kept.push(cut ? { ...segment, start, end, actual: segment.actual ?? { start: segment.start, end: segment.end } } : segment);
  }
  return kept;
}

function normaliseRange(range: TimeRange): TimeRange {
  return range.from <= range.to ? range : { from: range.to, to: range.from };
}
