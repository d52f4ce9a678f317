/** Finds what an ARN in a request names, answering the service's error when it names nothing. */
import type { MachineSpec } from "../machines/machine-spec";
import type { ExecutionPlan, MapRunPlan } from "../sim/plan";
import type { ExecutionStore } from "./execution-store";
import { SfnError } from "./protocol";

export interface OperationContext {
  store: ExecutionStore;
  nowMs: number;
}

export function findMachine(ctx: OperationContext, arn: string): MachineSpec {
  const parsed = ctx.store.arns.parseArn(arn);
  if (parsed === "invalid" || (parsed !== "foreign" && parsed.kind !== "stateMachine")) {
    throw new SfnError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  }
  const machine = parsed === "foreign" || parsed.label ? undefined : ctx.store.machine(parsed.machine);
  if (!machine) throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
  return machine;
}

export interface FoundExecution {
  machine: MachineSpec;
  plan: ExecutionPlan;
}

export function findExecution(ctx: OperationContext, arn: string, detailed = false): FoundExecution {
  const parsed = ctx.store.arns.parseArn(arn);
  if (parsed === "invalid" || (parsed !== "foreign" && parsed.kind !== "execution" && parsed.kind !== "express")) {
    throw new SfnError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  }
  const missing = new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
  if (parsed === "foreign") throw missing;
  if (parsed.kind === "express") {
    // Express executions keep no history here, as in the service.
    if (ctx.store.machine(parsed.machine)?.type === "EXPRESS") {
      throw new SfnError("StateMachineTypeNotSupported", "This operation is not supported by EXPRESS state machines");
    }
    throw missing;
  }
  const machine = ctx.store.machine(parsed.machine);
  if (!machine) throw missing;
  const plan = ctx.store.planByArn(arn, machine, parsed.name, parsed.parentName, detailed);
  if (!plan || plan.startMs > ctx.nowMs) throw missing;
  return { machine, plan };
}

export function findMapRun(ctx: OperationContext, arn: string): MapRunPlan {
  const parsed = ctx.store.arns.parseArn(arn);
  if (parsed === "invalid" || (parsed !== "foreign" && parsed.kind !== "mapRun")) {
    throw new SfnError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  }
  const missing = new SfnError("ResourceNotFound", `Resource not found: '${arn}'`);
  if (parsed === "foreign") throw missing;
  const machine = ctx.store.machine(parsed.machine);
  const run = machine ? ctx.store.mapRun(machine, parsed.parentName, arn) : undefined;
  if (!run || run.startMs > ctx.nowMs) throw missing;
  return run;
}
