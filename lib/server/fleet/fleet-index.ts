/**
 * The server-side execution index of the whole fleet: one MachineIndex per state machine, shared
 * by every viewer. A machine is refreshed at most once per interval (longer when there are many
 * machines, so the ListExecutions quota is not spent by one dashboard), one refresh in flight
 * per machine.
 *
 * One number per thing: the fleet row, the state machine page, its buckets and the executions
 * list of a range all read the same executions (`countedExecutions`, `listExecutions`), so they
 * agree for the same window.
 */
import type {
  ChildStateOutcome,
  ExecutionStatusName,
  ExecutionSummary,
  ExecutionsResponse,
  FleetCoverage,
  FleetRow,
  MachineMetricsResponse,
  StateMachineSummary,
} from "@/lib/contract/api";
import {
  buildStateExecutionGrid,
  computeMachineMetrics,
  ERROR_STATUSES,
  failingSinceOfColumns,
  isError,
  stateStats,
  summariseColumns,
  type ResolvedWindow,
} from "@/lib/metrics";
import { loadConfig } from "@/lib/config/env";
import type { ExecutionModel } from "@/lib/history/model";
import { byDeadline } from "@/lib/server/by-deadline";
import { childStatesOfExecution } from "@/lib/server/map-run-report";
import { nextTurn } from "@/lib/server/turns";
import type { SfnContext } from "@/lib/sfn/context";
import { EXPRESS_COUNTS_UNAVAILABLE } from "@/lib/sfn/counts";
import { listStateMachines } from "@/lib/sfn/state-machines";
import { FailureLedger, type FailureRecordStore } from "./failure-ledger";
import { HistoryModels } from "./history-models";
import { pageOfIndex } from "./index-page";
import { DEFAULT_FLEET_LIMITS, executionCapFor, listingIntervalFor, refreshIntervalFor, type FleetLimits } from "./limits";
import { MachineIndex } from "./machine-index";
import type { IndexPersistence } from "./persistence";
import { chooseHistorySample } from "./sample";
import { stateNamesOf } from "./state-order";
import pMap from "p-map";

/** Machines refreshed at once: ListExecutions has the smallest quota of the read calls. */
const REFRESH_CONCURRENCY = 4;
/** Machines read back from the store at once (a few, so a request's own reads are not queued behind hundreds). */
const LOAD_CONCURRENCY = 4;

export interface IndexedListQuery {
  status?: ExecutionStatusName;
  /** Started at or after (epoch ms). */
  from?: number;
  /** Started at or before (epoch ms). */
  to?: number;
  /** Name prefix, case-insensitive. */
  name?: string;
  cursor?: string;
  limit: number;
}

export interface FleetIndexOptions {
  /** Where the index is kept across restarts (absent: memory only, and the per-machine caps apply). */
  persistence?: IndexPersistence;
  /**
   * How long a fleet answer waits for a machine's refresh before answering with what is known
   * (the refresh goes on; the row says partial or loading meanwhile).
   */
  answerWithinMs?: number;
  /**
   * While status-change events arrive, listing is only a reconciliation pass for lost events:
   * a machine whose listing has no gaps is then listed at most this often (undefined: events are
   * not flowing, list as usual). One with gaps goes on at the routine interval until they are read.
   */
  reconcileEveryMs?: () => number | undefined;
  /** Where the failure ledger keeps what it read (absent: in memory, read again after a restart). */
  failureStore?: FailureRecordStore;
}

export class FleetIndex {
  readonly limits: FleetLimits;
  private readonly machines = new Map<string, MachineIndex>();
  private readonly models = new HistoryModels();
  private readonly failures: FailureLedger;
  private machineCount = 1;
  private readonly persistence?: IndexPersistence;
  private readonly answerWithinMs: number;
  private readonly reconcileEveryMs?: () => number | undefined;
  /** Each machine's index version when its failures were last queued. */
  private readonly failuresQueuedAt = new Map<string, number>();

  constructor(limits: Partial<FleetLimits> = {}, options: FleetIndexOptions = {}) {
    this.limits = { ...DEFAULT_FLEET_LIMITS, ...limits };
    this.failures = new FailureLedger({ readsPerSecond: this.limits.failureReadsPerSecond, concurrency: this.limits.historyConcurrency }, options.failureStore);
    this.persistence = options.persistence;
    this.answerWithinMs = options.answerWithinMs ?? Infinity;
    this.reconcileEveryMs = options.reconcileEveryMs;
  }

