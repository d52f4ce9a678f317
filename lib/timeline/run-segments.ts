import type { MapRunTry, StateRun } from "@/lib/history/model";
import type { TimelineSegment } from "./types";

/**
 * The segments of one run: one per attempt, with a `wait` segment for each retry back-off,
 * or a single `run` segment for states without attempts (Pass, Choice, Wait, Parallel, Map…).
 * `openEnd` is where a run or attempt without an end stops (now, for a running execution).
 */
export function runSegments(run: StateRun, openEnd: number, critical: boolean): TimelineSegment[] {
  const tries = run.mapRun?.tries ?? [];
  if (tries.length > 1) return mapRunTrySegments(run, tries, openEnd, critical);
  if (run.attempts.length === 0) {
    const end = run.exitedAt ?? Math.max(openEnd, run.enteredAt);
    return [
      {
        kind: "run",
        start: run.enteredAt,
        end,
        status: run.status,
        runPath: run.path,
        label: run.name,
        critical,
        open: run.exitedAt === undefined,
      },
    ];
  }
  const segments: TimelineSegment[] = [];
  const state = { enteredAt: run.enteredAt, exitedAt: run.exitedAt };
  let previousEnd: number | undefined;
  for (const attempt of run.attempts) {
    if (previousEnd !== undefined && attempt.scheduledAt > previousEnd) {
      segments.push({
        kind: "wait",
        start: previousEnd,
        end: attempt.scheduledAt,
        status: "waiting",
        runPath: run.path,
        attempt: attempt.index,
        label: `${run.name}: back-off before attempt ${attempt.index + 1}`,
        critical,
        open: false,
        state,
      });
    }
    const end = attempt.endedAt ?? Math.max(openEnd, attempt.scheduledAt);
    segments.push({
      kind: "attempt",
      start: attempt.scheduledAt,
      end,
      status: attempt.status,
      runPath: run.path,
      attempt: attempt.index,
      label: run.attempts.length > 1 ? `${run.name} (attempt ${attempt.index + 1})` : run.name,
      critical,
      open: attempt.endedAt === undefined,
      state,
    });
    previousEnd = end;
  }
  return segments;
}

/** The time a run ends for layout purposes: its exit, else its last attempt's end, else `openEnd`. */
export function runEnd(run: StateRun, openEnd: number): number {
  if (run.exitedAt !== undefined) return run.exitedAt;
  const lastAttempt = run.attempts[run.attempts.length - 1];
  if (lastAttempt?.endedAt !== undefined && run.status !== "running") return lastAttempt.endedAt;
  return Math.max(openEnd, run.enteredAt);
}

/**
 * A redriven distributed Map: one segment per try of its map run (the first from the state's
 * entry, the last to its exit), the time the execution stood failed between them left empty.
 */
function mapRunTrySegments(run: StateRun, tries: readonly MapRunTry[], openEnd: number, critical: boolean): TimelineSegment[] {
  const state = { enteredAt: run.enteredAt, exitedAt: run.exitedAt };
  return tries.map((t, i) => {
    const last = i === tries.length - 1;
    const start = i === 0 ? Math.min(run.enteredAt, t.startedAt) : t.startedAt;
    const ended = last ? (run.exitedAt ?? t.endedAt) : t.endedAt;
    return {
      kind: "try",
      start,
      end: ended ?? Math.max(openEnd, start),
      // The last try ends as the state does (a Catch may have caught its failure).
      status: last && run.status !== "running" ? run.status : t.status,
      runPath: run.path,
      attempt: i,
      label: `${run.name} (map run try ${i + 1} of ${tries.length})`,
      critical,
      open: ended === undefined,
      state,
    };
  });
}
