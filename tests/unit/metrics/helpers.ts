import type { ExecutionStatusName, ExecutionSummary } from "@/lib/contract/api";
import type { Attempt, ExecutionModel, RunStatus, StateRun } from "@/lib/history/model";

export const NOW = Date.UTC(2026, 10, 25, 14, 7, 30);
export const MINUTE = 60_000;

let counter = 0;

export function execution(status: ExecutionStatusName, startedAt: number, durationMs?: number): ExecutionSummary {
  counter++;
  return {
    arn: `arn:aws:states:us-east-1:123456789012:execution:orders:run-${counter}`,
    name: `run-${counter}`,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
    status,
    startedAt,
    stoppedAt: durationMs === undefined ? undefined : startedAt + durationMs,
  };
}

export function run(name: string, status: RunStatus, options: { attempts?: number; error?: string; enteredAt?: number; durationMs?: number; path?: string } = {}): StateRun {
  const enteredAt = options.enteredAt ?? NOW;
  const attempts: Attempt[] = [];
  for (let i = 0; i < (options.attempts ?? 0); i++) {
    const last = i === (options.attempts ?? 0) - 1;
    const failedAttempt = !last || status === "failed" || status === "caught";
    attempts.push({
      index: i,
      status: failedAttempt ? "failed" : "succeeded",
      scheduledAt: enteredAt + i,
      error: failedAttempt ? options.error ?? "Lambda.ServiceException" : undefined,
      eventIds: [],
    });
  }
  return {
    path: options.path ?? name,
    name,
    type: "Task",
    status,
    enteredAt,
    exitedAt: status === "running" ? undefined : enteredAt + (options.durationMs ?? 100),
    error: status === "failed" || status === "caught" || status === "timed_out" ? options.error ?? "Lambda.ServiceException" : undefined,
    attempts,
    eventIds: [],
    unknownEvents: [],
  };
}

export function model(status: ExecutionModel["status"], runs: StateRun[], extra: Partial<ExecutionModel> = {}): ExecutionModel {
  return {
    status,
    complete: status !== "RUNNING",
    runs,
    redrives: [],
    unknownEvents: [],
    eventCount: runs.length * 3 + 2,
    lastEventId: runs.length * 3 + 2,
    hasExecutionData: true,
    ...extra,
  };
}
