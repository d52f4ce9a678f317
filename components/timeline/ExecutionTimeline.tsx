"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { ExecutionModel } from "@/lib/history/model";
import { executionSpan, layoutTimeline, timeTicks, type MapRunChildren, type TimeRange, type TimelineRow } from "@/lib/timeline";
import { STATUS_COLOURS, STATUS_LABELS, UI } from "./palette";
import { timeScale } from "./time-scale";
import { NAME_COLUMN_WIDTH, ROW_HEIGHT, TimelineRowView } from "./TimelineRowView";
import { TimelineTooltip, type HoveredSegment } from "./TimelineTooltip";
import { useDragZoom } from "./use-drag-zoom";
import { useElementWidth } from "./use-element-width";

export interface ExecutionTimelineProps {
  model: ExecutionModel;
  /** Epoch ms; running runs extend to it. */
  now: number;
  /** Path of the selected run (shared with the graph and the events table). */
  selected?: string;
  onSelect(path: string): void;
  /** Maximum height of the scrolling rows area in px (a short execution takes only what it needs). */
  height?: number;
  /** Width of the bars area before it is measured (and on the server). */
  initialAxisWidth?: number;
  /** Distributed Map runs by path: their child executions, summarised and listed as iterations are. */
  mapRunChildren?: Readonly<Record<string, MapRunChildren>>;
}

const AXIS_HEIGHT = 22;
const rowHeight = () => ROW_HEIGHT;

/**
 * The Gantt of an execution's state runs. Draws what `layoutTimeline` computes; rows are
 * virtualised so that a Map expanded to thousands of iterations scrolls smoothly.
 */
export function ExecutionTimeline({ model, now, selected, onSelect, height = 360, initialAxisWidth = 720, mapRunChildren }: ExecutionTimelineProps) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [range, setRange] = useState<TimeRange | undefined>();
  const [hovered, setHovered] = useState<HoveredSegment | undefined>();
  const axisRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Measured on the scrolling area (its client width leaves out the scrollbar), so that the
  // axis and the bars under it share one scale.
  const rowsWidth = useElementWidth(scrollRef, NAME_COLUMN_WIDTH + initialAxisWidth);
  const axisWidth = Math.max(80, rowsWidth - NAME_COLUMN_WIDTH);

  const layout = useMemo(() => layoutTimeline(model, { expanded, range, now, mapRunChildren }), [model, expanded, range, now, mapRunChildren]);
  const origin = useMemo(() => executionSpan(model, now).from, [model, now]);
  const scale = useMemo(() => timeScale(layout.from, layout.to, axisWidth), [layout.from, layout.to, axisWidth]);
  const ticks = useMemo(() => timeTicks(layout.from, layout.to, axisWidth, origin).ticks, [layout.from, layout.to, axisWidth, origin]);
  const zoom = useDragZoom(axisRef, scale, setRange);

  // Stable callbacks: a new identity makes the virtualizer recompute every row's offset.
  const getItemKey = useCallback((index: number) => layout.rows[index].key, [layout.rows]);
  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    getItemKey,
    overscan: 12,
    initialRect: { width: NAME_COLUMN_WIDTH + initialAxisWidth, height },
  });

  const toggle = useCallback((key: string) => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  // A run selected elsewhere (graph, table, deep link) inside a collapsed Map opens that Map,
  // once per selection: a live execution's new model must not reopen a Map the user closed.
  const openedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!selected || openedFor.current === selected) return;
    // A deep link can arrive before the history holds the run: wait for it.
    if (!model.runs.some((run) => run.path === selected)) return;
    openedFor.current = selected;
    const maps = model.runs.filter((run) => run.iterations && selected.startsWith(`${run.path}/`)).map((run) => run.path);
    if (maps.length === 0) return;
    setExpanded((previous) => (maps.every((path) => previous.has(path)) ? previous : new Set([...previous, ...maps])));
  }, [selected, model]);

  // …and is scrolled into view.
  const selectedIndex = useMemo(() => layout.rows.findIndex((row) => rowHolds(row, selected)), [layout.rows, selected]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  const allowClick = useCallback(() => !zoomRef.current.wasDrag(), []);
  const nowX = model.status === "RUNNING" && now >= layout.from && now <= layout.to ? scale.x(now) : undefined;

  return (
    <section style={frameStyle} aria-label="Timeline">
      <div style={toolbarStyle}>
        <strong style={{ fontWeight: 600 }}>Timeline</strong>
        <Legend />
        <span style={{ flex: 1 }} />
        <span style={{ color: UI.muted }}>{range ? "Zoomed in" : "Drag across the bars to zoom"}</span>
        {range && (
          <button type="button" onClick={() => setRange(undefined)} style={buttonStyle}>
            Reset zoom
          </button>
        )}
      </div>
      <div
        style={{ position: "relative", userSelect: "none" }}
        onPointerDown={zoom.onPointerDown}
        onPointerMove={zoom.onPointerMove}
        onPointerUp={zoom.onPointerUp}
        onPointerLeave={() => {
          zoom.cancel();
          setHovered(undefined);
        }}
      >
        <div style={{ display: "flex", height: AXIS_HEIGHT, borderBottom: `1px solid ${UI.border}`, background: UI.subtle }}>
          <div style={{ width: NAME_COLUMN_WIDTH, flex: "none", padding: "0 8px", lineHeight: `${AXIS_HEIGHT}px`, color: UI.muted, borderRight: `1px solid ${UI.border}`, boxSizing: "border-box" }}>
            State
          </div>
          <div ref={axisRef} style={{ position: "relative", width: axisWidth, flex: "none", cursor: "crosshair", overflow: "hidden" }}>
            {ticks.map((tick) => (
              <span
                key={tick.t}
                style={{
                  position: "absolute",
                  top: 4,
                  color: UI.muted,
                  whiteSpace: "nowrap",
                  fontVariantNumeric: "tabular-nums",
                  // Labels near the right edge hang to the left of their tick so they stay readable.
                  ...(tick.x > axisWidth - 56 ? { right: axisWidth - tick.x + 3 } : { left: tick.x + 3 }),
                }}
              >
                {tick.label}
              </span>
            ))}
            {model.redrives
              .filter((redrive) => redrive.at >= layout.from && redrive.at <= layout.to)
              .map((redrive) => (
                <span key={redrive.eventId} title={`Redriven (event ${redrive.eventId})`} style={{ position: "absolute", left: scale.x(redrive.at) - 5, top: 3, padding: "0 3px", background: "#fff", border: `1px solid ${UI.muted}`, borderRadius: 3, fontSize: 11 }}>
                  ↻ redrive{redrive.redriveCount ? ` ${redrive.redriveCount}` : ""}
                </span>
              ))}
          </div>
        </div>
        <div ref={scrollRef} data-timeline-rows style={{ height: Math.min(height, virtualizer.getTotalSize() + 2), minHeight: 40, overflowY: "auto", overflowX: "hidden", position: "relative" }}>
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            <div aria-hidden style={{ position: "absolute", top: 0, bottom: 0, left: NAME_COLUMN_WIDTH, width: axisWidth, pointerEvents: "none" }}>
              {ticks.map((tick) => (
                <div key={tick.t} style={{ position: "absolute", top: 0, bottom: 0, left: tick.x, width: 1, background: "#EEF1F4" }} />
              ))}
              {nowX !== undefined && <div title="now" style={{ position: "absolute", top: 0, bottom: 0, left: nowX, width: 1, background: STATUS_COLOURS.running }} />}
              {model.redrives
                .filter((redrive) => redrive.at >= layout.from && redrive.at <= layout.to)
                .map((redrive) => (
                  <div key={redrive.eventId} data-redrive style={{ position: "absolute", top: 0, bottom: 0, left: scale.x(redrive.at), width: 0, borderLeft: `2px dashed ${UI.muted}` }} />
                ))}
            </div>
            {virtualizer.getVirtualItems().map((item) => (
              <div key={item.key} style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                <TimelineRowView
                  row={layout.rows[item.index]}
                  scale={scale}
                  // Only rows holding the selection see it, so a new selection re-renders two rows, not every row on screen.
                  selected={rowHolds(layout.rows[item.index], selected) ? selected : undefined}
                  onSelect={onSelect}
                  onToggle={toggle}
                  onHover={setHovered}
                  allowClick={allowClick}
                />
              </div>
            ))}
          </div>
          {layout.rows.length === 0 && <p style={{ margin: 0, padding: 8, color: UI.muted }}>No state has been entered yet.</p>}
        </div>
        {zoom.band && (
          <div
            aria-hidden
            style={{ position: "absolute", top: 0, bottom: 0, left: NAME_COLUMN_WIDTH + zoom.band.left, width: zoom.band.width, background: "rgba(0,114,178,0.12)", border: `1px solid ${UI.accent}`, pointerEvents: "none" }}
          />
        )}
      </div>
      {hovered && <TimelineTooltip hovered={hovered} origin={origin} />}
    </section>
  );
}

