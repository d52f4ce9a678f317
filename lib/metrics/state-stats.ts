import type { ExecutionModel, StateRun } from "@/lib/history/model";
import { percentilesOfSorted } from "./percentile";

export interface ErrorCount {
  error: string;
  count: number;
}

/** What one state did across a sample of executions' histories. */
export interface StateStats {
  name: string;
  /** Executions of the sample that entered the state at least once. */
  executions: number;
  /** Entries into the state (loops, Map iterations and Parallel branches each count). */
  entries: number;
  /** Entries that failed or timed out and were not caught. */
  failures: number;
  /** Entries that failed but a Catch sent the execution on. */
  caught: number;
  /** Attempts after the first, summed over entries. */
  retries: number;
  /** Nearest-rank percentiles of finished entries' durations (enter to exit), ms. */
  p50: number | null;
  p90: number | null;
  /** Most frequent errors, counting every failed attempt (a retried error counts each time it happened). */
  topErrors: ErrorCount[];
}

export interface StateStatsOptions {
  /** State names in definition order: they come first, in this order, even if never entered. */
  stateOrder?: readonly string[];
  /** How many errors to keep per state (default 5). */
  topErrors?: number;
}

interface Accumulator {
  executions: number;
  entries: number;
  failures: number;
  caught: number;
  retries: number;
  durations: number[];
  errors: Map<string, number>;
  lastModel: number;
}

/** Per-state stats from a bounded sample of folded histories. Unknown names follow the given order, in first-seen order. */
export function stateStats(models: readonly ExecutionModel[], options: StateStatsOptions = {}): StateStats[] {
  const byName = new Map<string, Accumulator>();
  const fresh = (): Accumulator => ({ executions: 0, entries: 0, failures: 0, caught: 0, retries: 0, durations: [], errors: new Map(), lastModel: -1 });
  for (const name of options.stateOrder ?? []) if (!byName.has(name)) byName.set(name, fresh());
  models.forEach((model, modelIndex) => {
    for (const run of model.runs ?? []) {
      let acc = byName.get(run.name);
      if (!acc) {
        acc = fresh();
        byName.set(run.name, acc);
      }
      if (acc.lastModel !== modelIndex) {
        acc.executions++;
        acc.lastModel = modelIndex;
      }
      addRun(acc, run);
    }
  });
  const keep = options.topErrors ?? 5;
  return [...byName.entries()].map(([name, acc]) => {
    const sorted = Float64Array.from(acc.durations).sort();
    const { p50, p90 } = percentilesOfSorted(sorted);
    const topErrors = [...acc.errors.entries()]
      .map(([error, count]) => ({ error, count }))
      .sort((a, b) => b.count - a.count || a.error.localeCompare(b.error))
      .slice(0, keep);
    return { name, executions: acc.executions, entries: acc.entries, failures: acc.failures, caught: acc.caught, retries: acc.retries, p50, p90, topErrors };
  });
}

function addRun(acc: Accumulator, run: StateRun): void {
  acc.entries++;
  if (run.status === "failed" || run.status === "timed_out") acc.failures++;
  if (run.status === "caught") acc.caught++;
  const attempts = run.attempts ?? [];
  if (attempts.length > 1) acc.retries += attempts.length - 1;
  if (run.exitedAt !== undefined && Number.isFinite(run.exitedAt) && Number.isFinite(run.enteredAt)) {
    acc.durations.push(Math.max(0, run.exitedAt - run.enteredAt));
  }
  let attemptErrors = 0;
  for (const attempt of attempts) {
    if (attempt.status !== "failed" && attempt.status !== "timed_out") continue;
    count(acc.errors, attempt.error ?? (attempt.status === "timed_out" ? "States.Timeout" : "(no error name)"));
    attemptErrors++;
  }
  // States without attempts (Pass, Choice, Map, Parallel, Fail) carry their error on the run only.
  if (attemptErrors === 0 && run.error && (run.status === "failed" || run.status === "timed_out" || run.status === "caught")) {
    count(acc.errors, run.error);
  }
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
