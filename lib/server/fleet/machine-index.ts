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
 *
 * What the figures read of the window is held as columns (`WindowColumns`: ~35 bytes an
 * execution); whole execution objects only for RUNNING ones (the RUNNING refresh describes them)
 * and, with no store, for every one (lists are then served from memory, as the store serves them
 * otherwise). Every observation joins by the one merge rule (lib/events), and the columns take
 * its result.
 */
import type { ExecutionSummary } from "@/lib/contract/api";
import { mergeExecution } from "@/lib/events";
import type { SfnContext } from "@/lib/sfn/context";
import { SfnError } from "@/lib/sfn/errors";
import { describeExecution, fetchExecutionPage } from "@/lib/sfn/executions";
import type { FleetLimits } from "./limits";
import type { ColumnSnapshot, FillTask, IndexPersistence, MachineCheckpoint, StoredMachine } from "./persistence";
import { WindowColumns } from "./window-columns";

/** The index keeps what it lists: its pages stay out of the response cache. */
const UNCACHED = { cache: false } as const;

/**
 * How often the poller writes a machine's columns to the store again while they change. A
 * restart reads the last block and the rows written since, so this bounds the rows it reads
 * (those of at most this long, plus the downtime), against rewriting a block (27 bytes an
 * execution) on every refresh.
 */
export const SNAPSHOT_EVERY_MS = 10 * 60_000;
/**
 * Sooner when this many rows (or an eighth of the window, if more) were written since: a first
 * walk of a busy machine writes thousands in minutes. Each rewrite costs the whole window, so
 * the rewrites of a growing window add up to a few times its size, not its square.
 */