function rowHolds(row: TimelineRow, selected: string | undefined): boolean {
  return selected !== undefined && (row.runPath === selected || row.segments.some((segment) => segment.runPath === selected));
}

function Legend() {
  const items: [string, string][] = (["succeeded", "failed", "caught", "timed_out", "running"] as const).map((status) => [
    STATUS_LABELS[status],
    STATUS_COLOURS[status],
  ]);
  return (
    <span style={{ display: "flex", gap: 10, color: UI.muted, alignItems: "center" }}>
      {items.map(([label, colour]) => (
        <span key={label} style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
          <span style={{ width: 10, height: 10, borderRadius: 2, background: colour }} />
          {label}
        </span>
      ))}
      <span style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
        <span style={{ width: 14, height: 8, background: `repeating-linear-gradient(135deg, ${STATUS_COLOURS.waiting} 0 2px, transparent 2px 5px)` }} />
        {STATUS_LABELS.waiting}
      </span>
      <span style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
        <span style={{ width: 14, height: 10, borderRadius: 2, boxShadow: "inset 0 0 0 2px rgba(0,0,0,0.7)" }} />
        critical path
      </span>
    </span>
  );
}

const frameStyle = { fontFamily: UI.font, fontSize: UI.fontSize, color: UI.text, border: `1px solid ${UI.border}`, borderRadius: 4, background: "#fff", overflow: "hidden" } as const;
const toolbarStyle = { display: "flex", gap: 12, alignItems: "center", padding: "4px 8px", borderBottom: `1px solid ${UI.border}`, flexWrap: "wrap" } as const;
const buttonStyle = { font: "inherit", fontSize: 12, padding: "1px 8px", border: `1px solid ${UI.border}`, borderRadius: 4, background: "#fff", cursor: "pointer" } as const;
