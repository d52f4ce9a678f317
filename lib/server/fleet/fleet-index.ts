/**
 * The server-side execution index of the whole fleet: one MachineIndex per state machine, shared
 * by every viewer. A machine is refreshed at most once per interval (longer when there are many
 * machines, so the ListExecutions quota is not spent by one dashboard), one refresh in flight
 * per machine.
 */
import type {
  FleetCoverage,
  FleetRow,
  MachineMetricsResponse,
  StateMachineSummary,
} from "@/lib/contract/api";
import {
  buildStateExecutionGrid,
  computeMachineMetrics,
  failureFromModel,
  stateStats,
  summariseMachine,
  type FailureRecord,
  type ResolvedWindow,
} from "@/lib/metrics";
import type { SfnContext } from "@/lib/sfn/context";
import { EXPRESS_COUNTS_UNAVAILABLE } from "@/lib/sfn/counts";
import { listStateMachines } from "@/lib/sfn/state-machines";
import { HistoryModels } from "./history-models";
import { DEFAULT_FLEET_LIMITS, executionCapFor, refreshIntervalFor, type FleetLimits } from "./limits";
import { MachineIndex } from "./machine-index";
import type { IndexPersistence } from "./persistence";
import { chooseHistorySample } from "./sample";
import { stateNamesOf } from "./state-order";

/** Machines refreshed at once: ListExecutions has the smallest quota of the read calls. */
const REFRESH_CONCURRENCY = 4;

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
   * a machine is then listed at most this often (undefined: events are not flowing, list as usual).
   */
  reconcileEveryMs?: () => number | undefined;
}

export class FleetIndex {
  readonly limits: FleetLimits;
  private readonly machines = new Map<string, MachineIndex>();
  private readonly models = new HistoryModels();
  private machineCount = 1;
  private readonly persistence?: IndexPersistence;
  private readonly answerWithinMs: number;
  private readonly reconcileEveryMs?: () => number | undefined;

