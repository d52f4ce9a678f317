/**
 * Every execution of the account, planned lazily: a summary (status, stop time) is kept for
 * each execution once planned, full plans only for the most recently used. Stops made through
 * StopExecution are overrides on top of the seeded plans.
 */
import type { MachineSpec } from "../machines/machine-spec";
import { answersNormally } from "../machines/services";
import { type Cut, cutPlan } from "../sim/cut";
import { planExecution } from "../sim/interpreter";
import type { Json } from "../sim/jsonpath";
import { type ExecutionPlan, type ExecutionSummary, type MapRunPlan, summarise } from "../sim/plan";
import { hash32, Rng } from "../sim/random";
import type { DemoArns } from "./arns";
import { Lru } from "./lru";
import { type ScheduledExecution, scheduledAt, scheduledByName } from "./schedule";

const DAY_MS = 86_400_000;
/** How far back ListExecutions reaches: the account keeps a week of history. */
export const HISTORY_MS = 7 * DAY_MS;
/** Summaries kept for listing (about 300 bytes each); more than a week of every machine. */
const SUMMARY_CAPACITY = 100_000;

export interface LazyListing {
  startMs: number;
  name: string;
  summary(): ExecutionSummary;
}

/** Where a page of ListExecutions ended: the last execution it returned. */
export interface ListPosition {
  startMs: number;
  name: string;
}

/** Newest first; ties broken by name so that the order, and so every page, is stable. */
export const newestFirst = (a: ListPosition, b: ListPosition) =>
  b.startMs - a.startMs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);

/** An execution someone started through StartExecution. */
interface StartedExecution extends ScheduledExecution {
  input: Json;
  inputText: string;
}

export class ExecutionStore {
  private readonly summaries = new Lru<string, ExecutionSummary>(SUMMARY_CAPACITY);
  /** Full histories (payload text and all), for GetExecutionHistory. */
  private readonly plans = new Lru<string, ExecutionPlan>(200);
  /** Plans without event payloads: enough for status, timing, describe and map runs. */
  private readonly lightPlans = new Lru<string, ExecutionPlan>(1000);
  private readonly started = new Map<string, StartedExecution>();
  private readonly stops = new Map<string, Cut>();
  /** RedriveExecution calls: when each execution was redriven by hand, oldest first. */
  private readonly redrivesByHand = new Map<string, number[]>();

  constructor(
    readonly seed: number,
    readonly machines: readonly MachineSpec[],
    /** The account and Region whose ARNs the executions get. */
    readonly arns: DemoArns,
  ) {}

  machine(name: string): MachineSpec | undefined {
    return this.machines.find((m) => m.name === name);
  }

  /**
   * Executions of one machine that started in [notBeforeMs, nowMs] and come after `after` in
   * newest-first order. A generator: the schedule's slots are walked backwards from where the
   * previous page ended, and each execution is planned only when its summary is read, so a page
   * costs a page however long the history is.
   */
  *newestFirst(machine: MachineSpec, nowMs: number, after?: ListPosition, notBeforeMs = nowMs - HISTORY_MS): Generator<LazyListing> {
    const listing = (ref: ScheduledExecution): LazyListing => ({ startMs: ref.startMs, name: ref.name, summary: () => this.summaryOf(ref) });
    const isNext = (ref: ScheduledExecution) => ref.startMs >= notBeforeMs && ref.startMs <= nowMs && (!after || newestFirst(after, ref) < 0);
    // Executions started by hand are few: sorted once, merged into the walk over the slots.
    const started = [...this.started.values()].filter((s) => s.machine === machine && isNext(s)).sort(newestFirst);
    let i = 0;
    if (machine.slotSeconds > 0) {
      const slotMs = machine.slotSeconds * 1000;
      // One execution at most per slot, starting inside it: walking slots backwards is newest first.
      for (let slot = Math.floor(Math.min(nowMs, after?.startMs ?? nowMs) / slotMs); slot >= Math.floor(notBeforeMs / slotMs); slot--) {
        const ref = scheduledAt(this.seed, machine, slot);
        if (!ref || !isNext(ref)) continue;
        while (i < started.length && newestFirst(started[i], ref) < 0) yield listing(started[i++]);
        yield listing(ref);
      }
    }
    while (i < started.length) yield listing(started[i++]);
  }

