/**
 * The timeline layout: what `layoutTimeline` produces and `ExecutionTimeline` draws.
 * Times are epoch milliseconds; positions in pixels are left to the component so that the
 * layout does not change when the window is resized.
 */
import type { RunStatus } from "@/lib/history/model";

/** `wait` is the retry back-off between two attempts; `group` spans a Parallel branch. */
export type SegmentKind = "run" | "attempt" | "wait" | "group";

export type SegmentStatus = RunStatus | "waiting";

export interface TimelineSegment {
  kind: SegmentKind;
  start: number;
  end: number;
  status: SegmentStatus;
  /** The run this segment belongs to: clicking it selects this path. */
  runPath: string;
  /** Attempt index for `attempt` segments; for `wait`, the index of the attempt it precedes. */
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

export type RowKind = "run" | "branch" | "map-summary" | "iteration";

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
  /** Distributed Map runs by path: their children's summary (the parent history has no iterations for them). */
  childSummaries?: Readonly<Record<string, MapSummary>>;
}
