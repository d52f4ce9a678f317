import type { ExecutionDetail, ExecutionSummary } from "@/lib/contract/api";
import type { ExecutionModel } from "@/lib/history/model";
import type { FailureRecord } from "./error-groups";
import { isError } from "./status";

type ExecutionRef = Pick<ExecutionSummary, "arn" | "name" | "startedAt" | "stoppedAt">;

/**
 * The failure of a folded execution: the innermost state that caused it (through Parallel and
 * Map), with that state's error and cause, else the execution's own. Undefined when the
 * execution did not fail, time out or get aborted.
 */
export function failureFromModel(execution: ExecutionRef, model: ExecutionModel): FailureRecord | undefined {
  if (!isError(model.status)) return undefined;
  const run = model.failedRunPath ? model.runs.find((r) => r.path === model.failedRunPath) : undefined;
  return {
    executionArn: execution.arn,
    executionName: execution.name,
    at: failureTime(execution.stoppedAt ?? model.stoppedAt, execution.startedAt),
    state: run?.name,
    error: run?.error ?? model.error ?? defaultErrorFor(model.status),
    cause: run?.cause ?? model.cause,
  };
}

/** The failure of an execution known only from DescribeExecution (no state: its history was not read). */
export function failureFromDetail(detail: ExecutionDetail): FailureRecord | undefined {
  if (!isError(detail.status)) return undefined;
  return {
    executionArn: detail.arn,
    executionName: detail.name,
    at: failureTime(detail.stoppedAt, detail.startedAt),
    error: detail.error ?? defaultErrorFor(detail.status),
    cause: detail.cause,
  };
}

function failureTime(stoppedAt: number | undefined, startedAt: number): number {
  return stoppedAt !== undefined && Number.isFinite(stoppedAt) ? stoppedAt : startedAt;
}

/** Timeouts and aborts often carry no error name; name them so they group visibly. */
function defaultErrorFor(status: string): string | undefined {
  if (status === "TIMED_OUT") return "States.Timeout";
  if (status === "ABORTED") return "Aborted";
  return undefined;
}
