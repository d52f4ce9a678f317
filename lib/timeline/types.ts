/**
 * The timeline layout: what `layoutTimeline` produces and `ExecutionTimeline` draws.
 * Times are epoch milliseconds; positions in pixels are left to the component so that the
 * layout does not change when the window is resized.
 */
import type { RunStatus } from "@/lib/history/model";

/**
 * `wait` is the retry back-off between two attempts; `group` spans a Parallel branch; `try` is
 * one try of a redriven distributed Map's map run.
 */
export type SegmentKind = "run" | "attempt" | "wait" | "group" | "try";

export type SegmentStatus = RunStatus | "waiting";

export interface TimelineSegment {
  kind: SegmentKind;
  start: number;
  end: number;
  status: SegmentStatus;
  /** The run this segment belongs to: clicking it selects this path. */
  runPath: string;
  /** Attempt index for `attempt` segments; for `wait`, the index of the attempt it precedes; for `try`, the try's (0 first). */
  attempt?: number;
  label: string;
  /** True when the run is on the critical path. */
  critical: boolean;
  /** True when the end is not known yet and was extended to `now` (a running run). */
  open: boolean;
  /**
   * Set when a zoom cut the segment: `start`/`end` are what is drawn, this is what happened.
   * Whatever reports times (the tooltip) reads it, never the visible slice.
   */
  actual?: { start: number; end: number };
  /** Words for the outcome when the status's own would say too much (an outcome not known here). */
  statusText?: string;
  /** Attempt and back-off segments: the state run they belong to, entered → exited. */
  state?: { enteredAt: number; exitedAt?: number };
}

export interface MapSummary {
  iterationCount: number;
  failedCount: number;
  runningCount: number;
  /** Median (nearest rank) of finished iterations' durations; undefined when none finished. */
  p50Ms?: number;
  maxMs?: number;
  /** What is counted: a distributed Map's are child executions, not inline iterations. */
  unit?: "children";
}

/** `child-execution`: one child execution of a distributed Map, under its summary row. */
export type RowKind = "run" | "branch" | "map-summary" | "iteration" | "child-execution";

export interface TimelineRow {
  /** Unique and stable across re-layouts: use as a React key. */
  key: string;
  kind: RowKind;
  label: string;
  /** Nesting level, 0 at the top. */
  depth: number;
  /** The run selected when the row's name is clicked. */
  runPath?: string;
  status: RunStatus;
  segments: TimelineSegment[];
  /** True when any run shown on this row is on the critical path. */
  critical: boolean;
  /** Only on `map-summary` rows. */
  mapSummary?: MapSummary;
  /** Only on `map-summary` rows: the key to put in `expanded` to show the iterations. */
  expandKey?: string;
  expanded?: boolean;
  /** Only on `child-execution` rows: the child's ARN, which its name links to. */
  childExecutionArn?: string;
}

/** One item a Map summary counts: an inline iteration, or a distributed Map's child execution. */
export interface SummarisedItem {
  status: RunStatus;
  startedAt?: number;
  endedAt?: number;
}

/** A distributed Map's child execution, as the timeline shows it under the Map's summary row. */
export interface ChildExecutionItem extends SummarisedItem {
  arn: string;
  name: string;
  startedAt: number;
  redriveCount?: number;
  /** When it was last redriven (with its map run). */
  redrivenAt?: number;
}

/** A distributed Map run's children, as listed (ListExecutions by map run). */
export interface MapRunChildren {
  children: readonly ChildExecutionItem[];
  /**
   * DescribeMapRun's counts, when more children ran than are listed: the summary counts them
   * rather than the listed ones (durations still come from those listed).
   */
  counted?: { total: number; failed: number; running: number };
}

export interface TimeRange {
  from: number;
  to: number;
}

export interface TimelineLayout {
  rows: TimelineRow[];
  /** The time axis domain: the zoom range when given, else the whole execution. */
  from: number;
  to: number;
  criticalPath: Set<string>;
}

export interface TimelineOptions {
  /** Paths of Map runs whose iterations are shown. */
  expanded: Set<string>;
  /** Zoom: segments are clipped to it and those outside it dropped. */
  range?: TimeRange;
  /** Where running runs end. Without it they end at the latest time the history knows. */
  now?: number;
  /** Distributed Map runs by path: their child executions (the parent history has no iterations for them). */
  mapRunChildren?: Readonly<Record<string, MapRunChildren>>;
}
