/**
 * What the demo account's state machines send to CloudWatch: log records (CloudWatch Logs)
 * and AWS/States metrics (CloudWatch), answered beside Step Functions by the same dispatcher.
 */
import type { SfnResponse } from "../contract";
import type { ExecutionStore } from "../account/execution-store";
import type { MachineSpec } from "../machines/machine-spec";
import { DemoLogs } from "../logs/logs-service";
import { ExecutionOutcomes } from "./execution-outcomes";
import { DemoCloudWatch } from "./metrics-service";

export interface DemoTelemetry {
  /** The answer for a CloudWatch Logs or CloudWatch target, or undefined for any other. */
  answer(target: string, body: unknown, nowMs: number): SfnResponse | undefined;
}

export function createDemoTelemetry(seed: number, store: ExecutionStore, machines: readonly MachineSpec[]): DemoTelemetry {
  const logs = new DemoLogs(seed, machines, store.arns);
  const cloudwatch = new DemoCloudWatch(machines, new ExecutionOutcomes(seed, store, (name) => logs.expressExecutionsOf(name)), store.arns);
  return {
    answer: (target, body, nowMs) => logs.answer(target, body, nowMs) ?? cloudwatch.answer(target, body, nowMs),
  };
}
