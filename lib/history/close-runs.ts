/**
 * Ending runs. A run ends by exiting (succeeded, or caught when it exits after a failure), by an
 * abort event, or because what encloses it ended (its iteration, its Map or Parallel, the
 * execution). Only then is a failed attempt final: until the run ends a retry may follow.
 */
import type { RunStatus } from "./model";
import { type FoldState, type RunMeta, type Scope, addOpen, openRuns, removeOpen, writableAttempt, writableGroup, writableRun } from "./fold-state";

export const EXECUTION_TIMEOUT_ERROR = "States.Timeout";
/** What an ExecutionTimedOut without a cause of its own means, said of the execution. */
export const EXECUTION_TIMED_OUT_CAUSE = "The execution ran longer than its TimeoutSeconds allows, and Step Functions stopped it.";
export const EXECUTION_TIMEOUT_CAUSE = "The execution ran longer than its TimeoutSeconds allows and Step Functions stopped it while this state was running.";

export type CloseReason = "exited" | "aborted" | "failState" | "enclosingEnded" | "executionTimedOut";

export function closeRun(st: FoldState, meta: RunMeta, reason: CloseReason, ts: number): void {
  if (meta.closed) return;
  meta.closed = true;
  removeOpen(st, meta);
  meta.scope.openCount--;
  closeChildren(st, meta, reason === "exited" ? "enclosingEnded" : reason, ts);

  const r = writableRun(st, meta);
  const last = r.attempts.length - 1;
  if (last >= 0 && r.attempts[last].status === "running") {
    const a = writableAttempt(st, meta, last);
    a.status = reason === "executionTimedOut" ? "timed_out" : "aborted";
    a.endedAt = ts;
    if (reason === "executionTimedOut") {
      a.error = st.exec.error ?? EXECUTION_TIMEOUT_ERROR;
      a.cause = st.exec.cause ?? EXECUTION_TIMEOUT_CAUSE;
    }
  }
  const status = closingStatus(meta, reason);
  r.status = status;
  if (reason === "executionTimedOut") {
    // The execution's own TimeoutSeconds ended this run: that is its error, not whatever a
    // retried attempt failed with before (a heartbeat time-out that was being retried, say).
    r.error = st.exec.error ?? EXECUTION_TIMEOUT_ERROR;
    r.cause = st.exec.cause ?? EXECUTION_TIMEOUT_CAUSE;
  }
  r.exitedAt = reason === "failState" ? r.enteredAt : ts;
  if (meta.scope.kind === "branch" && meta.scope.openCount === 0 && endsItsBranch(st, meta, reason)) settleBranch(st, meta.scope, ts);
  if (status === "failed" || status === "timed_out") {
    st.lastFailed = meta;
    const parent = meta.scope.parent;
    if (parent && !parent.firstFailedChild) parent.firstFailedChild = meta;
  }
}

/**
 * A redrive that continues a run rather than entering its state again (a distributed Map whose
 * map run is redriven, MapRunRedriven): the run is running again until it ends once more.
 */
export function reopenRun(st: FoldState, meta: RunMeta): void {
  if (!meta.closed) return;
  meta.closed = false;
  addOpen(st, meta);
  meta.scope.openCount++;
  meta.failure = undefined;
  meta.failedBy = undefined;
  const r = writableRun(st, meta);
  r.status = "running";
  r.exitedAt = undefined;
  r.error = undefined;
  r.cause = undefined;
}

function closingStatus(meta: RunMeta, reason: CloseReason): RunStatus {
  if (reason === "exited") return meta.failure ? "caught" : "succeeded";
  if (reason === "failState") return "failed";
  if (reason === "executionTimedOut") return "timed_out";
  if (meta.failure) return meta.failure;
  return "aborted";
}

function endsItsBranch(st: FoldState, meta: RunMeta, reason: CloseReason): boolean {
  if (reason === "failState") return true;
  return reason === "exited" && meta.run.status === "succeeded" && st.options.endsScope?.has(meta.run.name) === true;
}

/** A branch whose last state has ended: finished now, while its siblings may still run. */
function settleBranch(st: FoldState, scope: Scope, ts: number): void {
  const group = scope.parent?.run.branches?.[scope.position];
  if (!group || group.status !== "running") return;
  const g = writableGroup(st, scope);
  if (!g) return;
  g.status = statusFromRuns(scope);
  g.endedAt = lastExit(scope) ?? ts;
}

/** Ends every open run inside a Map or Parallel run, and settles its branches' and iterations' status. */
export function closeChildren(st: FoldState, meta: RunMeta, reason: CloseReason, ts: number): void {
  if (meta.branches) for (const scope of meta.branches) closeScope(st, scope, reason, ts);
  if (meta.iterations) for (const scope of meta.iterations.values()) closeScope(st, scope, reason, ts);
}

export function closeScope(st: FoldState, scope: Scope, reason: CloseReason, ts: number): void {
  if (scope.openCount > 0) for (const m of scope.runs) if (!m.closed) closeRun(st, m, reason, ts);
  const group = scope.parent?.run[scope.kind === "branch" ? "branches" : "iterations"]?.[scope.position];
  if (group && group.status === "running") {
    const g = writableGroup(st, scope);
    if (!g) return;
    g.status = statusFromRuns(scope);
    const end = lastExit(scope);
    g.endedAt = end ?? ts;
  }
}

/** A branch has no events of its own: it failed if a run in it failed for good. */
function statusFromRuns(scope: Scope): RunStatus {
  let status: RunStatus = "succeeded";
  for (const m of scope.runs) {
    const s = m.run.status;
    if (s === "failed") return "failed";
    if (s === "timed_out") status = "timed_out";
    else if (s === "aborted" && status === "succeeded") status = "aborted";
  }
  return status;
}

function lastExit(scope: Scope): number | undefined {
  let end: number | undefined;
  for (const m of scope.runs) {
    const t = m.run.exitedAt;
    if (t !== undefined && (end === undefined || t > end)) end = t;
  }
  return end;
}

/** Ends every run still open: the execution stopped. */
export function closeAll(st: FoldState, reason: CloseReason, ts: number): void {
  if (!st.firstOpen) return;
  for (const m of openRuns(st)) {
    // Outermost first, so that each closes what it encloses with the same reason.
    if (!m.closed) closeRun(st, outermostOpen(m), reason, ts);
  }
  for (const m of openRuns(st)) closeRun(st, m, reason, ts);
}

function outermostOpen(m: RunMeta): RunMeta {
  let top = m;
  for (let p = m.scope.parent; p; p = p.scope.parent) if (!p.closed) top = p;
  return top;
}