  /**
   * Candidates for ListExecutions(statusFilter=RUNNING): only executions that started within
   * the machine's longest life can still run, plus the ones redriven by hand.
   */
  *runningCandidates(machine: MachineSpec, nowMs: number, after?: ListPosition): Generator<LazyListing> {
    const recent = [...this.newestFirst(machine, nowMs, after, nowMs - machine.longestLifeMs)];
    const seen = new Set(recent.map((r) => r.name));
    const older: LazyListing[] = [];
    for (const arn of this.redrivesByHand.keys()) {
      const parsed = /:execution:([^:/]+):([^:]+)$/.exec(arn);
      if (!parsed || parsed[1] !== machine.name || seen.has(parsed[2])) continue;
      const ref = this.findRef(machine, parsed[2]);
      if (ref && ref.startMs <= nowMs && (!after || newestFirst(after, ref) < 0)) older.push({ startMs: ref.startMs, name: ref.name, summary: () => this.summaryOf(ref) });
    }
    yield* [...recent, ...older].sort(newestFirst);
  }

  /** RedriveExecution at `nowMs`: the plan is made again with the redrive in it. */
  redrive(plan: ExecutionPlan, nowMs: number): void {
    const times = this.redrivesByHand.get(plan.executionArn) ?? [];
    this.redrivesByHand.set(plan.executionArn, [...times, nowMs]);
    this.forget(plan.executionArn);
  }

  /** The plan of the execution with this ARN, or undefined if there is none. */
  planByArn(arn: string, machine: MachineSpec, name: string, parentName: string | undefined, detailed: boolean): ExecutionPlan | undefined {
    if (parentName !== undefined) {
      const parent = this.findRef(machine, parentName);
      if (!parent) return undefined;
      for (const run of this.planOf(parent, detailed).mapRuns) {
        const child = run.children.find((c) => c.executionArn === arn);
        if (child) return this.withStop(child);
      }
      return undefined;
    }
    const ref = this.findRef(machine, name);
    return ref ? this.planOf(ref, detailed) : undefined;
  }

  mapRun(machine: MachineSpec, parentName: string, arn: string): MapRunPlan | undefined {
    const parent = this.findRef(machine, parentName);
    return parent ? this.planOf(parent, false).mapRuns.find((r) => r.mapRunArn === arn) : undefined;
  }

  /** StartExecution; starting the same name with the same input again returns the first one, as the service does. */
  start(machine: MachineSpec, name: string, input: Json, inputText: string, nowMs: number): StartedExecution {
    const arn = this.arns.executionArn(machine.name, name);
    const existing = this.started.get(arn);
    if (existing) return existing;
    const ref: StartedExecution = { machine, slot: -1, name, startMs: nowMs, seed: hash32(this.seed, machine.name, name, nowMs), input, inputText };
    this.started.set(arn, ref);
    return ref;
  }

  startedCount(): number {
    return this.started.size;
  }

  isStartedWithInput(machine: MachineSpec, name: string, inputText: string): boolean {
    return this.started.get(this.arns.executionArn(machine.name, name))?.inputText === inputText;
  }

  /** The map run a child execution belongs to. */
  mapRunOfChild(machine: MachineSpec, child: ExecutionPlan): MapRunPlan | undefined {
    const parentName = child.executionArn.split(":").slice(-2, -1)[0]?.split("/")[1];
    return parentName && child.mapRunArn ? this.mapRun(machine, parentName, child.mapRunArn) : undefined;
  }

  isKnownName(machine: MachineSpec, name: string): boolean {
    return this.findRef(machine, name) !== undefined;
  }

  /** Ends a running execution at `nowMs`; children of its map runs are aborted with it. */
  stop(plan: ExecutionPlan, cut: Cut): void {
    this.stops.set(plan.executionArn, cut);
    for (const run of plan.mapRuns) {
      for (const child of run.children) if (child.stopMs > cut.atMs) this.stops.set(child.executionArn, { atMs: cut.atMs, kind: "ABORTED" });
    }
    if (plan.mapRunArn) {
      // A child stopped on its own: its parent's map run must be re-planned to see it.
      const parentArn = this.mapRunParentArn(plan);
      if (parentArn) this.forget(parentArn);
    }
    this.forget(plan.executionArn);
  }

  private forget(arn: string): void {
    this.summaries.delete(arn);
    this.plans.delete(arn);
    this.lightPlans.delete(arn);
  }

  private mapRunParentArn(child: ExecutionPlan): string | undefined {
    const m = /:execution:([^:/]+)\/([^:]+):[^:]+$/.exec(child.executionArn);
    return m ? this.arns.executionArn(m[1], m[2]) : undefined;
  }

