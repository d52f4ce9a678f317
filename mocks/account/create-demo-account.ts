/**
 * The demo account: one dispatcher for every operation, on the account's virtual clock
 * (the wall clock unless a test passes its own), with call counts and an intercept hook.
 */
import { DEFAULT_DEMO_SEED, type DemoAccountOptions, type SfnIntercept, type SfnResponse, type SimulatedDemoAccount } from "../contract";
import { DEMO_MACHINES } from "../machines";
import { createDemoTelemetry } from "../cloudwatch/demo-telemetry";
import { ExecutionStore } from "./execution-store";
import {
  describeExecution,
  describeMapRun,
  getExecutionHistory,
  listExecutions,
  listMapRuns,
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

const TARGET_PREFIX = "AWSStepFunctions.";

export function createDemoAccount(options: DemoAccountOptions = {}): SimulatedDemoAccount {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const clock = options.clock ?? (() => Date.now());
  const store = new ExecutionStore(seed, DEMO_MACHINES);
  // CloudWatch Logs and CloudWatch answer through the same dispatcher (their own targets).
  const telemetry = createDemoTelemetry(seed, store, DEMO_MACHINES);
  let intercept: SfnIntercept | undefined = options.intercept;
  let counts: Record<string, number> = {};

  function answer(target: string, body: unknown): SfnResponse {
    const fromTelemetry = telemetry.answer(target, body, clock());
    if (fromTelemetry) return fromTelemetry;
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
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
    dispatch(target, body) {
      const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      counts[name] = (counts[name] ?? 0) + 1;
      return intercept?.(target, body) ?? answer(target, body);
    },
    peek: answer,
    callCounts: () => ({ ...counts }),
    resetCallCounts() {
      counts = {};
    },
    setIntercept(next) {
      intercept = next;
    },
  };
}
