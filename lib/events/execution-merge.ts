/**
 * The one rule by which anything learnt of an execution joins what is already known of it:
 * a listing page, DescribeExecution, a status-change event, a failed history read. The store's
 * upsert, the events consumer and the in-memory index all merge through this function, so they
 * cannot disagree about which observation wins. Pure.
 *
 * Observations arrive late, twice and out of order (ListExecutions is eventually consistent,
 * EventBridge is best effort), so the rule is a ranking, not "last write wins":
 * - a try is ranked by its redrive count, and within a try the end outranks RUNNING;
 * - a lower rank is stale and changes nothing;
 * - a higher rank replaces everything that belongs to a try (status, stop, error, cause,
 *   redrive status): a redriven execution that is running again, or succeeded, does not keep the
 *   error of the try it redrove; its tries stay readable in its history;
 * - an equal rank with the same status is the same fact seen again: it fills what the known row
 *   lacks (a listing has no error; DescribeExecution or the failed history brings it); with
 *   another status it changes nothing.
 * An observation that does not say its redrive count is taken to be about the known try.
 */
import type { ExecutionStatusName } from "@/lib/contract/api";

export interface ExecutionFacts {
  status: ExecutionStatusName;
  startedAt: number;
  stoppedAt?: number;
  error?: string;
  cause?: string;
  redriveCount?: number;
  redriveStatus?: string;
  mapRunArn?: string;
}

/** What belongs to one try: replaced as a whole by a higher rank, filled in by an equal one. */
const TRY_FIELDS = ["stoppedAt", "error", "cause", "redriveStatus"] as const;

/** [try, phase]: later redrives first, then a try's end over its start. */
export function executionRank(status: ExecutionStatusName, redriveCount: number): [number, number] {
  return [redriveCount, status === "RUNNING" ? 0 : 1];
}

function compareRanks(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * The row after `incoming`, or undefined when `known` already says as much or more (nothing to
 * write). Idempotent, and over one execution's observations the result does not depend on
 * their order as long as no two of equal rank disagree.
 */
export function mergeExecution<T extends ExecutionFacts>(known: T | undefined, incoming: T): T | undefined {
  if (!known) return incoming;
  const knownTry = known.redriveCount ?? 0;
  const incomingTry = incoming.redriveCount ?? knownTry;
  const order = compareRanks(executionRank(incoming.status, incomingTry), executionRank(known.status, knownTry));
  if (order < 0) return undefined;
  if (order > 0) {
    // Identity from what is known (an event may lack the map run), the try wholly from the newcomer.
    const merged: T = { ...known, ...defined(incoming), status: incoming.status, redriveCount: incomingTry };
    for (const field of TRY_FIELDS) if (incoming[field] === undefined) delete merged[field];
    if (known.redriveCount === undefined && incoming.redriveCount === undefined) delete merged.redriveCount;
    return merged;
  }
  // Two ends of one try cannot both hold: the other one is about a try this row no longer shows.
  if (incoming.status !== known.status) return undefined;
  const merged: T = { ...known };
  let changed = false;
  for (const [key, value] of Object.entries(incoming) as [keyof T, T[keyof T]][]) {
    if (value === undefined || merged[key] === value) continue;
    merged[key] = value;
    changed = true;
  }
  return changed ? merged : undefined;
}

function defined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
