import { formatBucketRange, formatBucketTick } from "./chart-format";
import { CHART_THEME } from "./palette";

/*
 * The set-up the metrics charts share, as props to spread into the recharts elements: each
 * chart still reads as plain recharts, with only what differs written out, and the panels on a
 * dashboard stay one family because there is one place to change them.
 */

export const CHART_MARGIN = { top: 4, right: 8, bottom: 0, left: 0 };

export const GRID_PROPS = { vertical: false, stroke: CHART_THEME.grid };

/** Tick text and axis line, for any axis. */
export const AXIS_PROPS = { tick: { fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }, stroke: CHART_THEME.axis };

export const TOOLTIP_CONTENT_STYLE = { fontSize: 12, padding: "4px 8px" };

/** The hover band behind a bar. */
export const BAR_CURSOR = { fill: "rgba(11, 99, 206, 0.08)" };

/**
 * The time axis of a chart with one row per bucket. Tick labels depend on the bucket width
 * (seconds, minutes or dates); with no buckets there are no ticks, so any width will do.
 */
export function bucketXAxisProps(buckets: ReadonlyArray<{ from: number; to: number }>) {
  // The first and last buckets are cut by the window's edges; the widest one is the grid's size.
  const bucketMs = buckets.reduce((widest, b) => Math.max(widest, b.to + 1 - b.from), 0) || 60_000;
  return { dataKey: "from", tickFormatter: (ms: number) => formatBucketTick(ms, bucketMs), minTickGap: 24, ...AXIS_PROPS };
}

/** Tooltip title of a bucketed chart: the hovered bucket's time range. */
export function bucketRangeLabel(_label: unknown, payload: ReadonlyArray<{ payload?: unknown }> | undefined): string {
  const row = payload?.[0]?.payload as { from: number; to: number } | undefined;
  return row ? formatBucketRange(row.from, row.to) : "";
}
