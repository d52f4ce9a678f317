/**
 * History events → the rows of the events table, and the table's filters. Pure, so that
 * filtering 25,000 events is tested without a browser.
 */
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";

export interface EventRow {
  id: number;
  type: string;
  /** Epoch ms, undefined when the timestamp cannot be read. */
  time?: number;
  /** Milliseconds since the execution started. */
  offsetMs?: number;
  /** The run's path when the model maps this event to a run, else the state name in the details. */
  state?: string;
  /** The run this event belongs to, for selection. */
  runPath?: string;
  /** The state's name as in the definition (the same for every iteration of a Map). */
  stateName?: string;
  detail: string;
  event: HistoryEvent;
  /** Written after the execution's terminal event (the execution was already over). */
  afterEnd?: boolean;
}

export interface EventFilter {
  type?: string;
  state?: string;
  text?: string;
}

/** Epoch ms from any of the timestamp forms a history arrives in. */
export function eventTimeMs(timestamp: HistoryEvent["timestamp"]): number | undefined {
  // Numbers first: it is how our API sends them, 25,000 times a history.
  if (typeof timestamp === "number") return validTime(timestamp < 1e11 ? timestamp * 1000 : timestamp);
  if (timestamp instanceof Date) return validTime(timestamp.getTime());
  if (typeof timestamp === "string") {
    const asNumber = Number(timestamp);
    if (timestamp.trim() !== "" && Number.isFinite(asNumber)) return eventTimeMs(asNumber);
    return validTime(Date.parse(timestamp));
  }
  return undefined;
}

function validTime(ms: number): number | undefined {
  return Number.isFinite(ms) ? ms : undefined;
}

export function buildEventRows(events: HistoryEvent[], model?: ExecutionModel, startedAt?: number): EventRow[] {
  const runByEvent = runsByEventId(model);
  let origin = startedAt ?? model?.startedAt;
  if (origin === undefined && events.length > 0) origin = eventTimeMs(events[0].timestamp);
  const rows = new Array<EventRow>(events.length);
  const late = model?.eventsAfterEnd ? new Set(model.eventsAfterEnd) : undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const time = eventTimeMs(event.timestamp);
    const run = runByEvent.get(event.id);
    // Only events the model does not map need their details read for a name.
    const name = run ? undefined : detailsName(event);
    rows[i] = new LazyEventRow(event, time, time !== undefined && origin !== undefined ? time - origin : undefined, run?.path ?? name, run?.path, run?.name ?? name, late?.has(event.id) || undefined);
  }
  return rows;
}

/**
 * A row whose one-line summary is made when first read: the table shows a few dozen of
 * 25,000 rows, and summarising every payload up front was most of the cost of building them.
 */
class LazyEventRow implements EventRow {
  readonly id: number;
  readonly type: string;
  private summary: string | undefined;

  constructor(
    readonly event: HistoryEvent,
    readonly time: number | undefined,
    readonly offsetMs: number | undefined,
    readonly state: string | undefined,
    readonly runPath: string | undefined,
    readonly stateName: string | undefined,
    readonly afterEnd: boolean | undefined,
  ) {
    this.id = event.id;
    this.type = event.type;
  }

  get detail(): string {
    if (this.summary === undefined) this.summary = summariseDetails(eventDetails(this.event));
    return this.summary;
  }
}

type RunRef = { path: string; name: string };

/**
 * Event id → the run it belongs to. Ids run from 1 up, so an array indexed by id is the
 * cheap map (25,000 of them); odd ids (negative, fractional, huge) go to a Map.
 */
function runsByEventId(model: ExecutionModel | undefined): { get(id: number): RunRef | undefined } {
  const dense: (RunRef | undefined)[] = [];
  const sparse = new Map<number, RunRef>();
  const isDense = (id: number) => Number.isInteger(id) && id >= 0 && id <= 1_000_000;
  const get = (id: number) => (isDense(id) ? dense[id] : sparse.get(id));
  const assign = (id: number, ref: RunRef, overwrite: boolean) => {
    if (!overwrite && get(id) !== undefined) return;
    if (isDense(id)) dense[id] = ref;
    else sparse.set(id, ref);
  };
  for (const run of model?.runs ?? []) {
    const ref = { path: run.path, name: run.name };
    for (const id of run.eventIds) assign(id, ref, true);
    // An attempt's events belong to its run unless a run already claimed them.
    for (const attempt of run.attempts) for (const id of attempt.eventIds) assign(id, ref, false);
  }
  return { get };
}