  private findRef(machine: MachineSpec, name: string): ScheduledExecution | undefined {
    return this.started.get(this.arns.executionArn(machine.name, name)) ?? scheduledByName(this.seed, machine, name);
  }

  private summaryOf(ref: ScheduledExecution): ExecutionSummary {
    const arn = this.arns.executionArn(ref.machine.name, ref.name);
    return this.summaries.get(arn) ?? summarise(this.planOf(ref, false));
  }

  private planOf(ref: ScheduledExecution, detailed: boolean): ExecutionPlan {
    const arn = this.arns.executionArn(ref.machine.name, ref.name);
    const cache = detailed ? this.plans : this.lightPlans;
    const cached = cache.get(arn);
    if (cached) return cached;
    const plan = this.withStop(this.buildPlan(ref, detailed));
    cache.set(arn, plan);
    this.summaries.set(arn, summarise(plan));
    return plan;
  }

  private withStop(plan: ExecutionPlan): ExecutionPlan {
    const cut = this.stops.get(plan.executionArn);
    let result = cut === undefined ? plan : cutPlan(plan, cut);
    if (plan.mapRuns.length > 0) {
      result = { ...result, mapRuns: result.mapRuns.map((run) => ({ ...run, children: run.children.map((c) => this.withStop(c)) })) };
    }
    return result;
  }

  private buildPlan(ref: ScheduledExecution, detailed: boolean): ExecutionPlan {
    const { machine, name } = ref;
    const { executionArn, stateMachineArn, roleArn, mapRunArn, childExecutionArn, childStateMachineArn, place } = this.arns;
    const rng = new Rng(ref.seed);
    const input = "input" in ref ? (ref as StartedExecution).input : machine.makeInput(rng.fork("input"), ref.startMs);
    const arn = executionArn(machine.name, name);
    const timeoutMs = machine.definition.TimeoutSeconds !== undefined ? machine.definition.TimeoutSeconds * 1000 : Infinity;
    const seeded = rng.fork("redrive");
    // The first redrive may be an operator's (seeded); any later one is a RedriveExecution call.
    const redriveAt = (redriveCount: number, endedMs: number, error: string): number | undefined => {
      const byHand = this.redrivesByHand.get(arn)?.find((t) => t > endedMs);
      // The execution's own TimeoutSeconds ends the first attempt before any redrive could.
      if (redriveCount === 1 && endedMs > ref.startMs + timeoutMs) return undefined;
      const delay = ref.slot >= 0 && redriveCount === 1 ? machine.redriveDelayMs?.(seeded, error, redriveCount) : undefined;
      if (delay !== undefined && (byHand === undefined || byHand > endedMs + delay)) return endedMs + delay;
      return byHand;
    };
    let plan = planExecution({
      definition: machine.definition,
      input,
      startMs: ref.startMs,
      seed: rng.fork("run").next() * 2 ** 32,
      executionArn: arn,
      stateMachineArn: stateMachineArn(machine.name),
      name,
      roleArn: roleArn(machine.name),
      region: place.region,
      traits: machine.makeTraits(rng.fork("traits"), ref.startMs),
      behaviours: machine.behaviours,
      fallbackBehaviour: answersNormally,
      detailed,
      mapRunArn: (state) => mapRunArn(machine.name, name, new Rng(hash32(ref.seed, state)).uuid()),
      childExecution: (runArn, index) => ({
        arn: childExecutionArn(machine.name, name, new Rng(hash32(runArn, index)).uuid()),
        name: new Rng(hash32(runArn, index)).uuid(),
        stateMachineArn: childStateMachineArn(machine.name, name),
      }),
      redriveAt,
    });
    // A redriven execution's time-out starts again with the redrive (and a first attempt that
    // failed before its time-out was not cut by it), so only plans without redrives are cut.
    if (plan.redrives) return plan;
    if (Number.isFinite(timeoutMs)) plan = cutPlan(plan, { atMs: plan.startMs + timeoutMs, kind: "TIMED_OUT" });
    // Some runs are stopped by hand from the console while they run; that too follows the seed.
    const abort = rng.fork("abort");
    if (ref.slot >= 0 && abort.chance(machine.abortChance)) {
      plan = cutPlan(plan, { atMs: plan.startMs + Math.round((plan.stopMs - plan.startMs) * abort.next()), kind: "ABORTED" });
    }
    return plan;
  }
}
