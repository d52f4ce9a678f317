/**
 * Which Retrier and which Catcher of a state's definition applied to an error, and the retry
 * schedule the definition asked for, to set beside the waits the history shows.
 *
 * Matching follows the ASL spec: a rule matches when its ErrorEquals names the error,
 * `States.ALL` matches every error, `States.TaskFailed` every error but the time-outs
 * (`States.Timeout`, `States.HeartbeatTimeout`);
 * `States.Runtime` and `States.DataLimitExceeded` are never retried nor caught.
 */
import type { AslState } from "./find-state";

export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter?: string;
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  resultPath?: string;
}

// The service never retries or catches these: they end the execution.
const UNCATCHABLE = new Set(["States.Runtime", "States.DataLimitExceeded"]);

// States.TaskFailed stands for a task's own errors, not for running out of time.
const TIMEOUTS = new Set(["States.Timeout", "States.HeartbeatTimeout"]);

/**
 * Whether a Retrier's or Catcher's ErrorEquals applies to an error. The one rule: the UI shows
 * what it decides and the demo account's simulator decides retries and catches with it.
 */
export function errorMatches(errorEquals: readonly string[], error: string | undefined): boolean {
  const e = error ?? "";
  if (UNCATCHABLE.has(e)) return false;
  return errorEquals.some(
    (name) => name === e || name === "States.ALL" || (name === "States.TaskFailed" && !TIMEOUTS.has(e)),
  );
}

export function retriersOf(state: AslState | undefined): Retrier[] {
  const raw = Array.isArray(state?.Retry) ? (state!.Retry as Record<string, unknown>[]) : [];
  return raw.map((r) => ({
    errorEquals: Array.isArray(r.ErrorEquals) ? r.ErrorEquals.map(String) : [],
    intervalSeconds: typeof r.IntervalSeconds === "number" ? r.IntervalSeconds : 1,
    maxAttempts: typeof r.MaxAttempts === "number" ? r.MaxAttempts : 3,
    backoffRate: typeof r.BackoffRate === "number" ? r.BackoffRate : 2,
    maxDelaySeconds: typeof r.MaxDelaySeconds === "number" ? r.MaxDelaySeconds : undefined,
    jitter: typeof r.JitterStrategy === "string" ? r.JitterStrategy : undefined,
  }));
}

export function catchersOf(state: AslState | undefined): Catcher[] {
  const raw = Array.isArray(state?.Catch) ? (state!.Catch as Record<string, unknown>[]) : [];
  return raw.map((c) => ({
    errorEquals: Array.isArray(c.ErrorEquals) ? c.ErrorEquals.map(String) : [],
    next: String(c.Next ?? ""),
    resultPath: typeof c.ResultPath === "string" ? c.ResultPath : undefined,
  }));
}

/** The first rule whose ErrorEquals matches, as the service evaluates them: in order. */
export function matchingRule<T extends { errorEquals: string[] }>(rules: T[], error: string | undefined): { rule: T; index: number } | undefined {
  const index = rules.findIndex((r) => errorMatches(r.errorEquals, error));
  return index < 0 ? undefined : { rule: rules[index], index };
}

/** The waits (seconds) before retry 1..maxAttempts the retrier asks for, before any jitter. */
export function retrySchedule(r: Retrier): number[] {
  const waits: number[] = [];
  for (let n = 0; n < r.maxAttempts; n++) {
    const wait = r.intervalSeconds * r.backoffRate ** n;
    waits.push(r.maxDelaySeconds !== undefined ? Math.min(wait, r.maxDelaySeconds) : wait);
  }
  return waits;
}

/**
 * The Catch rule that sent a run on, as the detail panel shows it for a Task, a Parallel or a
 * Map alike. With the error known, the first rule matching it (as the service evaluates them);
 * a Parallel or Map often carries no error of its own (AWS's ParallelStateFailed and
 * MapStateFailed have no details), and then the rule whose Next is the state the run was
 * caught to tells which one it was. A run that was not caught names no rule, even when one
 * would match its error: the execution's own time-out (States.Timeout) or an abort stops a
 * state without the service applying its Catch.
 */
export function matchedCatcher(
  state: AslState | undefined,
  run: { status: string; error?: string; caughtBy?: string; attempts: readonly { error?: string }[] },
): { rule: Catcher; index: number } | undefined {
  if (run.status !== "caught") return undefined;
  const catchers = catchersOf(state);
  if (catchers.length === 0) return undefined;
  const error = run.error ?? [...run.attempts].reverse().find((a) => a.error)?.error;
  if (error !== undefined) {
    const byError = matchingRule(catchers, error);
    if (byError && (run.caughtBy === undefined || byError.rule.next === run.caughtBy)) return byError;
  }
  if (run.caughtBy === undefined) return undefined;
  const index = catchers.findIndex((c) => c.next === run.caughtBy && (error === undefined || errorMatches(c.errorEquals, error)));
  const fallback = index >= 0 ? index : catchers.findIndex((c) => c.next === run.caughtBy);
  return fallback < 0 ? undefined : { rule: catchers[fallback], index: fallback };
}
