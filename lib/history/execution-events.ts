/**
 * Execution-level events: start, the four ways to stop, redrives, and the run to blame when the
 * execution failed (followed through Map and Parallel runs to the innermost one).
 */
import type { HistoryEvent } from "./events";
import type { Redrive, RunStatus } from "./model";
import { closeAll, EXECUTION_TIMED_OUT_CAUSE } from "./close-runs";
import { NO_UNKNOWN_EVENTS, type FoldState, type Owner, type RunMeta, addEventId, openRun, runOf, writableList, writableRun } from "./fold-state";
import { normaliseEvent } from "./normalise";
import { numberField, payloadField, textField } from "./payload";
import { evaluationFailureField } from "./variables";

type Fields = Record<string, unknown> | undefined;
type Phase = "started" | "succeeded" | "failed" | "timed_out" | "aborted" | "redriven";

/** AWS stops an execution whose history reaches this many events, with States.Runtime. */
export const HISTORY_EVENT_LIMIT = 25_000;

export function executionEvent(st: FoldState, e: HistoryEvent, phase: Phase, d: Fields, ts: number, prev: Owner | undefined): void {
  const x = st.exec;
  switch (phase) {
    case "started": {
      x.sawStart = true;
      x.startedAt = ts;
      if (x.status === "UNKNOWN") x.status = "RUNNING";
      const input = payloadField(d, "input", "inputDetails");
      if (input) x.input = input;
      else x.hasExecutionData = false;
      return;
    }
    case "redriven": {
      const redrive: Redrive = { at: ts, eventId: e.id };
      const count = numberField(d, "redriveCount");
      if (count !== undefined) redrive.redriveCount = count;
      redrive.previousStatus = x.status;
      if (x.error !== undefined) redrive.previousError = x.error;
      if (x.cause !== undefined) redrive.previousCause = x.cause;
      x.redrives = writableList(st, x.redrives);
      x.redrives.push(redrive);
      x.status = "RUNNING";
      x.stoppedAt = x.error = x.cause = x.failedRunPath = undefined;
      return;
    }
    case "succeeded": {
      x.status = "SUCCEEDED";
      x.stoppedAt = ts;
      const output = payloadField(d, "output", "outputDetails");
      if (output) x.output = output;
      else x.hasExecutionData = false;
      closeAll(st, "enclosingEnded", ts);
      return;
    }
    default: {
      x.status = phase === "failed" ? "FAILED" : phase === "timed_out" ? "TIMED_OUT" : "ABORTED";
      x.stoppedAt = ts;
      x.error = textField(d, "error");
      x.cause = textField(d, "cause");
      if (phase === "timed_out" && x.error === undefined) x.error = "States.Timeout";
      const hitLimit = phase === "failed" && x.error === "States.Runtime" && e.id >= HISTORY_EVENT_LIMIT;
      // A run still open that the failure links to failed in a way only the execution reports
      // (a Pass whose result is too large, say).
      const linked = runOf(prev);
      if (phase === "failed" && !hitLimit && linked && !linked.closed && !linked.failure) linked.failure = "failed";
      closeAll(st, phase === "timed_out" ? "executionTimedOut" : phase === "aborted" ? "aborted" : "enclosingEnded", ts);
      // After closing the runs, which say it of the state each was in.
      if (phase === "timed_out" && x.cause === undefined) x.cause = EXECUTION_TIMED_OUT_CAUSE;
      if (hitLimit) {
        x.hitEventLimit = true;
        return;
      }
      if (phase !== "aborted") blameFailedRun(st, prev);
    }
  }
}

function isFailure(status: RunStatus): boolean {
  return status === "failed" || status === "timed_out";
}

/** Sets `failedRunPath` and gives the runs on the way the execution's error when they have none. */
function blameFailedRun(st: FoldState, prev: Owner | undefined): void {
  let culprit: RunMeta | undefined = runOf(prev) ?? st.lastFailed;
  if (!culprit || !isFailure(culprit.run.status)) return;
  for (let depth = 0; depth < 1000; depth++) {
    const inner: RunMeta | undefined = culprit.failedBy ?? culprit.firstFailedChild;
    if (!inner || inner === culprit || !isFailure(inner.run.status)) break;
    culprit = inner;
  }
  st.exec.failedRunPath = culprit.run.path;
  const { error, cause } = st.exec;
  for (let m: RunMeta | undefined = culprit; m; m = m.scope.parent) {
    if (m.run.error !== undefined || error === undefined) continue;
    const r = writableRun(st, m);
    r.error = error;
    if (cause !== undefined) r.cause = cause;
  }
}

/** An error in evaluating the state's expressions (JSONata, paths): the state fails. */
export function evaluationFailed(st: FoldState, e: HistoryEvent, d: Fields, prev: Owner | undefined): RunMeta | undefined {
  const linked = runOf(prev);
  const meta = linked && !linked.closed ? linked : (openRun(st, undefined, undefined) ?? linked);
  if (!meta) return undefined;
  const r = addEventId(st, meta, e.id);
  const error = textField(d, "error");
  const cause = textField(d, "cause");
  if (error !== undefined) r.error = error;
  if (cause !== undefined) r.cause = cause;
  r.evaluationFailure = evaluationFailureField(d, e.id);
  meta.failure = "failed";
  return meta;
}

/** An event type we do not know: kept raw on the run its link points at, else on the execution. */
export function keepUnknown(st: FoldState, e: HistoryEvent, prev: Owner | undefined): RunMeta | undefined {
  const meta = runOf(prev);
  const raw = normaliseEvent(e);
  if (meta) {
    const r = addEventId(st, meta, e.id);
    if (r.unknownEvents === NO_UNKNOWN_EVENTS) r.unknownEvents = [];
    r.unknownEvents.push(raw);
    return meta;
  }
  st.exec.unknownEvents = writableList(st, st.exec.unknownEvents);
  st.exec.unknownEvents.push(raw);
  return undefined;
}
