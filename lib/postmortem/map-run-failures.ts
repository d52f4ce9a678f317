import type { ExecutionSummary, MapRunChildFailure } from "@/lib/contract/api";
import type { ExecutionModel } from "@/lib/history/model";
import { normaliseCause } from "@/lib/metrics/normalise-cause";
import { runByPath } from "./select-run";

const FAILED_STATUSES = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/** The failed, timed-out and aborted children listed, with what their history says when it was read. */
export function childFailures(children: readonly ExecutionSummary[], models: ReadonlyMap<string, ExecutionModel>): MapRunChildFailure[] {
  const out: MapRunChildFailure[] = [];
  for (const child of children) {
    if (!FAILED_STATUSES.has(child.status)) continue;
    const model = models.get(child.arn);
    const failure: MapRunChildFailure = {
      arn: child.arn,
      name: child.name,
      status: child.status,
      startedAt: child.startedAt,
      stoppedAt: child.stoppedAt,
      redriveCount: child.redriveCount,
      read: model !== undefined,
    };
    if (model) {
      failure.error = model.error;
      failure.cause = model.cause;
      failure.failedState = runByPath(model, model.failedRunPath)?.name;
    }
    out.push(failure);
  }
  return out;
}

export interface ChildFailureGroup {
  /** The error name, or the status for children without one (an aborted child has none). */
  error: string;
  /** One representative cause as written (the first child's). */
  cause?: string;
  /** The states the children failed in, most frequent first. */
  states: string[];
  children: MapRunChildFailure[];
}

/**
 * Failed children grouped by error and cause. Causes differ in ids, numbers and request ids from
 * one child to the next, so they are compared after the same normalising as the fleet's error
 * groups. Children whose history was not read are one group of their own ("not read"), since
 * their error is unknown; they are never guessed into a group. Largest group first.
 */
export function groupChildFailures(failures: readonly MapRunChildFailure[]): { groups: ChildFailureGroup[]; unread: MapRunChildFailure[] } {
  const byKey = new Map<string, ChildFailureGroup>();
  const unread: MapRunChildFailure[] = [];
  for (const failure of failures) {
    if (!failure.read) {
      unread.push(failure);
      continue;
    }
    const error = failure.error ?? statusWord(failure.status);
    const key = `${error}\u0000${normaliseCause(failure.cause)}`;
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { error, cause: failure.cause, states: [], children: [] }));
    group.children.push(failure);
  }
  const groups = [...byKey.values()];
  for (const group of groups) group.states = byFrequency(group.children.map((c) => c.failedState).filter((s): s is string => !!s));
  groups.sort((a, b) => b.children.length - a.children.length);
  return { groups, unread };
}

function statusWord(status: string): string {
  return status === "TIMED_OUT" ? "(timed out, no error)" : status === "ABORTED" ? "(aborted, no error)" : "(no error name)";
}

function byFrequency(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}
