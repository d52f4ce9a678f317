import { isResolved } from "./buckets";
import { effectiveStart } from "./clock-skew";
import { normaliseCause } from "./normalise-cause";
import { bucketIndexOf, resolveWindow, type ResolvedWindow, type WindowSpec } from "./windows";

/** One failed execution, reduced to what grouping needs (see `failure-records.ts` to make one). */
export interface FailureRecord {
  executionArn: string;
  executionName?: string;
  /** When it failed (stop time, else start time), epoch ms. */
  at: number;
  /** The state that failed; undefined when only the execution-level error is known. */
  state?: string;
  error?: string;
  cause?: string;
}

export interface ErrorGroupExample {
  executionArn: string;
  executionName?: string;
  at: number;
}

/**
 * How the group's failures move over the window: the last quarter of its buckets against the
 * rest. "new" had none before the last quarter, "stopped" none in it; rising/falling is a rate
 * at least 1.5× higher/lower.
 */
export type ErrorTrend = "new" | "rising" | "steady" | "falling" | "stopped";

export interface ErrorGroupState {
  name: string;
  count: number;
}

export interface ErrorGroup {
  /** Stable identity of the group: error and normalised cause. */
  key: string;
  /** The state most of the group's failures failed in (undefined when none is known). */
  state?: string;
  /** Every failing state of the group, most failures first. */
  states: ErrorGroupState[];
  error: string;
  /** The cause with its variable parts replaced by placeholders (what the group shares). */
  normalisedCause: string;
  /** The newest raw cause in the group, to show one real instance. */
  sampleCause?: string;
  count: number;
  /** count / all grouped failures of the window, 0–1. */
  share: number;
  trend: ErrorTrend;
  firstSeen: number;
  lastSeen: number;
  /** Failures per bucket of the window, oldest first. */
  sparkline: number[];
  /** Up to three executions, newest first. */
  examples: ErrorGroupExample[];
}

const MAX_EXAMPLES = 3;
export const NO_ERROR_NAME = "(no error name)";

/**
 * Groups failures in the window by (error, normalised cause), so one failure happening over and
 * over is one group whatever ids, numbers or inputs its cause carries; each group says in which
 * states its failures happened. Biggest group first, then the most recent. Failures outside
 * the window are left out; a failure time in the future (clock skew) counts as now. One pass
 * plus a sort of the groups: O(n + g log g).
 */
export function groupErrors(failures: readonly FailureRecord[], window: WindowSpec | ResolvedWindow, now: number): ErrorGroup[] {
  const resolved = isResolved(window) ? window : resolveWindow(window, now);
  const groups = new Map<string, ErrorGroup>();
  const statesOf = new Map<ErrorGroup, Map<string, number>>();
  let total = 0;
  // Many failures share a cause verbatim; normalise each distinct text once.
  const normalised = new Map<string, string>();
  for (const failure of failures) {
    if (!Number.isFinite(failure.at)) continue;
    const at = effectiveStart(failure.at, now);
    const bucket = bucketIndexOf(resolved, at);
    if (bucket < 0) continue;
    const rawCause = failure.cause ?? "";
    let cause = normalised.get(rawCause);
    if (cause === undefined) {
      cause = normaliseCause(rawCause);
      normalised.set(rawCause, cause);
    }
    const error = failure.error || NO_ERROR_NAME;
    const key = `${error}\u0000${cause}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        states: [],
        error,
        normalisedCause: cause,
        count: 0,
        share: 0,
        trend: "steady",
        firstSeen: at,
        lastSeen: at,
        sparkline: new Array<number>(resolved.bucketCount).fill(0),
        examples: [],
      };
      groups.set(key, group);
      statesOf.set(group, new Map());
    }
    total++;
    group.count++;
    if (failure.state !== undefined) {
      const states = statesOf.get(group)!;
      states.set(failure.state, (states.get(failure.state) ?? 0) + 1);
    }
    group.sparkline[bucket]++;
    if (at < group.firstSeen) group.firstSeen = at;
    if (at >= group.lastSeen) {
      group.lastSeen = at;
      group.sampleCause = failure.cause;
    }
    if (group.sampleCause === undefined && failure.cause !== undefined) group.sampleCause = failure.cause;
    keepNewest(group.examples, { executionArn: failure.executionArn, executionName: failure.executionName, at });
  }
  for (const group of groups.values()) {
    group.share = group.count / total;
    group.trend = trendOf(group.sparkline);
    group.states = [...statesOf.get(group)!].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    group.state = group.states[0]?.name;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || a.key.localeCompare(b.key));
}

export function trendOf(perBucket: readonly number[]): ErrorTrend {
  const recentBuckets = Math.max(1, Math.floor(perBucket.length / 4));
  const split = perBucket.length - recentBuckets;
  let earlier = 0;
  let recent = 0;
  for (let k = 0; k < perBucket.length; k++) {
    if (k < split) earlier += perBucket[k];
    else recent += perBucket[k];
  }
  if (earlier === 0) return recent === 0 ? "steady" : "new";
  if (recent === 0) return "stopped";
  const ratio = recent / recentBuckets / (earlier / Math.max(1, split));
  return ratio >= 1.5 ? "rising" : ratio <= 1 / 1.5 ? "falling" : "steady";
}

/** Insert into a newest-first list of at most three, without sorting the whole group. */
function keepNewest(examples: ErrorGroupExample[], candidate: ErrorGroupExample): void {
  if (examples.length === MAX_EXAMPLES && candidate.at <= examples[MAX_EXAMPLES - 1].at) return;
  let i = examples.length;
  while (i > 0 && examples[i - 1].at < candidate.at) i--;
  examples.splice(i, 0, candidate);
  if (examples.length > MAX_EXAMPLES) examples.pop();
}
