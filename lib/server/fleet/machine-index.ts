/**
 * One state machine's executions, listed incrementally and kept in memory.
 *
 * ListExecutions has no date filter and answers newest first. So each refresh reads from the top
 * only down to the newest execution already known; older ones are back-filled a few pages per
 * refresh, from a saved `nextToken`, until the horizon (7 days) is reached. When the top has
 * more new pages than one refresh may read, the rest of that gap becomes one more fill task:
 * the index never silently skips a stretch, it says "partial" until the stretch is filled.
 * RUNNING executions are refreshed from ListExecutions(statusFilter=RUNNING), and the ones that
 * left that list are described one by one (capped).
 */
import type { ExecutionSummary } from "@/lib/contract/api";
import { mergeExecution } from "@/lib/events";
import type { SfnContext } from "@/lib/sfn/context";
import { SfnError } from "@/lib/sfn/errors";
import { describeExecution, fetchExecutionPage } from "@/lib/sfn/executions";
import type { FleetLimits } from "./limits";
import type { FillTask, IndexPersistence, MachineCheckpoint } from "./persistence";

interface WalkResult {
  /** Where to resume when the page budget ran out before `stopBelow`. */
  nextToken?: string;
  /** Start of the oldest execution read. */
  reachedStart: number;
}

/** How far a walk got, kept up to date page by page so a walk cut off by a throttle still says where to resume. */
interface WalkProgress {
  /** The token of the next page to read (undefined: the top of the list). */
  token?: string;
  reachedStart: number;
}

export interface RefreshCost {
  listPages: number;
  runningPages: number;
  describes: number;
}

export interface MachineIndexStatus {
  /** Executions kept. */
  executions: number;
  /** Every execution started at or after this is in the index (unless `gaps`); Infinity before the first refresh. */
  coveredFrom: number;
  /** True while stretches of the list remain to be read (more than one refresh could). */
  gaps: boolean;
  /** True when the count cap dropped the oldest executions. */
  capped: boolean;
  /** Every execution started at or after this is in the index; Infinity while the newest stretch is unread. */
  completeFrom: number;
  /** True when ListExecutions was read to its end: the source holds nothing older than the oldest execution kept. */
  listEndReached: boolean;
  /** Start of the oldest execution kept. */
  oldestStart?: number;
  refreshedAt?: number;
  lastCost?: RefreshCost;
  /** The last refresh's failure; the executions from before it are still served. */
  error?: string;
}

export class MachineIndex {
  readonly arn: string;
  private readonly byArn = new Map<string, ExecutionSummary>();
  private sorted: ExecutionSummary[] | undefined;
  private newestStart = -Infinity;
  private tasks: FillTask[] = [];
  private coveredFrom = Infinity;
  private capped = false;
  private listEndReached = false;
  private refreshedAt?: number;
  private lastCost?: RefreshCost;
  private error?: string;
  /** Executions changed since the last save (persistence only). */
  private readonly unsaved = new Map<string, ExecutionSummary>();
  private loaded?: Promise<void>;
  /** Newest `updated_at` seen from the store, for a process that reads what the poller wrote. */
  private followedAt = 0;
  private following = false;

  constructor(arn: string, private readonly persistence?: IndexPersistence) {
    this.arn = arn;
  }

