import type { ExecutionStatusName, ExecutionSummary } from "@/lib/contract/api";
import { ALL_STATUSES } from "./status";

/**
 * Executions as columns: what the figures of a window read of each execution (start, stop,
 * status) in typed arrays, so a fold over a million of them touches ~17 bytes each instead of an
 * object each. `stoppedAt` is NaN when there is no stop; `status` is a `statusCode`.
 * Only the first `length` entries count (the arrays may be larger: growable buffers).
 */
export interface ExecutionColumns {
  length: number;
  startedAt: Float64Array;
  stoppedAt: Float64Array;
  status: Uint8Array;
}

/** The code of a status in `ExecutionColumns.status`: its index in ALL_STATUSES. */
export const STATUS_CODE: Readonly<Record<ExecutionStatusName, number>> = Object.fromEntries(ALL_STATUSES.map((s, i) => [s, i])) as Record<ExecutionStatusName, number>;
/** A status this build does not know: counted as skipped, as before. */
export const UNKNOWN_STATUS_CODE = 255;

export function statusCode(status: string): number {
  return (STATUS_CODE as Record<string, number>)[status] ?? UNKNOWN_STATUS_CODE;
}

export function statusOfCode(code: number): ExecutionStatusName | undefined {
  return ALL_STATUSES[code];
}

export function columnsOf(executions: readonly ExecutionSummary[]): ExecutionColumns {
  const n = executions.length;
  const out: ExecutionColumns = { length: n, startedAt: new Float64Array(n), stoppedAt: new Float64Array(n), status: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const e = executions[i];
    out.startedAt[i] = e.startedAt;
    out.stoppedAt[i] = e.stoppedAt ?? NaN;
    out.status[i] = statusCode(e.status);
  }
  return out;
}