  constructor(limits: Partial<FleetLimits> = {}, options: FleetIndexOptions = {}) {
    this.limits = { ...DEFAULT_FLEET_LIMITS, ...limits };
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
    const interval = Math.max(refreshIntervalFor(this.machineCount, this.limits), this.reconcileEveryMs?.() ?? 0);
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
    let next = 0;
    const worker = async () => {
      while (next < standard.length) await this.ensureFresh(ctx, standard[next++].arn);
    };
    await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, standard.length) }, worker));
  }

  /**
   * The machine as loaded and refreshed by `deadline` (performance.now() time), or as it is
   * then: loading from the store and refreshing go on in the background, and the row says
   * loading or partial meanwhile.
   */
  private async freshWithin(ctx: SfnContext, arn: string, deadline: number): Promise<MachineIndex> {
    const index = this.machine(arn);
    if (!Number.isFinite(deadline)) return this.ensureFresh(ctx, arn);
    // Past the deadline a request starts no more loads or refreshes: the background loop does
    // them a few at a time. Hundreds started at once would queue up behind a synchronous driver.
    if (performance.now() >= deadline) return index;
    const work = this.ensureFresh(ctx, arn).catch(() => index);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const enough = new Promise<MachineIndex>((resolve) => {
      timer = setTimeout(() => resolve(index), Math.max(0, deadline - performance.now()));
    });
    try {
      return await Promise.race([work, enough]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every state machine with its numbers for the window. */
  async fleetRows(ctx: SfnContext, window: ResolvedWindow): Promise<FleetRow[]> {
    const machines = this.persistence ? await this.persistence.stateMachines(() => listStateMachines(ctx)) : await listStateMachines(ctx);
    this.machineCount = machines.filter((m) => m.type !== "EXPRESS").length;
    const rows: FleetRow[] = new Array(machines.length);
    const deadline = performance.now() + this.answerWithinMs;
    let next = 0;
    const worker = async () => {
      while (next < machines.length) {
        const i = next++;
        rows[i] = await this.rowFor(ctx, machines[i], window, deadline);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, machines.length) }, worker));
    return rows;
  }

  private async rowFor(ctx: SfnContext, machine: StateMachineSummary, window: ResolvedWindow, deadline: number): Promise<FleetRow> {
    const base = { arn: machine.arn, name: machine.name, type: machine.type, createdAt: machine.createdAt };
    if (machine.type === "EXPRESS") return { ...base, unavailable: EXPRESS_COUNTS_UNAVAILABLE, coverage: { partial: false, indexed: 0 } };
    const index = await this.freshWithin(ctx, machine.arn, deadline);
    const status = index.status();
    const coverage = coverageOf(index, window);
    // Never listed successfully, or still loading: no numbers rather than a row of zeros that looks healthy.
    if (!index.hasData() || (status.error && status.executions === 0)) return { ...base, coverage };
    return { ...base, summary: summariseMachine(index.executions(), window, ctx.now()), coverage };
  }

  /** Everything the state machine page shows for the window. */
  async machineMetrics(
    ctx: SfnContext,
    machine: { arn: string; type: "STANDARD" | "EXPRESS"; definition?: string },
    window: ResolvedWindow,
  ): Promise<MachineMetricsResponse> {
    const now = ctx.now();
    const emptySample = { recent: 0, failures: 0, failuresInWindow: 0 };
    if (machine.type === "EXPRESS") {
      const metrics = computeMachineMetrics([], [], window, now);
      return {
        stateMachineArn: machine.arn,
        ...metrics,
        stateStats: [],
        grid: { columns: [], rows: [] },
        stateFailures: {},
        sample: emptySample,
        coverage: { partial: false, indexed: 0 },
        unavailable: EXPRESS_COUNTS_UNAVAILABLE,
        fetchedAt: now,
      };
    }
    const index = await this.ensureFresh(ctx, machine.arn);
    const executions = index.executions();
    const sample = chooseHistorySample(executions, window, this.limits);
    const recent = await this.models.modelsFor(ctx, sample.recent, this.limits.historyConcurrency);
    const failed = await this.models.modelsFor(ctx, sample.failures, this.limits.historyConcurrency);
    const all = [...recent, ...failed];
    const failures: FailureRecord[] = [];
    for (const { execution, model } of all) {
      const failure = failureFromModel(execution, model);
      if (failure) failures.push(failure);
    }
    const metrics = computeMachineMetrics(executions, failures, window, now);
    const stateOrder = machine.definition ? stateNamesOf(machine.definition) : [];
    const stats = stateStats(all.map((s) => s.model), { stateOrder });
    const stateFailures: Record<string, number> = {};
    for (const s of stats) if (s.failures > 0) stateFailures[s.name] = s.failures;
    return {
      stateMachineArn: machine.arn,
      window: metrics.window,
      buckets: metrics.buckets,
      summary: metrics.summary,
      histogram: metrics.histogram,
      errorGroups: metrics.errorGroups,
      stateStats: stats,
      grid: buildStateExecutionGrid(recent, { lastN: this.limits.sampleFinished, stateNames: stateOrder }),
      stateFailures,
      sample: { recent: recent.length, failures: failed.length, failuresInWindow: sample.failuresInWindow },
      coverage: coverageOf(index, window),
      fetchedAt: now,
    };
  }
}

function coverageOf(index: MachineIndex, window: ResolvedWindow): FleetCoverage {
  const status = index.status();
  const partial = !index.isComplete(window.from);
  const state = !index.hasData() ? "loading" : partial ? "partial" : "complete";
  return { state, partial, capped: partial && status.capped ? true : undefined, indexed: status.executions, refreshedAt: status.refreshedAt, error: status.error };
}

const byContext = new WeakMap<SfnContext, FleetIndex>();

/** The fleet index of a context (one per process in the app; tests build their own contexts). */
export function fleetIndexFor(ctx: SfnContext, limits?: Partial<FleetLimits>, options?: FleetIndexOptions): FleetIndex {
  let index = byContext.get(ctx);
  if (!index) {
    index = new FleetIndex(limits, options);
    byContext.set(ctx, index);
  }
  return index;
}