  machine(arn: string): MachineIndex {
    let index = this.machines.get(arn);
    if (!index) {
      index = new MachineIndex(arn, this.persistence);
      this.machines.set(arn, index);
    }
    return index;
  }

  /** Refreshes the machine's listing if it is due; concurrent callers share one refresh. */
  async ensureFresh(ctx: SfnContext, arn: string): Promise<MachineIndex> {
    const index = this.machine(arn);
    // What a previous run stored comes first: its refresh time decides whether a refresh is due.
    await index.ready(ctx.now() - this.limits.horizonMs);
    const interval = listingIntervalFor(refreshIntervalFor(this.machineCount, this.limits), this.reconcileEveryMs?.(), index.hasGaps());
    if (!index.isDue(ctx.now(), interval)) return index;
    // With a store every execution of the window is kept: the cap only bounds memory-only indexes.
    const cap = this.persistence ? Infinity : executionCapFor(this.machineCount, this.limits);
    const limits = { ...this.limits, maxExecutionsPerMachine: cap };
    await ctx.flight.run(`fleet-refresh:${arn}`, () => index.refresh(ctx, limits));
    return index;
  }

  /** Refreshes every due machine (the background poller; nobody waits on the answer). */
  async refreshAll(ctx: SfnContext): Promise<void> {
    const machines = this.persistence ? await this.persistence.stateMachines(() => listStateMachines(ctx)) : await listStateMachines(ctx);
    const standard = machines.filter((m) => m.type !== "EXPRESS");
    this.machineCount = standard.length;
    // What the store holds, for every machine before any is listed: after a restart the fleet is
    // complete in the time the store takes to read, not at ListExecutions' pace (a due refresh
    // waits on that quota, and each worker would load the next machine only after it).
    const horizon = ctx.now() - this.limits.horizonMs;
    if (this.persistence) await pMap(standard, (m) => this.machine(m.arn).ready(horizon), { concurrency: LOAD_CONCURRENCY });
    await pMap(standard, (m) => this.ensureFresh(ctx, m.arn), { concurrency: REFRESH_CONCURRENCY });
  }

  /**
   * Queues every machine's failed executions whose history is not read yet (newest first) for
   * the failure ledger: the background poller of a store calls it, so each failure is read once,
   * at the failure budget, whether or not its page is opened, and what its history says (error,
   * cause) reaches the store for search. A machine whose reader is busy keeps its queue.
   */
  async readFailuresInBackground(ctx: SfnContext): Promise<void> {
    for (const [arn, index] of this.machines) {
      if (this.failures.reading(arn)) continue;
      // Nothing changed since its queue was drained: the same failures would be looked up again.
      if (this.failuresQueuedAt.get(arn) === index.version) continue;
      this.failuresQueuedAt.set(arn, index.version);
      // Each machine's read in a turn of its own: after a restart every machine is looked at,
      // and 500 synchronous reads chained through promises held the loop for 26 s (the lease
      // lapsed, answers timed out).
      if (this.persistence) await nextTurn();
      const { unread } = this.failures.lookUp(await index.executionsWithStatus(ERROR_STATUSES));
      if (unread.length) this.failures.readInBackground(ctx, arn, unread);
    }
  }

  /**
   * The machine for an answer due by `deadline` (performance.now() time): as it is when it has
   * data, else as loaded and refreshed by then. Loading from the store and refreshing go on in
   * the background, and the row says loading or partial meanwhile.
   */
  private async freshWithin(ctx: SfnContext, arn: string, deadline: number): Promise<MachineIndex> {
    const index = this.machine(arn);
    if (!Number.isFinite(deadline)) return this.ensureFresh(ctx, arn);
    // Past the deadline a request starts no more loads or refreshes: the background loop does
    // them a few at a time. Hundreds started at once would queue up behind a synchronous driver.
    if (performance.now() >= deadline) return index;
    // Something true to show already (read back from the store, or listed before): the answer
    // gives it now, with when it was refreshed, and the background loop refreshes it. Waiting
    // here would hold every answer for the deadline while refreshes queue on the ListExecutions
    // quota (minutes after a restart of a big account).
    if (index.hasData()) return index;
    return byDeadline(this.ensureFresh(ctx, arn).catch(() => index), deadline, index);
  }

