/**
 * Express executions, read from the CloudWatch Logs group their state machine logs to:
 * the list of a window from one Logs Insights query (bounded, cached), one execution's events
 * from a filtered read (FilterLogEvents on its ARN, never a scan of the group).
 */
import { FilterLogEventsCommand, type FilterLogEventsCommandOutput } from "@aws-sdk/client-cloudwatch-logs";
import type {
  ExecutionDetail,
  ExecutionStatusName,
  ExpressExecutionsResponse,
  ExpressLogsInfo,
  HistoryResponse,
  MachineLogging,
  StateMachineDescription,
} from "@/lib/contract/api";
import { redactExecutionData } from "@/lib/security/redaction";
import { cached, type SfnContext } from "../context";
import { SfnError } from "../errors";
import { describeStateMachine } from "../state-machines";
import { sendTelemetry } from "../telemetry";
import { TTL } from "../ttl";
import { INSIGHTS_ROW_LIMIT, runInsightsQuery } from "./insights";
import { loggingCoverage } from "./level";
import { EXECUTION_LEVEL_TYPES, type LogRecord, parseExpressExecutionArn, parseLogRecord } from "./records";
import { type ExpressHistory, executionsFromRecords, historyFromRecords } from "./summarise";

const MINUTE = 60_000;
/** An Express execution runs for five minutes at most. */
const EXPRESS_MAX_DURATION_MS = 5 * MINUTE;
/** Without a time range the list covers the last hour: Insights bills every byte of the range. */
export const DEFAULT_EXPRESS_LIST_MS = 60 * MINUTE;
/** FilterLogEvents pages one execution may read (10,000 events a page at most). */
const MAX_FILTER_PAGES = 10;

export interface ExpressListQuery {
  status?: ExecutionStatusName;
  from?: number;
  to?: number;
  cursor?: string;
  limit?: number;
}

interface WindowRecords {
  records: LogRecord[];
  unreadable: number;
  bytesScanned: number;
  recordsScanned: number;
  recordsMatched: number;
  truncated: boolean;
}

function logsInfo(logging: MachineLogging | undefined, extra: Partial<ExpressLogsInfo> = {}): ExpressLogsInfo {
  const coverage = loggingCoverage(logging);
  return {
    logging: logging ?? { level: "OFF", includeExecutionData: false },
    coverage: coverage.coverage,
    ...(coverage.advice ? { advice: coverage.advice } : {}),
    ...extra,
  };
}

function insightsQuery(machineName: string): string {
  const types = EXECUTION_LEVEL_TYPES.map((t) => `"${t}"`).join(", ");
  // A log group may be shared by several machines: keep this one's executions only.
  return [
    "fields @timestamp, @message",
    `| filter type in [${types}]`,
    `| filter execution_arn like ":express:${machineName}:"`,
    "| sort @timestamp desc",
    `| limit ${INSIGHTS_ROW_LIMIT}`,
  ].join("\n");
}

function missingGroup(error: unknown, logGroupName: string, machineName: string): unknown {
  if (error instanceof SfnError && error.code === "NOT_FOUND") {
    return new SfnError(
      "NOT_FOUND",
      `The log group ${logGroupName} that ${machineName} logs to does not exist (deleted, or in another region or account): no Express executions can be read from it.`,
    );
  }
  return error;
}

/** The execution-level records of a window, one Insights query per (group, minute-aligned window), cached. */
function windowRecords(ctx: SfnContext, machine: StateMachineDescription, logGroupName: string, from: number, to: number): Promise<WindowRecords> {
  const fromQ = Math.floor(from / MINUTE) * MINUTE;
  const toQ = Math.ceil(to / MINUTE) * MINUTE;
  const key = `express-list:${logGroupName}:${machine.name}:${fromQ}:${toQ}`;
  // A window still open gains executions; a closed one only late deliveries.
  const ttl = toQ + EXPRESS_MAX_DURATION_MS > ctx.now() ? MINUTE : 10 * MINUTE;
  return cached(ctx, key, ttl, async () => {
    // Executions that started in the window may end up to five minutes after it.
    const result = await runInsightsQuery(ctx, logGroupName, insightsQuery(machine.name), fromQ, toQ + EXPRESS_MAX_DURATION_MS).catch((error: unknown) => {
      throw missingGroup(error, logGroupName, machine.name);
    });
    const records: LogRecord[] = [];
    let unreadable = 0;
    for (const row of result.rows) {
      const record = row["@message"] !== undefined ? parseLogRecord(row["@message"]) : undefined;
      if (!record) unreadable++;
      // Emulators may ignore the query's filters: apply them again here.
      else if ((EXECUTION_LEVEL_TYPES as readonly string[]).includes(record.type) && record.executionArn.includes(`:express:${machine.name}:`)) records.push(record);
    }
    return {
      records,
      unreadable,
      bytesScanned: result.bytesScanned,
      recordsScanned: result.recordsScanned,
      recordsMatched: result.recordsMatched,
      truncated: result.rows.length >= INSIGHTS_ROW_LIMIT,
    };
  });
}