const SNAPSHOT_AFTER_ROWS = 256;

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
  /** The window's figures, one entry per execution. */
  readonly columns = new WindowColumns();
  /** Every execution as an object, only without a store (memory mode lists from it). */
  private readonly objects?: Map<string, ExecutionSummary>;
  /** RUNNING executions as objects: the RUNNING refresh describes those that left the list. */
  private readonly running = new Map<string, ExecutionSummary>();
  private sorted: ExecutionSummary[] | undefined;
  /** The horizon the index was last loaded or refreshed for: what it holds starts at or after it. */
  private windowFrom = -Infinity;
  /** Bumped by every change, so callers can skip work over an unchanged machine. */
  private changes = 0;
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
  /** When the stored snapshot of the columns was taken (undefined: none this process knows of). */
  private snapshotAt?: number;
  /** `changes` when that snapshot was taken: an unchanged index is not written again. */
  private snapshotVersion = -1;
  /** Rows written since that snapshot: what a restart would read on top of it. */
  private rowsSinceSnapshot = 0;

  constructor(arn: string, private readonly persistence?: IndexPersistence) {
    this.arn = arn;
    if (!persistence) this.objects = new Map();
  }

  /** Loads what a previous run stored, once; the first refresh then lists only what is newer. */
  ready(horizon: number): Promise<void> {
    this.windowFrom = Math.max(this.windowFrom, horizon);
    if (!this.persistence) return Promise.resolve();
    this.loaded ??= this.persistence.load(this.arn, horizon).then(
      (stored) => {
        // Read first, so the first follow asks only for what changed after the load.
        if (stored.updatedUpTo !== undefined) this.followedAt = Math.max(this.followedAt, stored.updatedUpTo);
        if (stored.snapshot) this.adopt(stored.snapshot, horizon);
        this.restore(stored.executions, stored.checkpoint);
        if (stored.snapshot) {
          this.snapshotAt = stored.snapshot.writtenUpTo;
          // Rows on top of the block: the stored block is behind, write it again at the next save.
          this.snapshotVersion = stored.executions.length ? -1 : this.changes;
          this.rowsSinceSnapshot = stored.executions.length;
          return;
        }
        return this.snapshotAfterRows(stored);
      },
      (error) => {
        this.loaded = undefined;
        this.error = `The store could not be read: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
    return this.loaded;
  }

  /**
   * Takes a stored snapshot as the columns. Whatever an event brought before the load is in the
   * store (the events consumer writes first) and newer than the block, so the rows read on top
   * bring it back; the RUNNING objects kept are put again all the same.
   */
  private adopt(snapshot: ColumnSnapshot, horizon: number): void {
    const runningBefore = [...this.running.values()];
    this.columns.adopt(snapshot.columns);
    const starts = this.columns.startedAt;
    this.columns.removeWhere((slot) => starts[slot] < horizon);
    this.running.clear();
    for (const e of snapshot.running) {
      const slot = e.startedAt >= horizon ? this.columns.slotOf(e.arn) : -1;
      if (slot >= 0 && this.columns.facts(slot).status === "RUNNING") this.running.set(e.arn, e);
    }
    for (const e of runningBefore) this.put(e, false, false);
    this.sorted = undefined;
    this.changes++;
  }

  /** Right after a restart read every row, the poller writes the block the next restart reads instead. */
  private async snapshotAfterRows(stored: StoredMachine): Promise<void> {
    // Nothing stored yet: the first save writes the block.
    if (!this.persistence?.mayPoll() || stored.readAt === undefined || this.columns.length === 0) return;
    const snapshot = this.snapshot(stored.readAt);
    try {
      await this.persistence.saveSnapshot(this.arn, snapshot);
      this.snapshotAt = snapshot.writtenUpTo;
      this.rowsSinceSnapshot = 0;
    } catch {
      // Only slower: the next save tries again and says so if the store cannot be written.
    }
  }

  /** The columns as they stand, reflecting every row written before `takenAt`. */
  private snapshot(takenAt: number): ColumnSnapshot {
    this.snapshotVersion = this.changes;
    return { columns: this.columns.arrays(), running: [...this.running.values()], windowFrom: this.windowFrom, writtenUpTo: takenAt };
  }

  /** `pending`: the rows about to be written with it. */
  private snapshotDue(now: number, pending: number): boolean {
    if (this.snapshotAt === undefined) return true;
    if (this.changes === this.snapshotVersion) return false;
    const behind = this.rowsSinceSnapshot + pending;
    return now - this.snapshotAt >= SNAPSHOT_EVERY_MS || behind >= Math.max(SNAPSHOT_AFTER_ROWS, this.columns.length / 8);
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

  /** Every execution of the window, newest first (start, then ARN). Do not modify the array. */
  executions(): Promise<readonly ExecutionSummary[]> {
    return this.executionsBetween(-Infinity, Number.POSITIVE_INFINITY);
  }

  /** How many changes the index has taken so far (a counter, not a count of executions). */
  get version(): number {
    return this.changes;
  }

  /** Executions with one of these statuses in the window, newest first. */
  async executionsWithStatus(statuses: readonly ExecutionSummary["status"][]): Promise<readonly ExecutionSummary[]> {
    if (this.objects) return this.inMemory().filter((e) => statuses.includes(e.status));
    // The columns know every status of the window: a machine with none of these costs no read.
    if (!this.columns.hasAnyStatus(statuses)) return [];
    return newestFirst(await this.persistence!.executionsWithStatus(this.arn, statuses, this.windowFrom));
  }

  /** Executions of the window whose name starts with `prefix` (case-insensitive), newest first. */
  async executionsByNamePrefix(prefix: string, limit: number): Promise<readonly ExecutionSummary[]> {
    const needle = prefix.toLowerCase();
    if (this.objects) return this.inMemory().filter((e) => e.name.toLowerCase().startsWith(needle)).slice(0, limit);
    return newestFirst(await this.persistence!.executionsByNamePrefix([this.arn], prefix, this.windowFrom, limit));
  }

  private inMemory(): readonly ExecutionSummary[] {
    this.sorted ??= newestFirst([...this.objects!.values()]);
    return this.sorted;
  }

  status(): MachineIndexStatus {
    return {
      executions: this.columns.length,
      coveredFrom: this.coveredFrom,
      gaps: this.hasGaps(),
      capped: this.capped,
      completeFrom: this.completeFrom(),
      listEndReached: this.listEndReached,
      oldestStart: this.columns.length ? this.columns.oldestStart() : undefined,
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

  /**
   * Executions of the window started in [from, to] (both inclusive), newest first: from memory
   * without a store, else read from the store (the index keeps only columns). Do not modify it.
   */
  async executionsBetween(from: number, to: number): Promise<readonly ExecutionSummary[]> {
    if (this.objects) {
      const all = this.inMemory();
      return all.slice(firstAtOrBefore(all, to), firstBefore(all, from));
    }
    const since = Math.max(from, this.windowFrom);
    if (since > to) return [];
    return newestFirst(await this.persistence!.executionsBetween(this.arn, since, to));
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
    this.windowFrom = Math.max(this.windowFrom, horizon);
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
      await this.save(now);
    }
  }

  /** `startedAt`: when the refresh began; every row written before it is in the columns by now. */
  private async save(startedAt: number): Promise<void> {
    if (!this.persistence) return;
    const changed = [...this.unsaved.values()];
    const version = this.snapshotVersion;
    // Taken with `changed`, in the same turn: the block and the rows written with it agree.
    const snapshot = this.snapshotDue(startedAt, changed.length) ? this.snapshot(startedAt) : undefined;
    try {
      await this.persistence.save(this.arn, changed, this.checkpoint(), snapshot);
      for (const e of changed) if (this.unsaved.get(e.arn) === e) this.unsaved.delete(e.arn);
      if (snapshot) {
        this.snapshotAt = snapshot.writtenUpTo;
        this.rowsSinceSnapshot = 0;
      } else this.rowsSinceSnapshot += changed.length;
    } catch (error) {
      this.snapshotVersion = version;
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
      const page = await fetchExecutionPage(ctx, { stateMachineArn: this.arn }, undefined, token, limits.pageSize, UNCACHED);
      cost.listPages++;
      for (const execution of page.executions) {
        if (execution.startedAt < horizon) return { reachedStart };
        const known = this.columns.slotOf(execution.arn) >= 0;
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
      const page = await fetchExecutionPage(ctx, { stateMachineArn: this.arn }, "RUNNING", token, limits.pageSize, UNCACHED);
      cost.runningPages++;
      for (const execution of page.executions) {
        stillRunning.add(execution.arn);
        if (this.columns.slotOf(execution.arn) >= 0) this.put(execution);
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
      // Left RUNNING meanwhile (an event, a page): nothing to ask.
      if (!this.running.has(arn)) continue;
      if (cost.describes >= limits.maxDescribesPerRefresh) break;
      cost.describes++;
      const d = await describeExecution(ctx, arn);
      const known = this.running.get(arn) ?? this.objects?.get(arn);
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
    for (const e of executions) this.put(e, false, false);
  }

  /** Merged by the same rule as the store's (lib/events): a stale page never undoes a newer status. */
  private put(execution: ExecutionSummary, changed = true, listed = true): void {
    if (listed && execution.startedAt > this.newestStart) this.newestStart = execution.startedAt;
    const merged = mergeExecution(this.known(execution), execution);
    if (!merged) return;
    this.columns.set(merged.arn, merged);
    this.objects?.set(merged.arn, merged);
    if (merged.status === "RUNNING") this.running.set(merged.arn, merged);
    else this.running.delete(merged.arn);
    if (changed && this.persistence) {
      const pending = this.unsaved.get(merged.arn);
      this.unsaved.set(merged.arn, pending ? (mergeExecution(pending, merged) ?? pending) : merged);
    }
    this.sorted = undefined;
    this.changes++;
  }

  /**
   * What is known of the execution, for the merge: its object when one is kept, else its
   * columns (status, start, stop, redrives: all the rule ranks by) with the newcomer's identity.
   * The error and cause the columns lack are the store's to keep: its upsert merges again.
   */
  private known(execution: ExecutionSummary): ExecutionSummary | undefined {
    const kept = this.objects?.get(execution.arn) ?? this.running.get(execution.arn);
    if (kept || this.objects) return kept;
    const slot = this.columns.slotOf(execution.arn);
    if (slot < 0) return undefined;
    const known: ExecutionSummary = { arn: execution.arn, name: execution.name, stateMachineArn: execution.stateMachineArn, ...this.columns.facts(slot) };
    if (execution.mapRunArn !== undefined) known.mapRunArn = execution.mapRunArn;
    return known;
  }

  private runningArns(): Set<string> {
    return new Set(this.running.keys());
  }

  private prune(horizon: number, cap: number): void {
    const starts = this.columns.startedAt;
    if (this.columns.removeWhere((slot) => starts[slot] < horizon) > 0) {
      for (const map of [this.objects, this.running]) if (map) for (const [arn, e] of map) if (e.startedAt < horizon) map.delete(arn);
      this.sorted = undefined;
      this.changes++;
    }
    // The cap bounds a memory-only index, which keeps every object.
    if (!this.objects || this.objects.size <= cap) return;
    const dropped = this.inMemory().slice(cap).map((e) => e.arn);
    for (const arn of dropped) {
      this.objects.delete(arn);
      this.running.delete(arn);
    }
    this.columns.remove(dropped);
    this.sorted = undefined;
    this.changes++;
    this.capped = true;
    // Whatever lay below the cap will not be read: stop back-filling.
    const oldest = this.columns.oldestStart();
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

/** Newest first: start descending, then ARN ascending (compared as JS strings, whatever the database's collation). */
function newestFirst<T extends ExecutionSummary>(executions: T[]): T[] {
  return executions.sort((a, b) => b.startedAt - a.startedAt || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}