  /** When an answer asked for now must be given (performance.now() time): what is known by then. */
  answerDeadline(): number {
    return performance.now() + this.answerWithinMs;
  }

  /** Every state machine with its numbers for the window. */
  async fleetRows(ctx: SfnContext, window: ResolvedWindow, deadline = this.answerDeadline()): Promise<FleetRow[]> {
    const machines = this.persistence ? await this.persistence.stateMachines(() => listStateMachines(ctx)) : await listStateMachines(ctx);
    this.machineCount = machines.filter((m) => m.type !== "EXPRESS").length;
    return pMap(machines, (machine) => this.rowFor(ctx, machine, window, deadline), { concurrency: REFRESH_CONCURRENCY });
  }

  private async rowFor(ctx: SfnContext, machine: StateMachineSummary, window: ResolvedWindow, deadline: number): Promise<FleetRow> {
    const base = { arn: machine.arn, name: machine.name, type: machine.type, createdAt: machine.createdAt };
    if (machine.type === "EXPRESS") return { ...base, unavailable: EXPRESS_COUNTS_UNAVAILABLE, coverage: { partial: false, indexed: 0 } };
    const index = await this.freshWithin(ctx, machine.arn, deadline);
    const status = index.status();
    const { countedFrom, coverage } = coverageOf(index, window);
    // Never listed successfully, or still loading: no numbers rather than a row of zeros that looks healthy.
    if (!index.hasData() || (status.error && status.executions === 0)) return { ...base, coverage };
    // One fold over the columns, of what the row counts (from where the index is complete).
    const summary = summariseColumns(index.columns, window, ctx.now(), { from: countedFrom, to: window.to });
    return { ...base, summary, coverage, failingSince: failingSinceOfColumns(index.columns) };
  }

  /** Everything the state machine page shows for the window. */
  async machineMetrics(
    ctx: SfnContext,
    machine: { arn: string; type: "STANDARD" | "EXPRESS"; definition?: string },
    window: ResolvedWindow,
  ): Promise<MachineMetricsResponse> {
    const now = ctx.now();
    if (machine.type === "EXPRESS") {
      const metrics = computeMachineMetrics([], [], window, now);
      return {
        stateMachineArn: machine.arn,
        ...metrics,
        stateStats: [],
        grid: { columns: [], rows: [] },
        stateFailures: {},
        sample: { recent: 0, failures: 0, failuresInWindow: 0 },
        coverage: { partial: false, indexed: 0 },
        unavailable: EXPRESS_COUNTS_UNAVAILABLE,
        fetchedAt: now,
      };
    }
    const index = await this.ensureFresh(ctx, machine.arn);
    const { executions, coverage } = await countedExecutions(index, window);
    const sample = chooseHistorySample(executions, window, { sampleFinished: this.limits.sampleFinished, sampleFailures: 0 });
    const recent = await this.models.modelsFor(ctx, sample.recent, this.limits.historyConcurrency);
    // The sample's failed histories are read already: the failure ledger need not read them again.
    for (const { execution, model } of recent) if (isError(execution.status)) this.failures.remember(execution, model);
    const failed = executions.filter((e) => isError(e.status));
    const { records, unread } = this.failures.lookUp(failed);
    this.failures.readInBackground(ctx, machine.arn, unread);
    const metrics = computeMachineMetrics(executions, records, window, now);
    const stateOrder = machine.definition ? stateNamesOf(machine.definition) : [];
    const stateFailures: Record<string, number> = {};
    for (const record of records) if (record.state !== undefined) stateFailures[record.state] = (stateFailures[record.state] ?? 0) + 1;
    return {
      stateMachineArn: machine.arn,
      window: metrics.window,
      buckets: metrics.buckets,
      summary: metrics.summary,
      histogram: metrics.histogram,
      errorGroups: metrics.errorGroups,
      stateStats: stateStats(recent.map((s) => s.model), { stateOrder }),
      grid: buildStateExecutionGrid(await withChildStates(ctx, recent), { lastN: this.limits.sampleFinished, stateNames: stateOrder }),
      stateFailures,
      sample: { recent: recent.length, failures: records.length, failuresInWindow: failed.length },
      coverage,
      fetchedAt: now,
    };
  }

  /** Resolves when the machine's failures queued so far are read (tests, bench). */
  failuresSettled(arn: string): Promise<void> {
    return this.failures.settled(arn);
  }

