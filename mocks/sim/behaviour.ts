/** How a simulated Task answers: the machines describe their workers with these. */
import type { Json } from "./jsonpath";
import type { Rng } from "./random";

export interface ExecutionFacts {
  machineName: string;
  executionName: string;
  startMs: number;
  /** Per-execution choices made once (e.g. "this order's card is declined"), shared by all its tasks. */
  traits: Record<string, number | string | boolean>;
}

export interface TaskCall {
  state: string;
  /** e.g. "lambda", "dynamodb", "sns". */
  resourceType: string;
  /** e.g. "invoke", "putItem", "publish.waitForTaskToken". */
  resource: string;
  parameters: Json;
  /** 0 for the first attempt, n for the n-th retry. */
  attempt: number;
  /** How many times the execution has been redriven before this call. */
  redriveCount: number;
  /** When the task starts, on the virtual clock. */
  startMs: number;
  rng: Rng;
  execution: ExecutionFacts;
}

export type TaskOutcome =
  | { kind: "succeed"; durationMs: number; result: Json }
  | { kind: "fail"; durationMs: number; error: string; cause?: string }
  /** Never answers nor heartbeats: TimeoutSeconds or HeartbeatSeconds ends it. */
  | { kind: "silent" };

export type TaskBehaviour = (call: TaskCall) => TaskOutcome;