  /** Loads what a previous run stored, once; the first refresh then lists only what is newer. */
  ready(horizon: number): Promise<void> {
    if (!this.persistence) return Promise.resolve();
    this.loaded ??= this.persistence.load(this.arn, horizon).then(
      (stored) => {
        // Read first, so the first follow asks only for what changed after the load.
        if (stored.updatedUpTo !== undefined) this.followedAt = Math.max(this.followedAt, stored.updatedUpTo);
        this.restore(stored.executions, stored.checkpoint);
      },
      (error) => {
        this.loaded = undefined;
        this.error = `The store could not be read: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
    return this.loaded;
  }

  /**
   * Whether any stretch has been listed (now, or before a restart by its checkpoint). Rows that
   * came only through events say nothing of what a window holds: until the first listing the
   * machine is loading, not partial "since —" with zeros that look like a quiet machine.
   */
  hasData(): boolean {
    return this.refreshedAt !== undefined || this.coveredFrom !== Infinity;
  }

  private restore(executions: readonly ExecutionSummary[], checkpoint: MachineCheckpoint | undefined): void {
    // Stored rows need not have been listed (the events consumer writes them too): where the
    // listing stands comes from the checkpoint alone, so a machine first seen through its events
    // is still listed down to the horizon, and an event's row never hides a stretch not listed.
    for (const e of executions) this.put(e, false, false);
    if (!checkpoint) return;
    this.newestStart = Math.max(this.newestStart, checkpoint.newestStart);
    this.coveredFrom = checkpoint.coveredFrom;
    this.tasks = checkpoint.tasks.map((t) => ({ ...t }));
    this.refreshedAt ??= checkpoint.refreshedAt;
    this.error = checkpoint.error;
  }

  private checkpoint(): MachineCheckpoint {
    return { newestStart: this.newestStart, coveredFrom: this.coveredFrom, tasks: this.tasks.map((t) => ({ ...t })), refreshedAt: this.refreshedAt, error: this.error };
  }

  /** Newest first. The array is shared: do not modify it. */
  executions(): readonly ExecutionSummary[] {
    this.sorted ??= [...this.byArn.values()].sort((a, b) => b.startedAt - a.startedAt || (a.arn < b.arn ? -1 : 1));
    return this.sorted;
  }

  status(): MachineIndexStatus {
    return {
      executions: this.byArn.size,
      coveredFrom: this.coveredFrom,
      gaps: this.hasGaps(),
      capped: this.capped,
      completeFrom: this.completeFrom(),
      listEndReached: this.listEndReached,
      oldestStart: this.byArn.size ? this.oldestStart() : undefined,
      refreshedAt: this.refreshedAt,
      lastCost: this.lastCost,
      error: this.error,
    };
  }

  /** Whether every execution started at or after `from` is in the index. */
  isComplete(from: number): boolean {
    return from >= this.completeFrom();
  }

  /**
   * The earliest start from which on the index holds every execution: below a stretch still to
   * be read, nothing can be vouched for.
   */
  completeFrom(): number {
    let from = this.coveredFrom;
    for (const task of this.tasks) from = Math.max(from, task.reachedStart);
    return from;
  }

  /** Executions started in [from, to] (both inclusive), newest first. A slice of the shared array: do not modify it. */
  executionsBetween(from: number, to: number): readonly ExecutionSummary[] {
    const all = this.executions();
    return all.slice(firstAtOrBefore(all, to), firstBefore(all, from));
  }

  isDue(now: number, intervalMs: number): boolean {
    return this.refreshedAt === undefined || now - this.refreshedAt >= intervalMs;
  }

  /** Whether stretches of the list remain to be read (cheap: `status()` sorts). */
  hasGaps(): boolean {
    return this.tasks.length > 0;
  }

  /** One bounded refresh. Failures are kept in `status().error`, never thrown: old data stays usable. */
  async refresh(ctx: SfnContext, limits: FleetLimits): Promise<void> {
    const now = ctx.now();
    const cost: RefreshCost = { listPages: 0, runningPages: 0, describes: 0 };
    const horizon = now - limits.horizonMs;
    await this.ready(horizon);
    if (this.persistence && !this.persistence.mayPoll()) {
      this.following = true;
      return this.follow(now, horizon);
    }
    // Just took over from another poller: start from what it committed last, not from our last look.
    if (this.following) {
      this.following = false;
      await this.follow(now, horizon);
    }
    try {
      const runningBefore = this.runningArns();
      await this.readNewest(ctx, limits, horizon, cost);
      await this.backfill(ctx, limits, horizon, cost);
      await this.refreshRunning(ctx, limits, runningBefore, cost);
      this.prune(horizon, limits.maxExecutionsPerMachine);
      this.error = undefined;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.refreshedAt = now;
      this.lastCost = cost;
      await this.save();
    }
  }

  private async save(): Promise<void> {
    if (!this.persistence) return;
    const changed = [...this.unsaved.values()];
    try {
      await this.persistence.save(this.arn, changed, this.checkpoint());
      for (const e of changed) if (this.unsaved.get(e.arn) === e) this.unsaved.delete(e.arn);
    } catch (error) {
      // Kept in memory and written with the next refresh's save.
      this.error = `The store could not be written: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Another process polls: take what it stored since we last looked. */
  private async follow(now: number, horizon: number): Promise<void> {
    try {
      // A few seconds of overlap: writers' clocks and commits are not perfectly ordered. Re-reading is harmless.
      const stored = await this.persistence!.changedSince(this.arn, this.followedAt - 10_000);
      if (stored.updatedUpTo !== undefined) this.followedAt = Math.max(this.followedAt, stored.updatedUpTo);
      this.restore(stored.executions, undefined);
      if (stored.checkpoint) {
        this.newestStart = Math.max(this.newestStart, stored.checkpoint.newestStart);
        this.coveredFrom = stored.checkpoint.coveredFrom;
        this.tasks = stored.checkpoint.tasks.map((t) => ({ ...t }));
        this.error = stored.checkpoint.error;
        this.refreshedAt = stored.checkpoint.refreshedAt ?? now;
      } else this.refreshedAt = now;
      this.prune(horizon, Infinity);
    } catch (error) {
      this.error = `The store could not be read: ${error instanceof Error ? error.message : String(error)}`;
      this.refreshedAt = now;
    }
  }

  private async readNewest(ctx: SfnContext, limits: FleetLimits, horizon: number, cost: RefreshCost): Promise<void> {
    const first = this.newestStart === -Infinity;
    const stopBelow = Math.max(this.newestStart, horizon);
    const progress: WalkProgress = { reachedStart: Infinity };
    let walked: WalkResult;
    try {
      walked = await this.walk(ctx, limits, progress, stopBelow, horizon, cost);
    } catch (error) {
      // Cut off (throttled, timed out) after some pages: the stretch below the last page read is
      // a gap, not "nothing there". Without this, the newest start moved up and the next walk
      // stopped above the gap, which was then never read and the window called complete.
      if (progress.token !== undefined) {
        this.tasks.unshift({ nextToken: progress.token, stopBelow, reachedStart: progress.reachedStart });
        if (first) this.coveredFrom = Math.min(this.coveredFrom, horizon);
      }
      throw error;
    }
    // The first read aims at the horizon; what it could not reach is a fill task.
    if (first) this.coveredFrom = Math.min(this.coveredFrom, horizon);
    if (walked.nextToken !== undefined) this.tasks.unshift({ nextToken: walked.nextToken, stopBelow, reachedStart: walked.reachedStart });
  }

  private async backfill(ctx: SfnContext, limits: FleetLimits, horizon: number, cost: RefreshCost): Promise<void> {
    while (this.tasks.length > 0 && cost.listPages < limits.maxListPagesPerRefresh) {
      const task = this.tasks[0];
      const progress: WalkProgress = { token: task.nextToken, reachedStart: task.reachedStart };
      let walked: WalkResult;
      try {
        walked = await this.walk(ctx, limits, progress, task.stopBelow, horizon, cost);
      } catch (error) {
        // Keep the pages that were read: resume after them, not before.
        if (progress.token !== undefined && progress.token !== task.nextToken) {
          task.nextToken = progress.token;
          task.reachedStart = Math.min(task.reachedStart, progress.reachedStart);
          throw error;
        }
        // A nextToken expires after 24 h: that stretch cannot be read any more, so nothing
        // below it can be called complete.
        if (error instanceof SfnError && error.code === "BAD_REQUEST") {
          this.tasks.shift();
          this.coveredFrom = Math.max(this.coveredFrom === Infinity ? -Infinity : this.coveredFrom, task.reachedStart);
          continue;
        }
        throw error;
      }
      if (walked.nextToken === undefined) this.tasks.shift();
      else {
        task.nextToken = walked.nextToken;
        task.reachedStart = Math.min(task.reachedStart, walked.reachedStart);
      }
    }
  }

  /** Reads pages and indexes them; returns the token to resume from when the page budget ran out first. */
  private async walk(
    ctx: SfnContext,
    limits: FleetLimits,
    progress: WalkProgress,
    stopBelow: number,
    horizon: number,
    cost: RefreshCost,
  ): Promise<WalkResult> {
    let token = progress.token;
    let reachedStart = Infinity;
    for (;;) {
      if (cost.listPages >= limits.maxListPagesPerRefresh) return { nextToken: token, reachedStart };
      const page = await fetchExecutionPage(ctx, { stateMachineArn: this.arn }, undefined, token, limits.pageSize);
      cost.listPages++;
      for (const execution of page.executions) {
        if (execution.startedAt < horizon) return { reachedStart };
        const known = this.byArn.has(execution.arn);
        if (execution.startedAt < stopBelow || (known && execution.startedAt <= stopBelow)) return { reachedStart };
        this.put(execution);
        reachedStart = Math.min(reachedStart, execution.startedAt);
      }
      progress.reachedStart = Math.min(progress.reachedStart, reachedStart);
      if (!page.nextToken) {
        // The end of the list: nothing older exists.
        if (stopBelow <= horizon) {
          this.coveredFrom = Math.min(this.coveredFrom, 0);
          this.listEndReached = true;
        }
        return { reachedStart };
      }
      token = page.nextToken;
      progress.token = token;
    }
  }

  private async refreshRunning(ctx: SfnContext, limits: FleetLimits, runningBefore: Set<string>, cost: RefreshCost): Promise<void> {
    if (runningBefore.size === 0) return;
    const stillRunning = new Set<string>();
    let token: string | undefined;
    let complete = false;
    while (cost.runningPages < limits.maxRunningPages) {
      const page = await fetchExecutionPage(ctx, { stateMachineArn: this.arn }, "RUNNING", token, limits.pageSize);
      cost.runningPages++;
      for (const execution of page.executions) {
        stillRunning.add(execution.arn);
        if (this.byArn.has(execution.arn)) this.put(execution);
      }
      token = page.nextToken;
      if (!token) {
        complete = true;
        break;
      }
    }
    // Without the whole RUNNING list, absence proves nothing.
    if (!complete) return;
    for (const arn of runningBefore) {
      if (stillRunning.has(arn)) continue;
      if (cost.describes >= limits.maxDescribesPerRefresh) break;
      cost.describes++;
      const d = await describeExecution(ctx, arn);
      const known = this.byArn.get(arn);
      // Not a spread of `known`: a redriven try must not carry the error of the one before it.
      if (known) this.put({ arn, name: known.name, stateMachineArn: known.stateMachineArn, startedAt: known.startedAt, status: d.status, stoppedAt: d.stoppedAt, redriveCount: d.redriveCount, error: d.error, cause: d.cause });
    }
  }

  /**
   * Executions an event brought (already written to the store by the events consumer): shown at
   * once. The listing's position (newestStart) stays where it is, so an execution whose event was
   * lost in between is still listed.
   */
  absorb(executions: readonly ExecutionSummary[]): void {
    for (const e of executions) {
      const merged = mergeExecution(this.byArn.get(e.arn), e);
      if (merged) this.byArn.set(e.arn, merged);
    }
    this.sorted = undefined;
  }

  /** Merged by the same rule as the store's (lib/events): a stale page never undoes a newer status. */
  private put(execution: ExecutionSummary, changed = true, listed = true): void {
    if (listed && execution.startedAt > this.newestStart) this.newestStart = execution.startedAt;
    const merged = mergeExecution(this.byArn.get(execution.arn), execution);
    if (!merged) return;
    this.byArn.set(execution.arn, merged);
    if (changed && this.persistence) this.unsaved.set(execution.arn, merged);
    this.sorted = undefined;
  }

  private runningArns(): Set<string> {
    const out = new Set<string>();
    for (const e of this.byArn.values()) if (e.status === "RUNNING") out.add(e.arn);
    return out;
  }

  private oldestStart(): number {
    const all = this.executions();
    return all.length ? all[all.length - 1].startedAt : Infinity;
  }

  private prune(horizon: number, cap: number): void {
    let changed = false;
    for (const [arn, e] of this.byArn) {
      if (e.startedAt < horizon) {
        this.byArn.delete(arn);
        changed = true;
      }
    }
    if (changed) this.sorted = undefined;
    if (this.byArn.size <= cap) return;
    const all = this.executions();
    for (const e of all.slice(cap)) this.byArn.delete(e.arn);
    this.sorted = undefined;
    this.capped = true;
    // Whatever lay below the cap will not be read: stop back-filling.
    const oldest = this.oldestStart();
    this.tasks = this.tasks.filter((t) => t.stopBelow > oldest);
    this.coveredFrom = oldest;
  }
}

/** Index of the first execution (newest first) started at or before `t`. */
function firstAtOrBefore(newestFirst: readonly ExecutionSummary[], t: number): number {
  let lo = 0;
  let hi = newestFirst.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newestFirst[mid].startedAt > t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first execution (newest first) started before `t`. */
function firstBefore(newestFirst: readonly ExecutionSummary[], t: number): number {
  let lo = 0;
  let hi = newestFirst.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newestFirst[mid].startedAt >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
