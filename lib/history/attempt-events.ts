/**
 * Task, LambdaFunction and Activity events: each Scheduled (or a lone Started) opens an attempt,
 * Succeeded / Failed / TimedOut / *StartFailed close it. Retries are the attempts after the first.
 */
import type { AttemptPhase } from "./event-kinds";
import type { HistoryEvent } from "./events";
import type { Attempt, StateRun } from "./model";
import { type FoldState, type Owner, type RunMeta, addEventId, appended, openRun, own, runOf, writableAttempt } from "./fold-state";
import { payloadField, textField } from "./payload";

type Fields = Record<string, unknown> | undefined;

/**
 * The run an attempt event belongs to: the one its link points at — even when that run has
 * closed, as when a task's failure arrives after its Parallel already failed — else the latest
 * open Task.
 */
function attemptRun(st: FoldState, prev: Owner | undefined, phase: AttemptPhase): RunMeta | undefined {
  const linked = runOf(prev);
  if (linked && (!linked.closed || (phase !== "scheduled" && linked.run.attempts.length > 0))) return linked;
  return openRun(st, "Task", undefined) ?? linked;
}

export function attemptEvent(st: FoldState, e: HistoryEvent, phase: AttemptPhase, d: Fields, ts: number, prev: Owner | undefined): RunMeta | undefined {
  const meta = attemptRun(st, prev, phase);
  if (!meta) return undefined;
  const r = addEventId(st, meta, e.id);
  if (meta.closed && phase !== "scheduled" && r.attempts.length > 0) {
    lateOutcome(st, meta, phase, d, ts, e.id);
    return meta;
  }

  if (phase === "scheduled") {
    meta.failure = undefined;
    openAttempt(st, r, e.id, ts, d);
    return meta;
  }
  let index = r.attempts.length - 1;
  if (index >= 0 && r.attempts[index].status !== "running" && phase !== "started" && phase !== "submitted") {
    // An outcome for an attempt that already ended (engines that report a failure with no new
    // TaskScheduled): it is that attempt's outcome, not a retry — only a Scheduled makes one.
    addAttemptEventId(st, meta, index, e.id);
  } else if (index < 0 || r.attempts[index].status !== "running") {
    // The history was cut before this attempt's Scheduled event.
    openAttempt(st, r, e.id, ts, d);
    index = r.attempts.length - 1;
  } else {
    addAttemptEventId(st, meta, index, e.id);
  }
  const a = writableAttempt(st, meta, index);
  switch (phase) {
    case "started":
      a.startedAt = ts;
      fillResource(a, d);
      break;
    case "submitted":
      fillResource(a, d);
      break;
    case "succeeded": {
      a.status = "succeeded";
      a.endedAt = ts;
      const result = payloadField(d, "output", "outputDetails");
      if (result) a.result = result;
      r.error = undefined;
      r.cause = undefined;
      break;
    }
    default: {
      a.status = phase === "timed_out" ? "timed_out" : "failed";
      a.endedAt = ts;
      const error = textField(d, "error") ?? (phase === "timed_out" ? "States.Timeout" : undefined);
      const cause = textField(d, "cause");
      a.error = r.error = error;
      a.cause = r.cause = cause;
      meta.failure = phase === "timed_out" ? "timed_out" : "failed";
    }
  }
  return meta;
}

function addAttemptEventId(st: FoldState, meta: RunMeta, index: number, id: number): void {
  const a = writableAttempt(st, meta, index);
  a.eventIds = appended(a.eventIds, id);
}

/** A new attempt at the end of the (writable) run's attempts. */
function openAttempt(st: FoldState, r: StateRun, id: number, ts: number, d: Fields): void {
  const attempts = r.attempts;
  const previous = attempts[attempts.length - 1];
  // Every field up front, in one order: objects of one shape stay fast to read and to copy.
  const a: Attempt = {
    index: attempts.length,
    status: "running",
    scheduledAt: ts,
    startedAt: undefined,
    endedAt: undefined,
    waitBeforeMs: previous?.endedAt !== undefined ? ts - previous.endedAt : undefined,
    resourceType: undefined,
    resource: undefined,
    parameters: payloadField(d, "parameters", "parametersDetails") ?? payloadField(d, "input", "inputDetails"),
    result: undefined,
    error: undefined,
    cause: undefined,
    eventIds: [id],
  };
  fillResource(a, d);
  own(st, a);
  r.attempts = appended(attempts, a);
}

function fillResource(a: Attempt, d: Fields): void {
  if (a.resourceType === undefined) {
    const resourceType = textField(d, "resourceType");
    if (resourceType !== undefined) a.resourceType = resourceType;
  }
  if (a.resource === undefined) {
    const resource = textField(d, "resource");
    if (resource !== undefined) a.resource = resource;
  }
}

/**
 * An attempt outcome for a run that has already closed (its Parallel or Map failed, or the
 * execution ended, first): it tells how the last attempt really ended. The run keeps the status
 * it closed with; no retry is counted, since no new attempt was scheduled.
 */
function lateOutcome(st: FoldState, meta: RunMeta, phase: AttemptPhase, d: Fields, ts: number, id: number): void {
  const r = meta.run;
  const a = writableAttempt(st, meta, r.attempts.length - 1);
  a.eventIds = appended(a.eventIds, id);
  if (phase === "started") {
    a.startedAt ??= ts;
    return;
  }
  if (phase === "submitted") return;
  if (phase === "succeeded") {
    a.status = "succeeded";
    const result = payloadField(d, "output", "outputDetails");
    if (result) a.result = result;
  } else {
    a.status = phase === "timed_out" ? "timed_out" : "failed";
    a.error = textField(d, "error") ?? (phase === "timed_out" ? "States.Timeout" : undefined);
    a.cause = textField(d, "cause");
  }
  a.endedAt = ts;
}
