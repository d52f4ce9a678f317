/**
 * Executions started since a moment, by status, for the fleet page. ListExecutions is newest
 * first, so reading stops at the first execution older than the window; a busy machine could
 * still need many pages, so reading is capped and the result marked partial.
 */
import type { ExecutionStatusName, StateMachineSummary, StatusCounts } from "@/lib/contract/api";
import { cached, type SfnContext } from "./context";
import { SfnError } from "./errors";
import { fetchExecutionPage } from "./executions";
import { listStateMachines } from "./state-machines";
import { TTL } from "./ttl";

const COUNT_PAGE_SIZE = 1000;
export const MAX_COUNT_PAGES = 5;
/** State machines counted at once: ListExecutions has the smallest quota of the read calls. */
const COUNT_CONCURRENCY = 4;

export const EXPRESS_COUNTS_UNAVAILABLE =
  "Express executions are not listed by Step Functions; see CloudWatch Logs or metrics for Express state machines.";

export function emptyCounts(): StatusCounts {
  return { RUNNING: 0, SUCCEEDED: 0, FAILED: 0, TIMED_OUT: 0, ABORTED: 0, PENDING_REDRIVE: 0 };
}

export interface ExecutionCounts {
  counts: StatusCounts;
  partial: boolean;
}

export function countExecutionsSince(
  ctx: SfnContext,
  stateMachineArn: string,
  sinceMs: number,
  maxPages = MAX_COUNT_PAGES,
): Promise<ExecutionCounts> {
  // Keyed by machine only: the window slides with the clock, a few seconds of staleness is fine.
  return cached(ctx, `counts:${stateMachineArn}:${maxPages}`, TTL.counts, async () => {
    const counts = emptyCounts();
    let nextToken: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await fetchExecutionPage(ctx, { stateMachineArn }, undefined, nextToken, COUNT_PAGE_SIZE);
      for (const execution of result.executions) {
        if (execution.startedAt < sinceMs) return { counts, partial: false };
        counts[execution.status as ExecutionStatusName] += 1;
      }
      nextToken = result.nextToken;
      if (!nextToken) return { counts, partial: false };
    }
    return { counts, partial: true };
  });
}

async function mapWithConcurrency<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Every state machine, each with its executions started in the last `windowMs` by status. */
export async function listStateMachinesWithCounts(ctx: SfnContext, windowMs: number): Promise<StateMachineSummary[]> {
  const machines = await listStateMachines(ctx);
  const since = ctx.now() - windowMs;
  return mapWithConcurrency(machines, COUNT_CONCURRENCY, async (machine) => {
    if (machine.type === "EXPRESS") return { ...machine, countsUnavailable: EXPRESS_COUNTS_UNAVAILABLE };
    try {
      const { counts, partial } = await countExecutionsSince(ctx, machine.arn, since);
      return partial ? { ...machine, counts, countsPartial: true } : { ...machine, counts };
    } catch (error) {
      // One machine's counts failing (throttled, denied) should not hide the whole fleet.
      if (error instanceof SfnError) return { ...machine, countsUnavailable: error.message };
      throw error;
    }
  });
}
