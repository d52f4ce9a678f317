/**
 * The pure work behind the execution page's timeline and events table, on a 25,000-event
 * history (a Map of ~2,000 iterations), against merely parsing that history's text: the
 * Gantt layout with the Map collapsed and expanded, and the events table's rows.
 */
import { buildEventRows } from "@/components/events/event-rows";
import { foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { layoutTimeline } from "@/lib/timeline";
import { generateLargeHistory } from "../fixtures/large-history";
import { type Figure, figure, medianMs } from "./figure";

const RUNS = 9;

export async function figures(): Promise<Figure[]> {
  const events = generateLargeHistory();
  const text = JSON.stringify(events);
  const parsed = JSON.parse(text) as HistoryEvent[];
  const model = foldHistory(parsed);
  const maps = model.runs.filter((run) => run.iterations).map((run) => run.path);
  if (maps.length === 0) throw new Error("the large history folded into no Map run: the bench would measure nothing");
  // A finished execution: `now` only matters for running ones, and a fixed value keeps it pure.
  const now = model.stoppedAt ?? Date.now();
  const collapsed = new Set<string>();
  const expanded = new Set(maps);

  const parseMs = medianMs(() => JSON.parse(text), RUNS);
  const collapsedMs = medianMs(() => layoutTimeline(model, { expanded: collapsed, now }), RUNS);
  const expandedMs = medianMs(() => layoutTimeline(model, { expanded, now }), RUNS);
  const rowsMs = medianMs(() => buildEventRows(parsed, model), RUNS);
  const expandedRows = layoutTimeline(model, { expanded, now }).rows.length;

  const mb = (text.length / 1e6).toFixed(1);
  return [
    figure(`timeline: layoutTimeline of ${parsed.length} events, Map collapsed, vs JSON.parse of the ${mb} MB text`, collapsedMs, "ratio", parseMs, "≤ 0.1"),
    figure(`timeline: layoutTimeline with the Map expanded (${expandedRows} rows) vs JSON.parse`, expandedMs, "ratio", parseMs, "≤ 0.5"),
    figure(`events: buildEventRows for ${parsed.length} events vs JSON.parse`, rowsMs, "ratio", parseMs, "≤ 0.5"),
  ];
}
