/**
 * One Logs Insights query: StartQuery, then GetQueryResults until it completes. Insights bills
 * per byte scanned, so callers bound the time range and cache the answer; the statistics
 * travel with the rows so the page can say what the query cost.
 */
import {
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryCommand,
  type StartQueryCommandOutput,
} from "@aws-sdk/client-cloudwatch-logs";
import type { SfnContext } from "../context";
import { SfnError } from "../errors";
import { sendTelemetry, telemetryFor } from "../telemetry";

export interface InsightsResult {
  /** Each row as field → value. */
  rows: Record<string, string>[];
  bytesScanned: number;
  recordsScanned: number;
  recordsMatched: number;
}

/** Insights returns at most this many rows per query. */
export const INSIGHTS_ROW_LIMIT = 10_000;

export async function runInsightsQuery(
  ctx: SfnContext,
  logGroupName: string,
  queryString: string,
  fromMs: number,
  toMs: number,
): Promise<InsightsResult> {
  const { queryTimeoutMs, pollMs } = telemetryFor(ctx);
  const started = await sendTelemetry<StartQueryCommandOutput>(
    ctx,
    "logs",
    "StartQuery",
    new StartQueryCommand({
      logGroupName,
      queryString,
      // Insights takes epoch seconds; round outwards so the window's edges are inside.
      startTime: Math.floor(fromMs / 1000),
      endTime: Math.ceil(toMs / 1000),
      limit: INSIGHTS_ROW_LIMIT,
    }),
  );
  const queryId = started.queryId;
  if (!queryId) throw new SfnError("UPSTREAM", "CloudWatch Logs started the query but returned no query id.");
  const deadline = Date.now() + queryTimeoutMs;
  for (;;) {
    const out = await sendTelemetry<GetQueryResultsCommandOutput>(ctx, "logs", "GetQueryResults", new GetQueryResultsCommand({ queryId }));
    const status = out.status ?? "Complete";
    if (status === "Complete") {
      return {
        rows: (out.results ?? []).map((row) => Object.fromEntries(row.filter((f) => f.field).map((f) => [f.field as string, f.value ?? ""]))),
        bytesScanned: out.statistics?.bytesScanned ?? 0,
        recordsScanned: out.statistics?.recordsScanned ?? 0,
        recordsMatched: out.statistics?.recordsMatched ?? 0,
      };
    }
    if (status === "Failed" || status === "Cancelled" || status === "Timeout") {
      throw new SfnError("UPSTREAM", `The Logs Insights query on ${logGroupName} ended with status ${status}.`);
    }
    if (Date.now() > deadline) {
      throw new SfnError("TIMEOUT", `The Logs Insights query on ${logGroupName} did not finish in ${Math.round(queryTimeoutMs / 1000)} s; it is retried on the next refresh.`, {
        retryAfterSeconds: 5,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
