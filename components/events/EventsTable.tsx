"use client";
import { formatPreciseOffset } from "@/lib/format/duration";
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";
import { JsonView } from "@/components/json/JsonView";
import { UI } from "@/components/timeline/palette";
import { buildEventRows, eventTypesPresent, filterEventRows, statesPresent, type EventRow } from "./event-rows";

export interface EventsTableProps {
  events: HistoryEvent[];
  /** Maps events to runs (state column, selection). Optional: without it names come from the details. */
  model?: ExecutionModel;
  /** Times are shown relative to this; defaults to the model's start, else the first event. */
  startedAt?: number;
  selected?: string;
  onSelect?: (runPath: string) => void;
  /** Height of the scrolling area in px. */
  height?: number;
}

const ROW_HEIGHT = 22;
const COLUMNS = "64px 96px minmax(160px, 1.2fr) minmax(120px, 1fr) minmax(160px, 2fr)";

/** The raw history, virtualised so that 25,000 rows scroll smoothly; each row opens to its JSON. */
export function EventsTable({ events, model, startedAt, selected, onSelect, height = 420 }: EventsTableProps) {
  const [type, setType] = useState("");
  const [state, setState] = useState("");
  const [text, setText] = useState("");
  const deferredText = useDeferredValue(text);
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const rows = useMemo(() => buildEventRows(events, model, startedAt), [events, model, startedAt]);
  const types = useMemo(() => eventTypesPresent(rows), [rows]);
  const states = useMemo(() => statesPresent(rows), [rows]);
  const visible = useMemo(() => filterEventRows(rows, { type, state, text: deferredText }), [rows, type, state, deferredText]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable callbacks: the virtualizer recomputes every row's offset (25,000 of them) whenever
  // these change identity, which would otherwise be on every scroll frame.
  const estimateSize = useCallback((index: number) => (open.has(visible[index].id) ? 260 : ROW_HEIGHT), [open, visible]);
  // An opened row gets its own key, so the size measured while it was open is not reused
  // once it is closed again (closed rows are not measured).
  const getItemKey = useCallback((index: number) => (open.has(visible[index].id) ? `${visible[index].id}:open` : visible[index].id), [open, visible]);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 10,
    initialRect: { width: 960, height },
  });

  // A run selected elsewhere (graph, timeline) brings its first event into view, unless one
  // of its events is already on screen.
  useEffect(() => {
    if (!selected) return;
    const items = virtualizer.getVirtualItems();
    if (items.some((item) => visible[item.index]?.runPath === selected)) return;
    const index = visible.findIndex((row) => row.runPath === selected);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "start" });
    // Only a new selection scrolls; new events or filters leave the scroll position alone.
  }, [selected]);

  const toggle = useCallback((id: number) => {
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  return (
    <section style={frameStyle} aria-label="History events">
      <div style={toolbarStyle}>
        <select aria-label="Filter by event type" value={type} onChange={(e) => setType(e.target.value)} style={inputStyle}>
          <option value="">All types ({types.length})</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select aria-label="Filter by state" value={state} onChange={(e) => setState(e.target.value)} style={inputStyle}>
          <option value="">All states</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label="Search events"
          placeholder="Search id, type, state, payload…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ ...inputStyle, flex: 1, minWidth: 160 }}
        />
        <span style={{ color: UI.muted, whiteSpace: "nowrap" }}>
          {visible.length === rows.length ? `${rows.length.toLocaleString("en-US")} events` : `${visible.length.toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")} events`}
        </span>
      </div>
      <div role="row" style={{ ...gridStyle, ...headerRowStyle }}>
        <span>id</span>
        <span>time</span>
        <span>type</span>
        <span>state</span>
        <span>detail</span>
      </div>
      <div ref={scrollRef} style={{ height, overflow: "auto", position: "relative" }}>
        {visible.length === 0 ? (
          <p style={{ margin: 0, padding: 8, color: UI.muted }}>{rows.length === 0 ? "No events yet." : "No event matches these filters."}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = visible[item.index];
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  // Closed rows have a fixed height; measuring each one as it scrolls in forces a
                  // layout per row (a jump to another run mounts dozens at once), so only opened
                  // rows, whose JSON makes their height unknown, are measured.
                  ref={open.has(row.id) ? virtualizer.measureElement : undefined}
                  style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                >
                  <EventLine row={row} isOpen={open.has(row.id)} isSelected={!!selected && row.runPath === selected} onToggle={toggle} onSelect={onSelect} />
                  {open.has(row.id) && (
                    <div style={{ padding: "4px 8px 8px 64px", borderBottom: `1px solid ${UI.border}` }}>
                      <JsonView text={JSON.stringify(row.event, null, 2)} label={`Event ${row.id}`} />
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

// Memoised: while scrolling, rows already on screen keep their props and are not re-rendered.
const EventLine = memo(function EventLine({ row, isOpen, isSelected, onToggle, onSelect }: { row: EventRow; isOpen: boolean; isSelected: boolean; onToggle: (id: number) => void; onSelect?: (runPath: string) => void }) {
  const failing = /Failed$|TimedOut$|Aborted$/.test(row.type);
  return (
    <div
      role="row"
      aria-expanded={isOpen}
      onClick={() => onToggle(row.id)}
      style={{ ...gridStyle, height: ROW_HEIGHT, boxSizing: "border-box", alignItems: "center", cursor: "pointer", background: isSelected ? UI.selected : isOpen ? UI.subtle : undefined, borderBottom: `1px solid #F0F2F4` }}
    >
      <span style={{ color: UI.muted, fontVariantNumeric: "tabular-nums" }}>
        {isOpen ? "▾" : "▸"} {row.id}
      </span>
      <span title={row.time !== undefined ? new Date(row.time).toISOString() : "unknown time"} style={{ fontVariantNumeric: "tabular-nums" }}>
        {formatEventOffset(row.offsetMs)}
      </span>
      <span style={{ ...cellStyle, color: failing ? "#CF222E" : UI.text }} data-after-end={row.afterEnd || undefined}>
        {row.type}
        {row.afterEnd && <span title="Written after the execution's terminal event: the execution was already over." style={afterEndStyle}>after the end</span>}
      </span>
      <span style={cellStyle}>
        {row.runPath && onSelect ? (
          <button
            type="button"
            onClick={(e) => {
              e.stopPropagation();
              onSelect(row.runPath as string);
            }}
            title={`Select ${row.runPath}`}
            style={{ font: "inherit", border: "none", background: "none", padding: 0, color: UI.accent, cursor: "pointer", maxWidth: "100%", overflow: "hidden", textOverflow: "ellipsis" }}
          >
            {row.state}
          </button>
        ) : (
          row.state ?? ""
        )}
      </span>
      <span style={{ ...cellStyle, color: UI.muted }} title={row.detail}>
        {row.detail}
      </span>
    </div>
  );
});

/** Offsets are formatted with every other duration, in lib/format. */
export const formatEventOffset = formatPreciseOffset;

const afterEndStyle = { marginLeft: 6, padding: "0 4px", fontSize: 10, border: `1px solid ${UI.border}`, borderRadius: 3, color: UI.muted } as const;
const frameStyle = { fontFamily: UI.font, fontSize: UI.fontSize, color: UI.text, border: `1px solid ${UI.border}`, borderRadius: 4, background: "#fff" } as const;
const toolbarStyle = { display: "flex", gap: 6, alignItems: "center", padding: 6, borderBottom: `1px solid ${UI.border}`, flexWrap: "wrap" } as const;
const inputStyle = { font: "inherit", fontSize: 12, padding: "2px 4px", border: `1px solid ${UI.border}`, borderRadius: 4, maxWidth: 260 } as const;
const gridStyle = { display: "grid", gridTemplateColumns: COLUMNS, gap: 8, padding: "0 8px" } as const;
const headerRowStyle = { height: 22, alignItems: "center", color: UI.muted, fontWeight: 600, background: UI.subtle, borderBottom: `1px solid ${UI.border}` } as const;
const cellStyle = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;
