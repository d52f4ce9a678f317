/**
 * The server-side execution index of the whole fleet: one MachineIndex per state machine, shared
 * by every viewer. A machine is refreshed at most once per interval (longer when there are many
 * machines, so the ListExecutions quota is not spent by one dashboard), one refresh in flight
 * per machine.
 */
import type {
  ChildStateOutcome,
  ExecutionSummary,
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
import type { ExecutionModel } from "@/lib/history/model";
import type { SfnContext } from "../context";
import { childStatesOfExecution } from "../map-run-report";
import { EXPRESS_COUNTS_UNAVAILABLE } from "../counts";
import { listStateMachines } from "../state-machines";
import { HistoryModels } from "./history-models";
import { DEFAULT_FLEET_LIMITS, executionCapFor, refreshIntervalFor, type FleetLimits } from "./limits";
import { MachineIndex } from "./machine-index";
import { chooseHistorySample } from "./sample";
import { stateNamesOf } from "./state-order";

/** Machines refreshed at once: ListExecutions has the smallest quota of the read calls. */
const REFRESH_CONCURRENCY = 4;

export class FleetIndex {
  readonly limits: FleetLimits;
  private readonly machines = new Map<string, MachineIndex>();
  private readonly models = new HistoryModels();
  private machineCount = 1;

  constructor(limits: Partial<FleetLimits> = {}) {
    this.limits = { ...DEFAULT_FLEET_LIMITS, ...limits };
  }

  machine(arn: string): MachineIndex {
    let index = this.machines.get(arn);
    if (!index) {
      index = new MachineIndex(arn);
      this.machines.set(arn, index);
    }
    return index;
  }

  /** Refreshes the machine's listing if it is due; concurrent callers share one refresh. */
  async ensureFresh(ctx: SfnContext, arn: string): Promise<MachineIndex> {
    const index = this.machine(arn);
    const interval = refreshIntervalFor(this.machineCount, this.limits);
    if (!index.isDue(ctx.now(), interval)) return index;
    const limits = { ...this.limits, maxExecutionsPerMachine: executionCapFor(this.machineCount, this.limits) };
    await ctx.flight.run(`fleet-refresh:${arn}`, () => index.refresh(ctx, limits));
    return index;
  }

  /** Every state machine with its numbers for the window. */
  async fleetRows(ctx: SfnContext, window: ResolvedWindow): Promise<FleetRow[]> {
    const machines = await listStateMachines(ctx);
    this.machineCount = machines.filter((m) => m.type !== "EXPRESS").length;
    const rows: FleetRow[] = new Array(machines.length);
    let next = 0;
    const worker = async () => {
      while (next < machines.length) {
        const i = next++;
        rows[i] = await this.rowFor(ctx, machines[i], window);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, machines.length) }, worker));
    return rows;
  }

  private async rowFor(ctx: SfnContext, machine: StateMachineSummary, window: ResolvedWindow): Promise<FleetRow> {
    const base = { arn: machine.arn, name: machine.name, type: machine.type, createdAt: machine.createdAt };
    if (machine.type === "EXPRESS") return { ...base, unavailable: EXPRESS_COUNTS_UNAVAILABLE, coverage: { partial: false, indexed: 0 } };
    const index = await this.ensureFresh(ctx, machine.arn);
    const status = index.status();
    const coverage = coverageOf(index, window);
    // Never listed successfully: no numbers rather than a row of zeros that looks healthy.
    if (status.error && status.executions === 0) return { ...base, coverage };
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
      grid: buildStateExecutionGrid(await withChildStates(ctx, recent), { lastN: this.limits.sampleFinished, stateNames: stateOrder }),
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
  return { partial, capped: partial && status.capped ? true : undefined, indexed: status.executions, refreshedAt: status.refreshedAt, error: status.error };
}

const byContext = new WeakMap<SfnContext, FleetIndex>();

/** The fleet index of a context (one per process in the app; tests build their own contexts). */
export function fleetIndexFor(ctx: SfnContext, limits?: Partial<FleetLimits>): FleetIndex {
  let index = byContext.get(ctx);
  if (!index) {
    index = new FleetIndex(limits);
    byContext.set(ctx, index);
  }
  return index;
}

/**
 * Grid samples with their distributed Map children's state outcomes (see GridSample.childStates),
 * a few executions at a time: a finished parent's map runs are read once and kept.
 */
async function withChildStates<T extends { execution: ExecutionSummary; model: ExecutionModel }>(ctx: SfnContext, samples: T[]): Promise<(T & { childStates?: Record<string, ChildStateOutcome>[] })[]> {
  const out: (T & { childStates?: Record<string, ChildStateOutcome>[] })[] = [...samples];
  let next = 0;
  const worker = async () => {
    while (next < samples.length) {
      const index = next++;
      const childStates = await childStatesOfExecution(ctx, samples[index].model);
      if (childStates) out[index] = { ...samples[index], childStates };
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, samples.length) }, worker));
  return out;
}