  /** GetExecutionHistory reads spent on failures so far. */
  get failureReads(): number {
    return this.failures.reads;
  }

  /**
   * A page of the machine's executions from the index, when the index holds every execution of
   * the asked range; undefined when it does not (the caller then lists from Step Functions).
   * Listing from the index is what makes "click a bucket" open on exactly the executions the
   * bucket counted, and fills every page whatever the range.
   */
  async listExecutions(ctx: SfnContext, stateMachineArn: string, query: IndexedListQuery): Promise<ExecutionsResponse | undefined> {
    const index = await this.ensureFresh(ctx, stateMachineArn);
    const status = index.status();
    // An open-ended list reaches past the index's horizon unless the source ends inside it; a
    // name search without a range looks through the horizon (what the index keeps).
    const horizon = ctx.now() - this.limits.horizonMs;
    const from = query.from ?? (status.listEndReached ? 0 : query.name ? horizon : undefined);
    if (from === undefined || !index.isComplete(from)) return undefined;
    return pageOfIndex(await index.executionsBetween(from, query.to ?? Number.POSITIVE_INFINITY), query);
  }

  /** Executions of every indexed machine whose name starts with `prefix` (case-insensitive), newest first. */
  async searchByName(prefix: string, limit: number, now: number): Promise<ExecutionSummary[]> {
    if (this.persistence) return this.persistence.executionsByNamePrefix([...this.machines.keys()], prefix, now - this.limits.horizonMs, limit);
    const out: ExecutionSummary[] = [];
    for (const index of this.machines.values()) out.push(...(await index.executionsByNamePrefix(prefix, limit)));
    return out.sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
  }
}

/**
 * What the figures of a window count: every execution of the index started in the window, from
 * where the index is complete. When listing is still under way (or the source holds less than
 * the window) the coverage says from when on the figures count, so nothing a person reads
 * covers less than it says.
 */
async function countedExecutions(index: MachineIndex, window: ResolvedWindow): Promise<{ executions: readonly ExecutionSummary[]; coverage: FleetCoverage }> {
  const { countedFrom, coverage } = coverageOf(index, window);
  const executions = countedFrom > window.to ? [] : await index.executionsBetween(countedFrom, window.to);
  return { executions, coverage };
}

/** From when the figures of a window count, and what the row says of it. */
function coverageOf(index: MachineIndex, window: ResolvedWindow): { countedFrom: number; coverage: FleetCoverage } {
  const status = index.status();
  const countedFrom = Math.max(window.from, status.completeFrom);
  const partial = countedFrom > window.from;
  const state = !index.hasData() ? "loading" : partial ? "partial" : "complete";
  // The list ended: nothing older exists. Only a gap of more than two buckets is the source
  // keeping less history; a shorter one is a quiet machine whose first execution came late.
  const sourceFrom =
    status.listEndReached && status.oldestStart !== undefined && status.oldestStart - window.from > 2 * window.bucketMs ? status.oldestStart : undefined;
  return {
    countedFrom,
    coverage: {
      state,
      partial,
      capped: partial && status.capped ? true : undefined,
      indexed: status.executions,
      refreshedAt: status.refreshedAt,
      error: status.error,
      countedFrom: partial ? countedFrom : undefined,
      sourceFrom,
    },
  };
}

const byContext = new WeakMap<SfnContext, FleetIndex>();

/** The fleet index of a context (one per process in the app; tests build their own contexts). */
export function fleetIndexFor(ctx: SfnContext, limits?: Partial<FleetLimits>, options?: FleetIndexOptions): FleetIndex {
  let index = byContext.get(ctx);
  if (!index) {
    index = new FleetIndex({ failureReadsPerSecond: loadConfig().failureReadsPerSecond, ...limits }, options);
    byContext.set(ctx, index);
  }
  return index;
}

/**
 * Grid samples with their distributed Map children's state outcomes (see GridSample.childStates),
 * a few executions at a time: a finished parent's map runs are read once and kept.
 */
async function withChildStates<T extends { execution: ExecutionSummary; model: ExecutionModel }>(ctx: SfnContext, samples: T[]): Promise<(T & { childStates?: Record<string, ChildStateOutcome>[] })[]> {
  return pMap(
    samples,
    async (sample) => {
      const childStates = await childStatesOfExecution(ctx, sample.model);
      return childStates ? { ...sample, childStates } : sample;
    },
    { concurrency: 4 },
  );
}
