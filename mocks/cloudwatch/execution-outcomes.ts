/**
 * What AWS/States metrics are made of: every execution's start, end, outcome and duration,
 * per machine, taken from the same simulated executions the account serves (Standard ones
 * from the execution store, Express ones from their log-writing traffic). Kept per hour once
 * planned, so a chart over days plans each execution once.
 */
import type { MachineSpec } from "../machines/machine-spec";
import type { ExecutionStore } from "../account/execution-store";
import { scheduledBetween } from "../account/schedule";
import type { ExpressExecutions } from "../logs/express-traffic";
import type { ExecutionPlan } from "../sim/plan";

export interface Outcome {
  startMs: number;
  stopMs: number;
  status: ExecutionPlan["status"];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How far back metrics go: Express machines as far as their logs are kept; Standard machines
 * as far as the demo account lists executions (a day), so the two never disagree.
 */
export const EXPRESS_METRICS_HORIZON_MS = 7 * DAY;
export const STANDARD_METRICS_HORIZON_MS = DAY;
/** An execution that started this long before a period can still end in it. */
const LOOKBACK_MS = { EXPRESS: 5 * MINUTE, STANDARD: DAY } as const;

export class ExecutionOutcomes {
  private readonly hours = new Map<string, Outcome[]>();

  constructor(
    private readonly seed: number,
    private readonly store: ExecutionStore,
    private readonly express: (machine: string) => ExpressExecutions | undefined,
  ) {}

  /** Outcomes of executions that may start or end in [fromMs, toMs), whatever is visible at `nowMs`. */
  around(machine: MachineSpec, fromMs: number, toMs: number, nowMs: number): Outcome[] {
    const horizon = nowMs - (machine.type === "EXPRESS" ? EXPRESS_METRICS_HORIZON_MS : STANDARD_METRICS_HORIZON_MS);
    const from = Math.max(fromMs - LOOKBACK_MS[machine.type], horizon);
    const to = Math.min(toMs, nowMs);
    const out: Outcome[] = [];
    for (let hour = Math.floor(from / HOUR) * HOUR; hour < to; hour += HOUR) {
      for (const o of this.hour(machine, hour)) if (o.startMs >= from && o.startMs < to && o.startMs <= nowMs) out.push(o);
    }
    return out;
  }

  private hour(machine: MachineSpec, hourMs: number): Outcome[] {
    const key = `${machine.name}:${hourMs}`;
    const hit = this.hours.get(key);
    if (hit) return hit;
    const plans: (ExecutionPlan | undefined)[] =
      machine.type === "EXPRESS"
        ? (this.express(machine.name)?.lightBetween(hourMs, hourMs + HOUR - 1) ?? [])
        : scheduledBetween(this.seed, machine, hourMs, hourMs + HOUR - 1).map((ref) => this.store.planByArn("", machine, ref.name, undefined, false));
    const outcomes = plans.filter((p): p is ExecutionPlan => p !== undefined).map((p) => ({ startMs: p.startMs, stopMs: p.stopMs, status: p.status }));
    this.hours.set(key, outcomes);
    return outcomes;
  }
}
