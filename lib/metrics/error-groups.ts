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

export interface ErrorGroup {
  /** Stable identity of the group: state, error and normalised cause. */
  key: string;
  state?: string;
  error: string;
  /** The cause with its variable parts replaced by placeholders (what the group shares). */
  normalisedCause: string;
  /** The newest raw cause in the group, to show one real instance. */
  sampleCause?: string;
  count: number;
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
 * Groups failures in the window by (state, error, normalised cause); biggest group first, then
 * the most recent. Failures outside the window are left out; a failure time in the future
 * (clock skew) counts as now. One pass plus a sort of the groups: O(n + g log g).
 */
export function groupErrors(failures: readonly FailureRecord[], window: WindowSpec | ResolvedWindow, now: number): ErrorGroup[] {
  const resolved = isResolved(window) ? window : resolveWindow(window, now);
  const groups = new Map<string, ErrorGroup>();
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
    const key = `${failure.state ?? ""}\u0000${error}\u0000${cause}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        state: failure.state,
        error,
        normalisedCause: cause,
        count: 0,
        firstSeen: at,
        lastSeen: at,
        sparkline: new Array<number>(resolved.bucketCount).fill(0),
        examples: [],
      };
      groups.set(key, group);
    }
    group.count++;
    group.sparkline[bucket]++;
    if (at < group.firstSeen) group.firstSeen = at;
    if (at >= group.lastSeen) {
      group.lastSeen = at;
      group.sampleCause = failure.cause;
    }
    if (group.sampleCause === undefined && failure.cause !== undefined) group.sampleCause = failure.cause;
    keepNewest(group.examples, { executionArn: failure.executionArn, executionName: failure.executionName, at });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || a.key.localeCompare(b.key));
}

/** Insert into a newest-first list of at most three, without sorting the whole group. */
function keepNewest(examples: ErrorGroupExample[], candidate: ErrorGroupExample): void {
  if (examples.length === MAX_EXAMPLES && candidate.at <= examples[MAX_EXAMPLES - 1].at) return;
  let i = examples.length;
  while (i > 0 && examples[i - 1].at < candidate.at) i--;
  examples.splice(i, 0, candidate);
  if (examples.length > MAX_EXAMPLES) examples.pop();
}
