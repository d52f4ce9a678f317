/**
 * `foldHistory` and `applyEvents`: the execution model from a history, and kept up to date
 * as events arrive. Both go through the same batch code, so a model built in pieces is the
 * same as one built at once.
 */
import { applyEvent } from "./apply-event";
import { incompleteReason } from "./completeness";
import type { HistoryEvent } from "./events";
import { type FoldOptions, type FoldState, newFoldState, ownerOf, reserveOwners, setOwner } from "./fold-state";
import type { ExecutionModel } from "./model";
import { normaliseTimestamp } from "./normalise";

/**
 * The fold state travels with the model it produced, under a symbol and not enumerable, so
 * JSON and deep equality see only the public model. `accepted` is how many of the state's
 * events this model has seen: the state moves on with later batches.
 */
const INTERNAL = Symbol("stepscope.foldState");

interface Internal {
  state: FoldState;
  accepted: number;
  unreadable: number;
}

/**
 * `options.branchIndex` (from the definition) numbers Parallel branches as the definition
 * orders them; a model built with it keeps using it as events arrive.
 */
export function foldHistory(events: HistoryEvent[], options: FoldOptions = {}): ExecutionModel {
  return applyBatch(newFoldState(options), Array.isArray(events) ? events : []);
}

/**
 * The model with `newEvents` folded in, in O(new events) when they come after what the model has
 * seen. A new model object is returned; runs that changed are new objects, the others are shared.
 * Events already seen are ignored; events older than the newest seen (a gap being filled) make
 * it fold again from the start. A model that did not come from this module is refolded from
 * `newEvents` alone.
 */
export function applyEvents(model: ExecutionModel, newEvents: HistoryEvent[]): ExecutionModel {
  const internal = internalOf(model);
  if (!internal) return foldHistory(newEvents);
  const { state } = internal;
  // React calls state updaters twice in development with the same arguments.
  const last = state.lastApply;
  if (last && last.model === model && last.events === newEvents) return last.result;
  let st = state;
  if (state.head !== model) {
    // This model is not the newest one built on its state: start again from its own events.
    st = newFoldState(state.options);
    st.exec.unreadable = internal.unreadable;
    const seen = state.events.slice(0, internal.accepted);
    replay(st, seen, true);
  }
  const result = applyBatch(st, Array.isArray(newEvents) ? newEvents : []);
  state.lastApply = st.lastApply = { model, events: newEvents, result };
  return result;
}

function internalOf(model: ExecutionModel): Internal | undefined {
  if (model === null || typeof model !== "object") return undefined;
  return (model as unknown as Record<symbol, Internal | undefined>)[INTERNAL];
}

function isReadable(e: unknown): e is HistoryEvent {
  if (e === null || typeof e !== "object") return false;
  const { id, type } = e as { id?: unknown; type?: unknown };
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 && typeof type === "string";
}

function applyBatch(st: FoldState, input: unknown[]): ExecutionModel {
  if (isClean(st, input)) {
    replay(st, input, true);
    return snapshot(st);
  }
  const fresh = freshEvents(st, input);
  if (fresh.length > 0 && fresh[0].id < st.lastId) {
    // Events from before the newest one seen: the fold is order-dependent, so start again.
    const unreadable = st.exec.unreadable;
    const all = st.events.concat(fresh).sort((a, b) => a.id - b.id);
    st = newFoldState(st.options);
    st.exec.unreadable = unreadable;
    replay(st, all, increasing(all));
  } else {
    replay(st, fresh, increasing(fresh));
  }
  return snapshot(st);
}

/**
 * The usual batch: every item an event, ids increasing, all after the newest one folded. It is
 * folded as it is, without copying it first.
 */
function isClean(st: FoldState, input: unknown[]): input is HistoryEvent[] {
  let last = st.lastId;
  for (let i = 0; i < input.length; i++) {
    const e = input[i];
    if (!isReadable(e) || e.id <= last) return false;
    last = e.id;
  }
  return true;
}

