/**
 * Task, LambdaFunction and Activity events: each Scheduled (or a lone Started) opens an attempt,
 * Succeeded / Failed / TimedOut / *StartFailed close it. Retries are the attempts after the first.
 */
import type { AttemptPhase } from "./event-kinds";
import type { HistoryEvent } from "./events";
import type { Attempt } from "./model";
import { NO_ATTEMPTS, type FoldState, type Owner, type RunMeta, openRun, own, runOf, writableAttempt, writableRun } from "./fold-state";
import { payloadField, textField } from "./payload";

type Fields = Record<string, unknown> | undefined;

/** The run an attempt event belongs to: the one its link points at, else the latest open Task. */
function attemptRun(st: FoldState, prev: Owner | undefined): RunMeta | undefined {
  const linked = runOf(prev);
  if (linked && !linked.closed) return linked;
  return openRun(st, (m) => m.run.type === "Task") ?? linked;
}

export function attemptEvent(st: FoldState, e: HistoryEvent, phase: AttemptPhase, d: Fields, ts: number, prev: Owner | undefined): RunMeta | undefined {
  const meta = attemptRun(st, prev);
  if (!meta) return undefined;
  const r = writableRun(st, meta);
  r.eventIds.push(e.id);
  if (r.attempts === NO_ATTEMPTS) r.attempts = [];

  if (phase === "scheduled") {
    meta.failure = undefined;
    openAttempt(st, r.attempts, e.id, ts, d);
    return meta;
  }
  let index = r.attempts.length - 1;
  if (index < 0 || r.attempts[index].status !== "running") {
    // The history was cut before this attempt's Scheduled event.
    openAttempt(st, r.attempts, e.id, ts, d);
    index = r.attempts.length - 1;
  } else {
    writableAttempt(st, meta, index).eventIds.push(e.id);
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

function openAttempt(st: FoldState, attempts: Attempt[], id: number, ts: number, d: Fields): void {
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
  attempts.push(a);
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
