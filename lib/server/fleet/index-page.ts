/**
 * One page of an execution list served from the index. Pure. The cursor is the position of the
 * last execution returned (start time and ARN, the index's order), not an offset: executions
 * that start while a person pages do not shift the pages they have not read yet.
 */
import { z } from "zod";
import type { ExecutionStatusName, ExecutionSummary, ExecutionsResponse } from "@/lib/contract/api";
import { SfnError } from "@/lib/sfn/errors";

export interface IndexPageQuery {
  status?: ExecutionStatusName;
  /** Name prefix, case-insensitive. */
  name?: string;
  cursor?: string;
  limit: number;
}

const cursorSchema = z.object({ i: z.literal(1), s: z.number(), a: z.string(), q: z.string() });

function fingerprint(query: IndexPageQuery): string {
  return JSON.stringify([query.status ?? null, query.name?.toLowerCase() ?? null]);
}

/** `newestFirst` is ordered by start time descending, then ARN ascending (the index's order). */
export function pageOfIndex(newestFirst: readonly ExecutionSummary[], query: IndexPageQuery): ExecutionsResponse {
  const q = fingerprint(query);
  const after = query.cursor ? decodeIndexCursor(query.cursor, q) : undefined;
  const needle = query.name?.toLowerCase();
  const executions: ExecutionSummary[] = [];
  let i = after ? firstAfter(newestFirst, after.s, after.a) : 0;
  for (; i < newestFirst.length; i++) {
    const e = newestFirst[i];
    if (query.status && e.status !== query.status) continue;
    if (needle && !e.name.toLowerCase().startsWith(needle)) continue;
    if (executions.length === query.limit) {
      const last = executions[executions.length - 1];
      return { executions, nextCursor: encodeIndexCursor(last, q) };
    }
    executions.push(e);
  }
  return { executions };
}

/** Whether a cursor was issued by `pageOfIndex` (the Step Functions walk issues another kind). */
export function isIndexCursor(cursor: string): boolean {
  return parse(cursor) !== undefined;
}

function encodeIndexCursor(last: ExecutionSummary, q: string): string {
  return Buffer.from(JSON.stringify({ i: 1, s: last.startedAt, a: last.arn, q })).toString("base64url");
}

function parse(text: string): z.infer<typeof cursorSchema> | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function decodeIndexCursor(text: string, q: string): { s: number; a: string } {
  const parsed = parse(text);
  if (!parsed) throw new SfnError("BAD_REQUEST", "The cursor is not one this server issued; start from the first page.");
  if (parsed.q !== q) throw new SfnError("BAD_REQUEST", "The cursor belongs to another query (different filters); start from the first page.");
  return parsed;
}

/** Index of the first execution after (startedAt, arn) in the list's order. */
function firstAfter(newestFirst: readonly ExecutionSummary[], startedAt: number, arn: string): number {
  let lo = 0;
  let hi = newestFirst.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = newestFirst[mid];
    const before = e.startedAt > startedAt || (e.startedAt === startedAt && e.arn <= arn);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
