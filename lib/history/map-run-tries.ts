import type { MapRunTry } from "./model";
import { numberField, textField } from "./payload";

type Fields = Record<string, unknown> | undefined;

/**
 * The tries of a map run after one more MapRun* event. A redrive (MapRunRedriven) keeps the map
 * run's ARN and runs the children that did not succeed again, so what the first try ended with
 * would be lost if only the latest status were kept. Returns a new list (copy-on-write, as the
 * rest of the model).
 */
export function mapRunTries(
  before: readonly MapRunTry[] | undefined,
  phase: "started" | "succeeded" | "failed" | "aborted" | "redriven",
  d: Fields,
  ts: number,
): MapRunTry[] {
  const tries = before ? [...before] : [];
  if (phase === "started" || phase === "redriven") {
    // A second MapRunStarted for the same run (an engine replaying its start) is not a new try.
    if (phase === "started" && tries.length > 0) return tries;
    const redriveCount = numberField(d, "redriveCount") ?? tries.length;
    tries.push({ status: "running", startedAt: ts, redriveCount });
    return tries;
  }
  const last = tries.length > 0 ? { ...tries[tries.length - 1] } : { status: "running" as const, startedAt: ts, redriveCount: 0 };
  last.status = phase;
  last.endedAt = ts;
  const error = textField(d, "error");
  const cause = textField(d, "cause");
  if (error !== undefined) last.error = error;
  if (cause !== undefined) last.cause = cause;
  if (tries.length > 0) tries[tries.length - 1] = last;
  else tries.push(last);
  return tries;
}
