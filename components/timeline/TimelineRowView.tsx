"use client";
import Link from "next/link";
import { memo } from "react";
import type { MapSummary, TimelineRow, TimelineSegment } from "@/lib/timeline";
import { formatDuration } from "@/lib/format/time";
import { visibleText } from "@/lib/security/visible-text";
import { STATUS_COLOURS, STATUS_LABELS, UI } from "./palette";
import css from "./TimelineRow.module.css";
import type { TimeScale } from "./time-scale";
import type { HoveredSegment } from "./TimelineTooltip";

// Keep in step with TimelineRow.module.css (.row height, .name width).
export const ROW_HEIGHT = 22;
export const NAME_COLUMN_WIDTH = 280;
const INDENT_PX = 14;
const MIN_BAR_PX = 2;

export interface TimelineRowViewProps {
  row: TimelineRow;
  scale: TimeScale;
  selected?: string;
  onSelect(path: string): void;
  onToggle(expandKey: string): void;
  onHover(hovered: HoveredSegment | undefined): void;
  /** Asked before a click selects: false right after a zoom drag. */
  allowClick(): boolean;
}

/** One Gantt row: the name cell (indent, chevron, critical marker) and its bars. */
export const TimelineRowView = memo(function TimelineRowView({ row, scale, selected, onSelect, onToggle, onHover, allowClick }: TimelineRowViewProps) {
  const rowSelected = selected !== undefined && (row.runPath === selected || row.segments.some((segment) => segment.runPath === selected));
  return (
    <div data-row-kind={row.kind} data-run-path={row.runPath} className={rowSelected ? `${css.row} ${css.selected}` : css.row}>
      <NameCell row={row} onSelect={onSelect} onToggle={onToggle} />
      <div className={css.lane} style={{ width: scale.width }}>
        {row.segments.map((segment, i) => (
          <Bar key={i} segment={segment} scale={scale} selected={segment.runPath === selected} onSelect={onSelect} onHover={onHover} allowClick={allowClick} />
        ))}
      </div>
    </div>
  );
});

function NameCell({ row, onSelect, onToggle }: Pick<TimelineRowViewProps, "row" | "onSelect" | "onToggle">) {
  const summary = row.mapSummary;
  const muted = row.kind === "branch" || row.kind === "iteration";
  const what = row.mapSummary?.unit === "children" ? "child executions" : "iterations";
  return (
    <div
      className={row.critical ? `${css.name} ${css.critical}` : css.name}
      style={{ paddingLeft: 4 + row.depth * INDENT_PX }}
      title={row.critical ? `${row.label} — on the critical path` : row.label}
    >
      {row.expandKey !== undefined ? (
        <button
          type="button"
          className={css.chevron}
          aria-expanded={row.expanded}
          aria-label={`${row.expanded ? "Collapse" : "Expand"} the ${what} of ${row.label}`}
          onClick={() => onToggle(row.expandKey as string)}
        >
          {row.expanded ? "▾" : "▸"}
        </button>
      ) : (
        <span className={css.spacer} />
      )}
      <span className={css.swatch} style={{ background: STATUS_COLOURS[row.status] }} />
      {row.childExecutionArn !== undefined ? (
        <Link className={css.label} href={executionHref(row.childExecutionArn)} title={row.childExecutionArn} data-testid="timeline-child-link">
          {visibleText(row.label)}
        </Link>
      ) : (
        <button
          type="button"
          className={[css.label, muted ? css.labelMuted : "", row.critical ? css.labelCritical : ""].filter(Boolean).join(" ")}
          disabled={row.runPath === undefined}
          onClick={() => row.runPath !== undefined && onSelect(row.runPath)}
        >
          {visibleText(row.label)}
        </button>
      )}
      {summary && <MapSummaryText summary={summary} />}
    </div>
  );
}

function Bar({ segment, scale, selected, onSelect, onHover, allowClick }: { segment: TimelineSegment; scale: TimeScale; selected: boolean } & Pick<TimelineRowViewProps, "onSelect" | "onHover" | "allowClick">) {
  const left = scale.x(segment.start);
  // A pixel of air between back-to-back segments keeps consecutive runs and attempts apart.
  const span = scale.x(segment.end) - left;
  const width = Math.max(MIN_BAR_PX, span > 4 ? span - 1 : span);
  const colour = STATUS_COLOURS[segment.status];
  const outline = [selected ? `0 0 0 2px ${UI.accent}` : "", segment.critical && segment.kind !== "wait" ? "inset 0 0 0 2px rgba(0,0,0,0.7)" : ""].filter(Boolean).join(", ");
  const hover = (event: React.MouseEvent) => onHover({ segment, clientX: event.clientX, clientY: event.clientY });
  const kindClass = segment.kind === "wait" ? css.wait : segment.kind === "group" ? css.group : segment.kind === "try" ? css.try : "";
  return (
    <div
      role="img"
      aria-label={`${segment.label}: ${segment.statusText ?? STATUS_LABELS[segment.status]}, ${formatDuration((segment.actual ?? segment).end - (segment.actual ?? segment).start)}`}
      data-segment-kind={segment.kind}
      data-critical={segment.critical || undefined}
      className={kindClass ? `${css.bar} ${kindClass}` : css.bar}
      onClick={() => allowClick() && onSelect(segment.runPath)}
      onMouseEnter={hover}
      onMouseMove={hover}
      onMouseLeave={() => onHover(undefined)}
      style={{
        left,
        width,
        boxShadow: outline || undefined,
        background:
          segment.kind === "wait"
            ? `repeating-linear-gradient(135deg, ${colour} 0 2px, transparent 2px 5px)`
            : segment.open
              ? `linear-gradient(90deg, ${colour} 70%, ${colour}66)`
              : colour,
      }}
    />
  );
}

function MapSummaryText({ summary }: { summary: MapSummary }) {
  const text = describeMapSummary(summary);
  return (
    <span className={css.summary} title={text}>
      {text}
    </span>
  );
}

const executionHref = (arn: string) => `/executions/${encodeURIComponent(arn)}`;

// One formatter for every row: `toLocaleString("en-US")` builds a new one on each call, which
// showed up when a selection re-rendered the rows on screen.
const COUNT = new Intl.NumberFormat("en-US");

/** "2,000 it · 21 failed · p50 1.15 s · max 2.00 s" */
export function describeMapSummary(summary: MapSummary): string {
  const parts = [`${COUNT.format(summary.iterationCount)} ${summary.unit === "children" ? (summary.iterationCount === 1 ? "child" : "children") : "it"}`];
  if (summary.failedCount) parts.push(`${COUNT.format(summary.failedCount)} failed`);
  if (summary.runningCount) parts.push(`${COUNT.format(summary.runningCount)} running`);
  if (summary.p50Ms !== undefined) parts.push(`p50 ${formatDuration(summary.p50Ms)}`);
  if (summary.maxMs !== undefined) parts.push(`max ${formatDuration(summary.maxMs)}`);
  return parts.join(" · ");
}
