/**
 * The demo account: one dispatcher for every operation, on the account's virtual clock
 * (the wall clock unless a test passes its own), with call counts and an intercept hook.
 */
import { DEFAULT_DEMO_SEED, DEMO_ACCOUNT_ID, DEMO_SCOPES, demoScope, demoScopeEndpoint, MAIN_DEMO_SCOPE, type DemoAccountOptions, type DemoScope, type SfnIntercept, type SfnResponse, type SimulatedDemoAccount } from "../contract";
import { scopeWorld, type ScopeWorld } from "../machines/organisation";
import { hash32 } from "../sim/random";
import { demoArns } from "./arns";
import { createDemoTelemetry } from "../cloudwatch/demo-telemetry";
import { ExecutionStore } from "./execution-store";
import {
  describeExecution,
  describeMapRun,
  getExecutionHistory,
  listExecutions,
  listMapRuns,
  prepareListExecutions,
  redriveExecution,
} from "./execution-operations";
import type { OperationContext } from "./lookup";
import {
  describeStateMachine,
  describeStateMachineForExecution,
  listStateMachines,
  startExecution,
  stopExecution,
} from "./machine-operations";
import { type Body, requestBody, SfnError } from "./protocol";

type Operation = (ctx: OperationContext, body: Body) => SfnResponse;

const OPERATIONS: Record<string, Operation> = {
  ListStateMachines: listStateMachines,
  DescribeStateMachine: describeStateMachine,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  ListExecutions: listExecutions,
  DescribeExecution: describeExecution,
  GetExecutionHistory: getExecutionHistory,
  ListMapRuns: listMapRuns,
  DescribeMapRun: describeMapRun,
  StartExecution: startExecution,
  StopExecution: stopExecution,
  RedriveExecution: redriveExecution,
};

/** Operations whose cold answer is long work: planned ahead in slices (see prepareListExecutions). */
const PREPARATIONS: Record<string, (ctx: OperationContext, body: Body) => Promise<void>> = {
  ListExecutions: prepareListExecutions,
};

const TARGET_PREFIX = "AWSStepFunctions.";

/** The Step Functions operation an X-Amz-Target names ("AWSStepFunctions.ListExecutions" → "ListExecutions"), if it names one. */
function operationOf(target: string): string | undefined {
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

const SCOPE_ID = /^([a-z0-9-]{1,40}):([a-z]{2}(?:-[a-z]+)+-\d+)$/;

/** The organisation's scope of this id, or a scope of the same shape for a demo source configured by hand. */
function scopeOf(id: string | undefined, accountId: string | undefined): { scope: DemoScope; world: ScopeWorld } {
  const known = demoScope(id ?? MAIN_DEMO_SCOPE.id);
  if (known && (accountId === undefined || accountId === known.accountId)) return { scope: known, world: scopeWorld(known) };
  const m = SCOPE_ID.exec(id ?? "");
  if (!m) throw new Error(`A demo scope is named 'name:region' (e.g. ${DEMO_SCOPES.map((s) => s.id).join(", ")}), not '${id}'`);
  const [name, region] = [m[1], m[2]];
  const scope: DemoScope = {
    id: `${name}:${region}`,
    name,
    region,
    accountId: accountId ?? DEMO_ACCOUNT_ID,
    endpoint: demoScopeEndpoint(name, region),
    logsEndpoint: demoScopeEndpoint(name, region, "logs"),
    metricsEndpoint: demoScopeEndpoint(name, region, "monitoring"),
  };
  return { scope, world: { machines: scopeWorld(MAIN_DEMO_SCOPE).machines } };
}

export function createDemoAccount(options: DemoAccountOptions = {}): SimulatedDemoAccount {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const { scope, world } = scopeOf(options.scope, options.accountId);
  const clock = options.clock ?? (() => Date.now());
  // The main scope's executions are what the single-account demo always had; every other scope
  // draws its own from the same seed, so two scopes never share an execution name.
  const scopeSeed = scope.id === MAIN_DEMO_SCOPE.id ? seed : hash32(seed, scope.id);
  const store = new ExecutionStore(scopeSeed, world.machines, demoArns(scope));
  // CloudWatch Logs and CloudWatch answer through the same dispatcher (their own targets).
  const telemetry = createDemoTelemetry(scopeSeed, store, world.machines);
  let intercept: SfnIntercept | undefined = options.intercept;
  let counts: Record<string, number> = {};

  function answer(target: string, body: unknown): SfnResponse {
    if (world.deniedMessage !== undefined) return { status: 400, body: { __type: "AccessDeniedException", message: world.deniedMessage } };
    const fromTelemetry = telemetry.answer(target, body, clock());
    if (fromTelemetry) return fromTelemetry;
    const operation = operationOf(target);
    const handler = operation !== undefined && Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!handler) {
      return new SfnError("UnknownOperationException", `Unknown operation: '${target}'`, "com.amazon.coral.service").toResponse();
    }
    try {
      return handler({ store, nowMs: clock() }, requestBody(body));
    } catch (err) {
      if (err instanceof SfnError) return err.toResponse();
      // A bug in the simulator must not look like a service error the client should handle.
      const message = err instanceof Error ? err.message : String(err);
      return { status: 500, body: { __type: "com.amazonaws.states#InternalFailure", message: `Demo account error: ${message}` } };
    }
  }

  return {
    seed,
    scope,
    dispatch(target, body) {
      const name = operationOf(target) ?? target;
      counts[name] = (counts[name] ?? 0) + 1;
      return intercept?.(target, body) ?? answer(target, body);
    },
    peek: answer,
    async prepare(target, body) {
      const operation = operationOf(target);
      const prepare = operation !== undefined && Object.hasOwn(PREPARATIONS, operation) ? PREPARATIONS[operation] : undefined;
      if (!prepare || world.deniedMessage !== undefined) return;
      let parsed: Body;
      try {
        parsed = requestBody(body);
      } catch {
        return;
      }
      await prepare({ store, nowMs: clock() }, parsed);
    },
    callCounts: () => ({ ...counts }),
    resetCallCounts() {
      counts = {};
    },
    setIntercept(next) {
      intercept = next;
    },
  };
}
