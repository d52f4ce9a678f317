import type { ExecutionModel } from "@/lib/history/model";
import type { TimeRange } from "./types";

/** The latest time the history mentions; where running runs end when no `now` is given. */
export function latestKnownTime(model: ExecutionModel): number | undefined {
  // Plain loops over every run and attempt (6,000 runs in a 25,000-event history): this runs
  // for each layout, so no closure per call.
  let latest = model.stoppedAt ?? -Infinity;
  for (const run of model.runs) {
    if (run.enteredAt > latest) latest = run.enteredAt;
    if (run.exitedAt !== undefined && run.exitedAt > latest) latest = run.exitedAt;
    for (const attempt of run.attempts) {
      if (attempt.scheduledAt !== undefined && attempt.scheduledAt > latest) latest = attempt.scheduledAt;
      if (attempt.startedAt !== undefined && attempt.startedAt > latest) latest = attempt.startedAt;
      if (attempt.endedAt !== undefined && attempt.endedAt > latest) latest = attempt.endedAt;
    }
  }
  return latest === -Infinity ? undefined : latest;
}

/**
 * Where running things end: `now` while the execution runs, else the latest known time.
 * A finished execution ignores `now` so that its timeline does not grow while it is looked at.
 */
export function openEndTime(model: ExecutionModel, now?: number): number {
  const latest = latestKnownTime(model) ?? model.startedAt ?? now ?? 0;
  if (model.status === "RUNNING" && now !== undefined) return Math.max(now, latest);
  return latest;
}

/** The whole execution's time span, from its start to its stop (or `openEndTime`). */
export function executionSpan(model: ExecutionModel, now?: number): TimeRange {
  const end = model.stoppedAt ?? openEndTime(model, now);
  let start = model.startedAt;
  if (start === undefined) {
    for (const run of model.runs) if (start === undefined || run.enteredAt < start) start = run.enteredAt;
  }
  const from = start ?? end;
  return { from, to: Math.max(end, from) };
}
