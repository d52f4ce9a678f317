import type { ExecutionSummary } from "@/lib/contract/api";
import type { MapRunTry } from "@/lib/history/model";

/**
 * What each try of a redriven map run did with its child executions, as far as AWS tells it.
 * DescribeMapRun only counts the latest state of each child, but ListExecutions gives each child
 * its start and its last redrive: a child ran in the try in which it started, and again in the
 * try in which it was last redriven. In the try it ran last it ended as it is now; in an earlier
 * one it did not succeed (or it would not have been redriven).
 */
export interface MapRunTryCounts {
  /** Children that ran in this try (started in it, or redriven in it). */
  ran: number;
  /** Of those, redriven in this try rather than started. */
  redriven: number;
  succeeded: number;
  /** Failed or timed out. */
  failed: number;
  aborted: number;
  running: number;
  /** Ran in this try, did not succeed, and were redriven in a later one. */
  rerunLater: number;
}

export function mapRunTryCounts(tries: readonly MapRunTry[], children: readonly Pick<ExecutionSummary, "status" | "startedAt" | "redriveCount" | "redrivenAt">[]): MapRunTryCounts[] {
  const out = tries.map((): MapRunTryCounts => ({ ran: 0, redriven: 0, succeeded: 0, failed: 0, aborted: 0, running: 0, rerunLater: 0 }));
  if (tries.length === 0) return out;
  const tryAt = (t: number) => {
    let i = 0;
    while (i + 1 < tries.length && tries[i + 1].startedAt <= t) i++;
    return i;
  };
  for (const child of children) {
    const first = tryAt(child.startedAt);
    const last = child.redriveCount && child.redrivenAt !== undefined ? Math.max(first, tryAt(child.redrivenAt)) : first;
    out[first].ran++;
    if (last !== first) {
      out[first].rerunLater++;
      out[last].ran++;
      out[last].redriven++;
    }
    const c = out[last];
    if (child.status === "SUCCEEDED") c.succeeded++;
    else if (child.status === "RUNNING") c.running++;
    else if (child.status === "ABORTED") c.aborted++;
    else c.failed++;
  }
  return out;
}

/** "8 children run (3 redriven): 5 succeeded, 1 failed, 3 redriven later"; only the counts that are not 0. */
export function describeTryCounts(c: MapRunTryCounts): string {
  const head = `${c.ran} ${c.ran === 1 ? "child" : "children"} run${c.redriven ? ` (${c.redriven} redriven)` : ""}`;
  const parts = [
    c.succeeded && `${c.succeeded} succeeded`,
    c.failed && `${c.failed} failed`,
    c.aborted && `${c.aborted} aborted`,
    c.running && `${c.running} running`,
    c.rerunLater && `${c.rerunLater} redriven later`,
  ].filter(Boolean);
  return parts.length ? `${head}: ${parts.join(", ")}` : head;
}