function detailsName(event: HistoryEvent): string | undefined {
  const name = eventDetails(event)?.name;
  return typeof name === "string" ? name : undefined;
}

/** The `*EventDetails` object of an event, whatever its type. */
export function eventDetails(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const key in event) {
    const value = event[key];
    if (key.endsWith("EventDetails") && value && typeof value === "object") return value as Record<string, unknown>;
  }
  return undefined;
}

const DETAIL_CUT_CHARS = 160;

/** A one-line summary: the error first (what on-call looks for), then what the event did. */
export function summariseDetails(details: Record<string, unknown> | undefined): string {
  if (!details) return "";
  const parts: string[] = [];
  const error = scalar(details.error);
  if (error) parts.push(error);
  const cause = scalar(details.cause);
  if (cause) parts.push(cause);
  if (!error) {
    const resource = [scalar(details.resourceType), scalar(details.resource)].filter(Boolean).join(":");
    if (resource) parts.push(resource);
    const index = scalar(details.index);
    if (index !== undefined) parts.push(`index ${index}`);
    const timeout = scalar(details.timeoutInSeconds);
    if (timeout) parts.push(`timeout ${timeout}s`);
    const mapRun = scalar(details.mapRunArn);
    if (mapRun) parts.push(mapRun);
    const payload = scalar(details.output) ?? scalar(details.input);
    if (payload) parts.push(payload);
  }
  // Cut before collapsing whitespace: payloads can be 256 KiB and there are 25,000 events.
  let line = "";
  for (const part of parts) {
    line += (line ? " · " : "") + part.slice(0, DETAIL_CUT_CHARS + 1);
    if (line.length > DETAIL_CUT_CHARS) break;
  }
  line = line.replace(/\s+/g, " ");
  return line.length > DETAIL_CUT_CHARS ? `${line.slice(0, DETAIL_CUT_CHARS)}…` : line;
}

function scalar(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** Types present, in order of first appearance. */
export function eventTypesPresent(rows: EventRow[]): string[] {
  return [...new Set(rows.map((row) => row.type))];
}

/**
 * State names present, sorted: a handful even when a Map ran 2,000 iterations, which is what
 * a filter list can usefully offer (a single run is picked from the table or the timeline).
 */
export function statesPresent(rows: EventRow[]): string[] {
  const states = new Set<string>();
  for (const row of rows) if (row.stateName) states.add(row.stateName);
  return [...states].sort((a, b) => a.localeCompare(b));
}

// The raw JSON of an event is searched too, but built only when a search needs it and kept,
// so typing in the filter box does not re-serialise 25,000 events per keystroke.
const haystacks = new WeakMap<HistoryEvent, string>();
const HAYSTACK_CUT_CHARS = 4096;

function haystackOf(row: EventRow): string {
  let haystack = haystacks.get(row.event);
  if (haystack === undefined) {
    let raw: string;
    try {
      raw = JSON.stringify(row.event).slice(0, HAYSTACK_CUT_CHARS);
    } catch {
      raw = "";
    }
    haystack = `${row.id} ${row.type} ${row.state ?? ""} ${row.detail} ${raw}`.toLowerCase();
    haystacks.set(row.event, haystack);
  }
  return haystack;
}

/**
 * Rows matching every given filter. `state` matches the state's name (every run of it), a
 * run path, or any path inside that run (so `Each` also finds `Each/iteration 3/Resize`);
 * `text` is case-insensitive and searches the id, type, state, summary and the event's JSON.
 */
export function filterEventRows(rows: EventRow[], filter: EventFilter): EventRow[] {
  const type = filter.type || undefined;
  const state = filter.state || undefined;
  const text = filter.text?.trim().toLowerCase() || undefined;
  if (!type && !state && !text) return rows;
  return rows.filter((row) => {
    if (type && row.type !== type) return false;
    if (state && !(row.stateName === state || row.state === state || row.state?.startsWith(`${state}/`))) return false;
    if (text && !haystackOf(row).includes(text)) return false;
    return true;
  });
}
