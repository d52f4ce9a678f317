/** Operations on state machines, and starting and stopping executions. */
import type { MachineSpec } from "../machines/machine-spec";
import type { Json } from "../sim/jsonpath";
import { seenAt } from "../sim/plan";
import { hash32, Rng } from "../sim/random";
import { findExecution, findMachine, type OperationContext } from "./lookup";
import { type Body, decodeToken, encodeToken, epochSeconds, ok, optionalString, pageSize, requiredString, SfnError } from "./protocol";
import type { SfnResponse } from "../contract";
import { loggingConfigurationOf } from "../logs/demo-logging";

const isIndex = (p: unknown): p is number => typeof p === "number" && Number.isInteger(p) && p >= 0;

function machineShape(ctx: OperationContext, machine: MachineSpec) {
  return {
    roleArn: ctx.store.arns.roleArn(machine.name),
    definition: JSON.stringify(machine.definition, null, 2),
    loggingConfiguration: loggingConfigurationOf(machine, ctx.store.arns.place),
    tracingConfiguration: { enabled: false },
  };
}

export function listStateMachines(ctx: OperationContext, body: Body): SfnResponse {
  const { stateMachineArn } = ctx.store.arns;
  const size = pageSize(body, 100);
  const from = decodeToken(body, "ListStateMachines", isIndex) ?? 0;
  const machines = ctx.store.machines.slice(from, from + size);
  const next = from + size < ctx.store.machines.length ? encodeToken("ListStateMachines", from + size) : undefined;
  return ok({
    stateMachines: machines.map((m) => ({
      stateMachineArn: stateMachineArn(m.name),
      name: m.name,
      type: m.type,
      creationDate: epochSeconds(m.createdMs),
    })),
    ...(next ? { nextToken: next } : {}),
  });
}

export function describeStateMachine(ctx: OperationContext, body: Body): SfnResponse {
  const machine = findMachine(ctx, requiredString(body, "stateMachineArn"));
  return ok({
    stateMachineArn: ctx.store.arns.stateMachineArn(machine.name),
    name: machine.name,
    status: "ACTIVE",
    type: machine.type,
    description: machine.description,
    creationDate: epochSeconds(machine.createdMs),
    ...machineShape(ctx, machine),
  });
}

export function describeStateMachineForExecution(ctx: OperationContext, body: Body): SfnResponse {
  const { machine, plan } = findExecution(ctx, requiredString(body, "executionArn"));
  if (plan.mapRunArn) {
    const run = ctx.store.mapRunOfChild(machine, plan);
    return ok({
      stateMachineArn: plan.stateMachineArn,
      name: plan.stateMachineArn.split(":").pop(),
      definition: run?.definition ?? "{}",
      roleArn: ctx.store.arns.roleArn(machine.name),
      updateDate: epochSeconds(machine.createdMs),
      mapRunArn: plan.mapRunArn,
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
  }
  return ok({
    stateMachineArn: ctx.store.arns.stateMachineArn(machine.name),
    name: machine.name,
    updateDate: epochSeconds(machine.createdMs),
    ...machineShape(ctx, machine),
  });
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

export function startExecution(ctx: OperationContext, body: Body): SfnResponse {
  const { executionArn, expressExecutionArn } = ctx.store.arns;
  const machine = findMachine(ctx, requiredString(body, "stateMachineArn"));
  const inputText = optionalString(body, "input") ?? "{}";
  let input: Json;
  try {
    input = JSON.parse(inputText) as Json;
  } catch {
    throw new SfnError("InvalidExecutionInput", `Invalid State Machine Execution Input: 'Unexpected token in JSON input: ${inputText.slice(0, 40)}'`);
  }
  const given = optionalString(body, "name");
  if (given !== undefined && !NAME_PATTERN.test(given)) throw new SfnError("InvalidName", `Invalid Name: '${given}'`);
  const name = given ?? new Rng(hash32(ctx.store.seed, machine.name, ctx.nowMs, ctx.store.startedCount())).uuid();
  if (machine.type === "EXPRESS") {
    const id = new Rng(hash32(ctx.store.seed, name, ctx.nowMs)).uuid();
    return ok({ executionArn: expressExecutionArn(machine.name, name, id), startDate: epochSeconds(ctx.nowMs) });
  }
  if (ctx.store.isKnownName(machine, name) && !ctx.store.isStartedWithInput(machine, name, inputText)) {
    throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn(machine.name, name)}'`);
  }
  const started = ctx.store.start(machine, name, input, inputText, ctx.nowMs);
  return ok({ executionArn: executionArn(machine.name, name), startDate: epochSeconds(started.startMs) });
}

export function stopExecution(ctx: OperationContext, body: Body): SfnResponse {
  const arn = requiredString(body, "executionArn");
  const { plan } = findExecution(ctx, arn);
  const error = optionalString(body, "error");
  const cause = optionalString(body, "cause");
  const seen = seenAt(plan, ctx.nowMs);
  if (seen.status === "RUNNING") ctx.store.stop(plan, { atMs: ctx.nowMs, kind: "ABORTED", error, cause });
  return ok({ stopDate: epochSeconds(seen.stopMs ?? ctx.nowMs) });
}
