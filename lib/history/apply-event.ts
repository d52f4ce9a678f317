import { attemptEvent } from "./attempt-events";
import { eventKind } from "./event-kinds";
import type { HistoryEvent } from "./events";
import { evaluationFailed, executionEvent, keepUnknown } from "./execution-events";
import { type FoldState, type Owner, ownerOf, setOwner, writableList } from "./fold-state";
import { detailsOf } from "./payload";
import { abortState, endState, enterState, exitState, mapIterationEvent, mapRunEvent, startState } from "./state-events";

/** Folds one event (already checked to be new, in id order) into the state. */
export function applyEvent(st: FoldState, e: HistoryEvent, ts: number): void {
  const kind = eventKind(e.type);
  const prevId = e.previousEventId;
  const prev = typeof prevId === "number" && prevId > 0 ? ownerOf(st.records, prevId) : undefined;
  const d = detailsOf(e, kind.detailsKey);
  // Once the execution has ended it is finished, whatever an engine writes next: such events
  // are still folded (they may say how a run really ended) but are marked as late.
  const x = st.exec;
  if (x.terminalEventId !== undefined && !(kind.k === "execution" && kind.phase === "redriven")) {
    x.afterEnd = writableList(st, x.afterEnd);
    x.afterEnd.push(e.id);
  }
  let owner: Owner | undefined;
  switch (kind.k) {
    case "execution":
      // A second terminal event after the first changes nothing: the first one ended it.
      if (x.terminalEventId !== undefined && kind.phase !== "redriven") {
        owner = st.top;
        break;
      }
      executionEvent(st, e, kind.phase, d, ts, prev);
      if (kind.phase === "redriven") x.terminalEventId = undefined;
      else if (kind.phase !== "started") x.terminalEventId = e.id;
      owner = st.top;
      break;
    case "stateEntered":
      owner = enterState(st, e, kind.stateType, d, ts, prev);
      break;
    case "stateExited":
      owner = exitState(st, e, kind.stateType, d, ts, prev);
      break;
    case "stateAborted":
      owner = abortState(st, e, kind.stateType, ts, prev);
      break;
    case "stateStarted":
      owner = startState(st, e, kind.stateType, prev);
      break;
    case "stateSucceeded":
    case "stateFailed":
      owner = endState(st, e, kind.stateType, kind.k === "stateFailed", d, ts, prev);
      break;
    case "attempt":
      owner = attemptEvent(st, e, kind.phase, d, ts, prev);
      break;
    case "mapIteration":
      owner = mapIterationEvent(st, e, kind.phase, d, ts, prev);
      break;
    case "mapRun":
      owner = mapRunEvent(st, e, kind.phase, d, ts, prev);
      break;
    case "evaluationFailed":
      owner = evaluationFailed(st, e, d, prev);
      break;
  }
  // An event that fits no run (an unknown type, or a known one the history gives no run
  // for) is kept raw rather than lost.
  if (owner === undefined && kind.k !== "execution") owner = keepUnknown(st, e, kind.k === "unknown" ? prev : undefined);
  setOwner(st.records, e.id, owner ?? prev ?? st.top);
}
