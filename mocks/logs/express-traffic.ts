/**
 * The demo's Express executions. Step Functions lists none of them (the Standard schedule
 * gives Express machines no slots), so they exist only as what Step Functions writes for them:
 * log records in CloudWatch Logs and AWS/States metrics. Like the rest of the account they are
 * a pure function of (seed, time): hashed slots, each execution planned once by the simulator.
 *
 * Synchronous Express executions (StartSyncExecution) write the same records, so a share of
 * these slots stands for them; nothing in the logs tells the two apart.
 */
import { dailyWave, type MachineSpec } from "../machines/machine-spec";
import { answersNormally, serviceFails } from "../machines/services";
import type { DemoArns } from "../account/arns";
import { scheduledAt, scheduledBetween, scheduledByName, type ScheduledExecution } from "../account/schedule";
import { Lru } from "../account/lru";
import { planExecution } from "../sim/interpreter";
import type { ExecutionPlan } from "../sim/plan";
import { hash32, Rng } from "../sim/random";

/** One possible Express execution every few seconds; the day's traffic peaks at 20:00 UTC. */
const EXPRESS_SLOT_SECONDS = 6;
/** Firehose throttles a few puts; the task has no Retry, so those executions fail. */
const FORWARD_FAILURE_CHANCE = 0.04;

/** The machine as the schedule sees it: the same definition, with the traffic Express machines carry. */
export function expressTrafficSpec(machine: MachineSpec): MachineSpec {
  return {
    ...machine,
    slotSeconds: EXPRESS_SLOT_SECONDS,
    density: (t) => dailyWave(t, 20, 0.25, 0.9),
    behaviours: {
      ...machine.behaviours,
      Forward: (call) =>
        call.rng.chance(FORWARD_FAILURE_CHANCE)
          ? serviceFails(call.rng.latency(30), "Firehose.ServiceUnavailableException", "Slow down. (Service: Firehose, Status Code: 503)")
          : answersNormally(call),
    },
  };
}

export class ExpressExecutions {
  private readonly plans = new Lru<string, ExecutionPlan>(10_000);
  private readonly traffic: MachineSpec;

  constructor(
    private readonly seed: number,
    readonly machine: MachineSpec,
    private readonly arns: DemoArns,
  ) {
    this.traffic = expressTrafficSpec(machine);
  }

  /** Executions that start in [fromMs, toMs], oldest first. */
  between(fromMs: number, toMs: number): ExecutionPlan[] {
    return scheduledBetween(this.seed, this.traffic, fromMs, toMs).map((ref) => this.planOf(ref));
  }

  /** The same executions planned without payloads (status and timing only): what metrics need, much cheaper. */
  lightBetween(fromMs: number, toMs: number): ExecutionPlan[] {
    return scheduledBetween(this.seed, this.traffic, fromMs, toMs).map((ref) => this.plans.get(ref.name) ?? this.build(ref, false));
  }

  /** The execution with this name, whatever its start time (the name carries its slot). */
  byName(name: string): ExecutionPlan | undefined {
    const ref = scheduledByName(this.seed, this.traffic, name);
    return ref ? this.planOf(ref) : undefined;
  }

  /** The schedule's slot length: callers walk time in these steps. */
  get slotMs(): number {
    return this.traffic.slotSeconds * 1000;
  }

  at(slot: number): ExecutionPlan | undefined {
    const ref = scheduledAt(this.seed, this.traffic, slot);
    return ref ? this.planOf(ref) : undefined;
  }

  private planOf(ref: ScheduledExecution): ExecutionPlan {
    const hit = this.plans.get(ref.name);
    if (hit) return hit;
    const plan = this.build(ref, true);
    this.plans.set(ref.name, plan);
    return plan;
  }

  private build(ref: ScheduledExecution, detailed: boolean): ExecutionPlan {
    const rng = new Rng(ref.seed);
    const id = new Rng(hash32(ref.seed, "express-id")).uuid();
    const { expressExecutionArn, stateMachineArn, roleArn, place } = this.arns;
    return planExecution({
      definition: this.machine.definition,
      input: this.machine.makeInput(rng.fork("input"), ref.startMs),
      startMs: ref.startMs,
      seed: rng.fork("run").next() * 2 ** 32,
      executionArn: expressExecutionArn(this.machine.name, ref.name, id),
      stateMachineArn: stateMachineArn(this.machine.name),
      name: ref.name,
      roleArn: roleArn(this.machine.name),
      region: place.region,
      traits: this.machine.makeTraits(rng.fork("traits"), ref.startMs),
      behaviours: this.traffic.behaviours,
      fallbackBehaviour: answersNormally,
      detailed,
    });
  }
}