/** A page of an Express machine's executions in a window (the last hour by default), newest first. */
export async function listExpressExecutions(ctx: SfnContext, machine: StateMachineDescription, query: ExpressListQuery): Promise<ExpressExecutionsResponse> {
  const coverage = loggingCoverage(machine.logging);
  const logGroupName = machine.logging?.logGroupName;
  if (!coverage.readable || !logGroupName) return { executions: [], logs: logsInfo(machine.logging) };
  const to = query.to ?? ctx.now();
  const from = query.from ?? to - DEFAULT_EXPRESS_LIST_MS;
  const window = await windowRecords(ctx, machine, logGroupName, from, to);
  const startedInRange = new Set(window.records.filter((r) => r.type === "ExecutionStarted").map((r) => r.executionArn));
  const summaries = executionsFromRecords(window.records).filter(
    (e) =>
      // At level ALL an execution without its start record started before the window.
      (!coverage.fullHistory || startedInRange.has(e.arn)) &&
      e.startedAt >= from &&
      e.startedAt <= to &&
      (query.status === undefined || e.status === query.status),
  );
  for (const e of summaries) rememberStart(ctx, e.arn, e.startedAt);
  const offset = query.cursor && /^\d+$/.test(query.cursor) ? Number(query.cursor) : 0;
  const limit = query.limit ?? 50;
  // A cause can carry payload text: masked like every other payload before it leaves the server.
  const page = summaries.slice(offset, offset + limit).map((e) => redactExecutionData(e, ctx.redactPaths ?? [], ctx.secrets.for(e.arn)));
  return {
    executions: page,
    ...(offset + limit < summaries.length ? { nextCursor: String(offset + limit) } : {}),
    logs: logsInfo(machine.logging, {
      bytesScanned: window.bytesScanned,
      recordsScanned: window.recordsScanned,
      recordsMatched: window.recordsMatched,
      from,
      to,
      executionsInRange: summaries.length,
      ...(window.truncated ? { truncated: true } : {}),
      ...(window.unreadable > 0 ? { unreadableRecords: window.unreadable } : {}),
    }),
  };
}

// Where an execution's records are: a list saw it start, so its events lie within minutes of that.
function rememberStart(ctx: SfnContext, arn: string, startedAt: number): void {
  ctx.cache.set(`express-start:${arn}`, startedAt, 6 * 60 * MINUTE);
}

/** Every record of one execution: a filtered read on its ARN, time-bounded when a list has seen it start. */
async function executionRecords(ctx: SfnContext, arn: string, logGroupName: string, machineName: string): Promise<{ records: LogRecord[]; unreadable: number }> {
  const startedAt = ctx.cache.get<number>(`express-start:${arn}`);
  const records: LogRecord[] = [];
  let unreadable = 0;
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_FILTER_PAGES; page++) {
    const out = await sendTelemetry<FilterLogEventsCommandOutput>(
      ctx,
      "logs",
      "FilterLogEvents",
      new FilterLogEventsCommand({
        logGroupName,
        // A quoted term matches the ARN in any record, a damaged (non-JSON) one included, so it can be counted.
        filterPattern: `"${arn}"`,
        ...(startedAt !== undefined ? { startTime: startedAt - MINUTE, endTime: startedAt + EXPRESS_MAX_DURATION_MS + MINUTE } : {}),
        nextToken,
      }),
    ).catch((error: unknown) => {
      throw missingGroup(error, logGroupName, machineName);
    });
    for (const event of out.events ?? []) {
      const record = parseLogRecord(event.message ?? "");
      if (!record) unreadable++;
      else if (record.executionArn === arn) records.push(record);
    }
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  return { records, unreadable };
}

interface ExpressExecution {
  machine: StateMachineDescription;
  history: ExpressHistory;
}

function finishedHistoryTtl(history: ExpressHistory): number {
  return history.finished ? TTL.finished : TTL.runningHistory;
}

