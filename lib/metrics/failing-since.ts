import type { ExecutionSummary } from "@/lib/contract/api";
import { columnsOf, STATUS_CODE, statusOfCode, type ExecutionColumns } from "./columns";
import { isError } from "./status";

/**
 * When the current run of failures began: the start of the oldest of the newest finished
 * executions that all failed, timed out or were aborted (running ones are skipped: they have no
 * outcome yet). Undefined when the newest finished execution succeeded, or none finished.
 */
export function failingSince(executions: readonly ExecutionSummary[]): number | undefined {
  return failingSinceOfColumns(columnsOf(executions));
}

/**
 * The same over columns, in any order: the run of failures is every error started after the
 * newest other outcome (an error and a success started in the same millisecond: the success
 * counts as the newer, so the machine is not called failing on a tie).
 */
export function failingSinceOfColumns(columns: ExecutionColumns): number | undefined {
  let newestOther = -Infinity;
  for (let i = 0; i < columns.length; i++) {
    const status = columns.status[i];
    if (status === STATUS_CODE.RUNNING || status === STATUS_CODE.PENDING_REDRIVE || ERROR_CODE[status]) continue;
    if (columns.startedAt[i] > newestOther) newestOther = columns.startedAt[i];
  }
  let since: number | undefined;
  for (let i = 0; i < columns.length; i++) {
    if (!ERROR_CODE[columns.status[i]]) continue;
    const started = columns.startedAt[i];
    if (started > newestOther && (since === undefined || started < since)) since = started;
  }
  return since;
}

/** Whether a status code is an error, by the one rule of `isError`. */
const ERROR_CODE: readonly boolean[] = Array.from({ length: 256 }, (_, code) => isError(statusOfCode(code) ?? ""));