/** The batch's events not folded yet, in id order; items that are not events are counted. */
function freshEvents(st: FoldState, input: unknown[]): HistoryEvent[] {
  const fresh: HistoryEvent[] = [];
  let sorted = true;
  for (const e of input) {
    if (!isReadable(e)) {
      st.exec.unreadable++;
      continue;
    }
    // Only ids up to the newest folded one can have been seen before.
    if (e.id <= st.lastId && ownerOf(st.records, e.id) !== undefined) continue;
    if (fresh.length > 0 && e.id <= fresh[fresh.length - 1].id) sorted = false;
    fresh.push(e);
  }
  if (!sorted) fresh.sort((a, b) => a.id - b.id);
  return fresh;
}

/** Folds events in id order, skipping repeated ids; `distinct` when there are none. */
function replay(st: FoldState, events: HistoryEvent[], distinct: boolean): void {
  st.owned = new Set();
  // A first batch without repeats (a whole history) is kept in one exact-size copy, and the
  // index of owners sized once, instead of both growing an event at a time.
  const whole = distinct && st.events.length === 0 && events.length > 0;
  if (whole) {
    st.events = events.slice();
    reserveOwners(st.records, events[events.length - 1].id, events.length);
  }
  // An index rather than for-of: this loop runs before the function is optimised too, and an
  // iterator there makes a result object per event.
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    // `events` is in id order and every folded id is at most `lastId`: this skips repeats.
    if (e.id <= st.lastId) continue;
    if (st.lastId > 0 && e.id > st.lastId + 1) st.exec.gaps.push([st.lastId + 1, e.id - 1]);
    st.lastId = e.id;
    if (!whole) st.events.push(e);
    let ts = normaliseTimestamp(e.timestamp);
    if (Number.isNaN(ts)) ts = st.lastTs;
    st.lastTs = ts;
    try {
      applyEvent(st, e, ts);
    } catch {
      // Contents we cannot make sense of: counted and shown as such, never thrown.
      st.exec.unusable++;
      if (ownerOf(st.records, e.id) === undefined) setOwner(st.records, e.id, st.top);
    }
  }
}

function increasing(events: HistoryEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i].id <= events[i - 1].id) return false;
  return true;
}

function snapshot(st: FoldState): ExecutionModel {
  const x = st.exec;
  const m = { status: x.status } as ExecutionModel;
  if (x.startedAt !== undefined) m.startedAt = x.startedAt;
  if (x.stoppedAt !== undefined) m.stoppedAt = x.stoppedAt;
  if (x.startedAt !== undefined && x.stoppedAt !== undefined) m.durationMs = x.stoppedAt - x.startedAt;
  if (x.input) m.input = x.input;
  if (x.output) m.output = x.output;
  if (x.error !== undefined) m.error = x.error;
  if (x.cause !== undefined) m.cause = x.cause;
  const reason = incompleteReason(x, st.events.length);
  m.complete = reason === undefined;
  if (reason !== undefined) m.incompleteReason = reason;
  m.runs = st.runs;
  m.redrives = x.redrives;
  if (x.failedRunPath !== undefined) m.failedRunPath = x.failedRunPath;
  m.unknownEvents = x.unknownEvents;
  m.eventCount = st.events.length;
  m.lastEventId = st.lastId;
  m.hasExecutionData = x.hasExecutionData;
  if (x.afterEnd.length > 0) m.eventsAfterEnd = x.afterEnd;
  if (x.branchesByArrival > 0) m.branchNumbering = "arrival";
  else if (x.branchesFromDefinition > 0) m.branchNumbering = "definition";
  const internal: Internal = { state: st, accepted: st.events.length, unreadable: x.unreadable };
  Object.defineProperty(m, INTERNAL, { value: internal, enumerable: false });
  st.head = m;
  st.owned = new Set();
  st.allOwned = false;
  return m;
}