/** A finished Express history kept by an earlier read (this instance's, an earlier run's or another instance's). */
async function keptExpressHistory(ctx: SfnContext, arn: string): Promise<ExpressHistory | undefined> {
  if (!ctx.historyArchive) return undefined;
  try {
    const events = await ctx.historyArchive.get(arn);
    return events?.length ? { events, finished: true } : undefined;
  } catch (error) {
    // An unreadable copy is not an answer: the logs still have the records.
    console.error(`[stepscope] could not read the kept history of ${arn}: ${(error as Error).message}`);
    return undefined;
  }
}

async function readExpressExecution(ctx: SfnContext, arn: string): Promise<ExpressExecution> {
  const parsed = parseExpressExecutionArn(arn);
  if (!parsed) throw new SfnError("BAD_REQUEST", `${arn} is not an Express execution ARN.`);
  const machine = await describeStateMachine(ctx, parsed.stateMachineArn);
  const coverage = loggingCoverage(machine.logging);
  const logGroupName = machine.logging?.logGroupName;
  if (!coverage.readable || !logGroupName) {
    throw new SfnError("NOT_FOUND", `${coverage.coverage} ${coverage.advice ?? ""}`.trim());
  }
  const history = await cached(ctx, `express-history:${arn}`, finishedHistoryTtl, async () => {
    const kept = await keptExpressHistory(ctx, arn);
    if (kept) return kept;
    const { records, unreadable } = await executionRecords(ctx, arn, logGroupName, machine.name);
    const read = historyFromRecords(records, machine.logging!, unreadable);
    const history = { ...read, events: redactExecutionData(read.events, ctx.redactPaths ?? [], ctx.secrets.for(arn)) };
    // Finished and whole, it never changes (Express executions cannot be redriven): kept, it is not read from the logs again.
    if (history.finished && !history.problem) ctx.historyArchive?.put(arn, history.events);
    return history;
  });
  if (history.events.length === 0) {
    throw new SfnError(
      "NOT_FOUND",
      `No log records of this Express execution in ${logGroupName}: it is older than the group's retention, logged elsewhere, or does not exist.`,
    );
  }
  return { machine, history };
}

function detailOf(event: { [key: string]: unknown } | undefined, key: string): Record<string, unknown> {
  const value = event?.[key];
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

const STATUS_OF_END: Record<string, ExecutionStatusName> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
};

/** The execution page's description of an Express execution, from its first and last records. */
export async function getExpressExecutionDetail(ctx: SfnContext, arn: string): Promise<ExecutionDetail> {
  const { machine, history } = await readExpressExecution(ctx, arn);
  const parsed = parseExpressExecutionArn(arn)!;
  const events = history.events;
  const startEvent = events.find((e) => e.type === "ExecutionStarted");
  const endEvent = events.find((e) => STATUS_OF_END[e.type] !== undefined);
  const start = detailOf(startEvent, "executionStartedEventDetails");
  const endKey = endEvent ? `${endEvent.type.charAt(0).toLowerCase()}${endEvent.type.slice(1)}EventDetails` : "";
  const end = detailOf(endEvent, endKey);
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const description = redactExecutionData(
    {
      arn,
      name: parsed.name,
      stateMachineArn: machine.arn,
      status: endEvent ? STATUS_OF_END[endEvent.type] : ("RUNNING" as ExecutionStatusName),
      startedAt: Number((startEvent ?? events[0]).timestamp),
      ...(endEvent ? { stoppedAt: Number(endEvent.timestamp) } : {}),
      input: text(start.input),
      output: text(end.output),
      error: text(end.error),
      cause: text(end.cause),
    },
    ctx.redactPaths ?? [],
    ctx.secrets.for(arn),
  );
  return {
    ...description,
    stateMachineName: machine.name,
    stateMachineType: "EXPRESS",
    // Express executions have no DescribeStateMachineForExecution: the definition deployed now is the best there is.
    definition: machine.definition,
    logs: logsInfo(machine.logging, history.problem ? { problem: history.problem } : {}),
  };
}

/** The history route for an Express execution: the events after `after`, as for a Standard one. */
export async function getExpressHistorySince(ctx: SfnContext, arn: string, after: number | undefined): Promise<HistoryResponse> {
  const { history } = await readExpressExecution(ctx, arn);
  const events = after === undefined ? history.events : history.events.filter((e) => e.id > after);
  return { events, finished: history.finished, lastEventId: history.events[history.events.length - 1]?.id ?? 0 };
}

/** Whether a state machine is Express, from its (cached) description. */
export async function expressMachine(ctx: SfnContext, stateMachineArn: string): Promise<StateMachineDescription | undefined> {
  const machine = await describeStateMachine(ctx, stateMachineArn);
  return machine.type === "EXPRESS" ? machine : undefined;
}
