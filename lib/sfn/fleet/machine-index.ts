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
import type { SfnContext } from "../context";
import { SfnError } from "../errors";
import { describeExecution, fetchExecutionPage } from "../executions";
import type { FleetLimits } from "./limits";

/**
 * A stretch not read yet: executions started in [stopBelow, reachedStart). Reading resumes at
 * `nextToken` and goes on down to `stopBelow`.
 */
interface FillTask {
  nextToken: string;
  stopBelow: number;
  reachedStart: number;
}

interface WalkResult {
  /** Where to resume when the page budget ran out before `stopBelow`. */
  nextToken?: string;
  /** Start of the oldest execution read. */
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

  constructor(arn: string) {
    this.arn = arn;
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
      gaps: this.tasks.length > 0,
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

  /** One bounded refresh. Failures are kept in `status().error`, never thrown: old data stays usable. */
  async refresh(ctx: SfnContext, limits: FleetLimits): Promise<void> {
    const now = ctx.now();
    const cost: RefreshCost = { listPages: 0, runningPages: 0, describes: 0 };
    const horizon = now - limits.horizonMs;
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
    }
  }

  private async readNewest(ctx: SfnContext, limits: FleetLimits, horizon: number, cost: RefreshCost): Promise<void> {
    const stopBelow = Math.max(this.newestStart, horizon);
    // The first read aims at the horizon; what it cannot reach becomes a fill task.
    if (this.newestStart === -Infinity) this.coveredFrom = Math.min(this.coveredFrom, horizon);
    const walked = await this.walk(ctx, limits, undefined, stopBelow, horizon, cost);
    if (walked.nextToken !== undefined) this.tasks.unshift({ nextToken: walked.nextToken, stopBelow, reachedStart: walked.reachedStart });
  }

  private async backfill(ctx: SfnContext, limits: FleetLimits, horizon: number, cost: RefreshCost): Promise<void> {
    while (this.tasks.length > 0 && cost.listPages < limits.maxListPagesPerRefresh) {
      const task = this.tasks[0];
      let walked: WalkResult;
      try {
        walked = await this.walk(ctx, limits, task.nextToken, task.stopBelow, horizon, cost);
      } catch (error) {
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
    startToken: string | undefined,
    stopBelow: number,
    horizon: number,
    cost: RefreshCost,
  ): Promise<WalkResult> {
    let token = startToken;
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
      if (!page.nextToken) {
        // The end of the list: nothing older exists.
        if (stopBelow <= horizon) {
          this.coveredFrom = Math.min(this.coveredFrom, 0);
          this.listEndReached = true;
        }
        return { reachedStart };
      }
      token = page.nextToken;
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
      if (known) this.put({ ...known, status: d.status, stoppedAt: d.stoppedAt, redriveCount: d.redriveCount ?? known.redriveCount });
    }
  }

  private put(execution: ExecutionSummary): void {
    this.byArn.set(execution.arn, execution);
    if (execution.startedAt > this.newestStart) this.newestStart = execution.startedAt;
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
