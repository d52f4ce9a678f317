/** ListExecutions (paged with our cursor), DescribeExecution, and the detail our API returns. */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ListExecutionsCommand,
  type ListExecutionsCommandOutput,
} from "@aws-sdk/client-sfn";
import type {
  ExecutionDescription,
  ExecutionDetail,
  ExecutionStatusName,
  ExecutionSummary,
  ExecutionsResponse,
} from "@/lib/contract/api";
import { scrubExecutionData } from "@/lib/security/redaction";
import { cached, send, type SfnContext } from "./context";
import { toExecutionDescription, toExecutionSummary } from "./convert";
import { decodeCursor, encodeCursor } from "./cursor";
import { describeStateMachineForExecution, describeStateMachine } from "./state-machines";
import { TTL } from "./ttl";

export type ExecutionsTarget = { stateMachineArn: string } | { mapRunArn: string };

export interface ListExecutionsQuery {
  target: ExecutionsTarget;
  status?: ExecutionStatusName;
  /** Only executions started at or after this epoch ms. */
  from?: number;
  /** Only executions started at or before this epoch ms. */
  to?: number;
  /** Only executions whose name starts with this (case-insensitive). */
  name?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Without a filter one SDK page is one of ours, so a cursor resumes at AWS's own token
 * (stable while new executions start). A date or name filter may discard most of a page: read
 * the biggest ones, so that a range hours back is reached in a few calls, not dozens.
 */
const FILTERED_SDK_PAGE_SIZE = 1000;
/**
 * How many SDK pages one of our pages may read while looking for matches (25,000 executions):
 * enough to reach any range of a busy day in one call, so a page comes back filled rather than
 * empty with a cursor.
 */
const MAX_SDK_PAGES_PER_CALL = 25;
export const DEFAULT_PAGE_LIMIT = 50;

export interface ExecutionPageOptions {
  /**
   * Whether the page is kept in the response cache for the next viewer (the default). The fleet
   * index says no: it keeps what it read itself, and its walk over a big account would fill
   * the cache with pages nobody reads again (a third of the heap at a million executions).
   */
  cache?: boolean;
}

export async function fetchExecutionPage(
  ctx: SfnContext,
  target: ExecutionsTarget,
  status: ExecutionStatusName | undefined,
  nextToken: string | undefined,
  maxResults: number,
  options: ExecutionPageOptions = {},
): Promise<{ executions: ExecutionSummary[]; nextToken?: string }> {
  const key = `executions:${JSON.stringify([target, status, nextToken, maxResults])}`;
  const load = async () => {
    const out = await send<ListExecutionsCommandOutput>(
      ctx,
      "ListExecutions",
      new ListExecutionsCommand({ ...target, statusFilter: status, nextToken, maxResults }),
    );
    return { executions: (out.executions ?? []).map(toExecutionSummary), nextToken: out.nextToken };
  };
  // Concurrent callers share one call either way.
  return options.cache === false ? ctx.flight.run(key, load) : cached(ctx, key, TTL.executionList, load);
}

/**
 * A page of executions, newest first. Step Functions has no date filter, so `from`/`to` are
 * applied here; since the list is newest first, reading stops at the first one older than `from`.
 */
export async function listExecutions(ctx: SfnContext, query: ListExecutionsQuery): Promise<ExecutionsResponse> {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const needle = query.name?.toLowerCase();
  const fingerprint = JSON.stringify([query.target, query.status ?? null, query.from ?? null, query.to ?? null, needle ?? null]);
  const filtered = query.from !== undefined || query.to !== undefined || needle !== undefined;
  const start = query.cursor
    ? decodeCursor(query.cursor, fingerprint)
    : { token: undefined, skip: 0, pageSize: filtered ? Math.max(limit, FILTERED_SDK_PAGE_SIZE) : limit };
  const { pageSize } = start;
  const executions: ExecutionSummary[] = [];
  let token = start.token;
  let skip = start.skip;
  for (let pages = 0; pages < MAX_SDK_PAGES_PER_CALL; pages++) {
    const page = await fetchExecutionPage(ctx, query.target, query.status, token, pageSize);
    for (let i = skip; i < page.executions.length; i++) {
      const execution = page.executions[i];
      if (query.from !== undefined && execution.startedAt < query.from) return { executions };
      if (query.to !== undefined && execution.startedAt > query.to) continue;
      if (needle !== undefined && !execution.name.toLowerCase().startsWith(needle)) continue;
      executions.push(execution);
      if (executions.length === limit) {
        const resume =
          i + 1 < page.executions.length ? { token, skip: i + 1 } : page.nextToken ? { token: page.nextToken, skip: 0 } : undefined;
        return { executions, nextCursor: resume && encodeCursor({ ...resume, pageSize, query: fingerprint }) };
      }
    }
    if (!page.nextToken) return { executions };
    token = page.nextToken;
    skip = 0;
  }
  // Read enough for one call; hand back what was found and where to go on.
  return { executions, nextCursor: encodeCursor({ token, skip: 0, pageSize, query: fingerprint }) };
}

function isFinished(status: ExecutionStatusName): boolean {
  return status !== "RUNNING";
}

export async function describeExecution(ctx: SfnContext, executionArn: string): Promise<ExecutionDescription> {
  const description = await cached(
    ctx,
    `execution:${executionArn}`,
    // PENDING_REDRIVE and FAILED can still be redriven, so only a few statuses are final enough to keep.
    (d) => (isFinished(d.status) && d.status !== "PENDING_REDRIVE" && d.status !== "FAILED" ? TTL.finished : TTL.runningExecution),
    async () =>
      toExecutionDescription(
        await send<DescribeExecutionCommandOutput>(ctx, "DescribeExecution", new DescribeExecutionCommand({ executionArn })),
      ),
  );
  // Redacted when read (in send); scrubbed again because reading the history since may have
  // found more values at the paths, which the cause can quote.
  return ctx.redactPaths?.length ? scrubExecutionData(description, ctx.secrets.for(executionArn)) : description;
}

/** The execution, the state machine it belongs to, and the definition it actually ran. */
export async function getExecutionDetail(ctx: SfnContext, executionArn: string): Promise<ExecutionDetail> {
  const description = await describeExecution(ctx, executionArn);
  const ran = await describeStateMachineForExecution(ctx, executionArn);
  const machine = await describeStateMachine(ctx, description.stateMachineArn).catch(() => undefined);
  return {
    ...description,
    stateMachineName: machine?.name ?? ran.name,
    stateMachineType: machine?.type ?? "STANDARD",
    definition: ran.definition,
  };
}
