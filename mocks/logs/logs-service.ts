/**
 * The demo account's CloudWatch Logs (JSON 1.1, target `Logs_20140328.*`): the log groups the
 * Express machines write to, read with DescribeLogGroups, FilterLogEvents, StartQuery and
 * GetQueryResults. Records are derived from the simulated executions, never stored.
 */
import type { SfnResponse } from "../contract";
import type { MachineSpec } from "../machines/machine-spec";
import type { DemoArns } from "../account/arns";
import { Lru } from "../account/lru";
import type { ExecutionPlan } from "../sim/plan";
import { DEMO_LOG_RETENTION_DAYS, demoLoggingOf } from "./demo-logging";
import { ExpressExecutions } from "./express-traffic";
import { compileFilterPattern } from "./filter-pattern";
import { type QueryOutcome, parseInsightsQuery, runInsights } from "./insights-query";
import { type DemoLogging, type LogEvent, logEventsOf } from "./log-records";

export const LOGS_TARGET_PREFIX = "Logs_20140328.";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Express executions run five minutes at most: records of one started before a range may fall in it. */
const EXPRESS_MAX_MS = 5 * MINUTE;
/** One FilterLogEvents call scans this much of its range, then hands back a token (as the service does). */
const FILTER_SCAN_MS = HOUR;
const MAX_FILTER_EVENTS = 10_000;
const MAX_QUERY_ROWS = 10_000;

class LogsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface Group {
  machine: MachineSpec;
  logging: DemoLogging;
  executions: ExpressExecutions;
}

type Body = Record<string, unknown>;

function num(body: Body, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new LogsError("InvalidParameterException", `${field} must be a number`);
  return v;
}

function str(body: Body, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new LogsError("InvalidParameterException", `${field} must be a string`);
  return v;
}

export class DemoLogs {
  private readonly groups = new Map<string, Group>();
  private readonly queries = new Lru<string, QueryOutcome & { started: number }>(200);
  private queryCount = 0;

  constructor(
    seed: number,
    machines: readonly MachineSpec[],
    private readonly arns: DemoArns,
  ) {
    for (const machine of machines) {
      const logging = demoLoggingOf(machine);
      if (logging) this.groups.set(logging.logGroupName, { machine, logging, executions: new ExpressExecutions(seed, machine, arns) });
    }
  }

  /** The Express executions behind a machine's log group (metrics are derived from the same runs). */
  expressExecutionsOf(machineName: string): ExpressExecutions | undefined {
    for (const g of this.groups.values()) if (g.machine.name === machineName) return g.executions;
    return undefined;
  }

  answer(target: string, rawBody: unknown, nowMs: number): SfnResponse | undefined {
    if (!target.startsWith(LOGS_TARGET_PREFIX)) return undefined;
    const operation = target.slice(LOGS_TARGET_PREFIX.length);
    const body = (typeof rawBody === "object" && rawBody !== null ? rawBody : {}) as Body;
    try {
      switch (operation) {
        case "DescribeLogGroups":
          return ok(this.describeLogGroups(body));
        case "FilterLogEvents":
          return ok(this.filterLogEvents(body, nowMs));
        case "StartQuery":
          return ok(this.startQuery(body, nowMs));
        case "GetQueryResults":
          return ok(this.getQueryResults(body));
        case "StopQuery":
          return ok({ success: true });
        default:
          throw new LogsError("UnknownOperationException", `Unknown operation: ${operation}`);
      }
    } catch (error) {
      if (error instanceof LogsError) return { status: 400, body: { __type: error.type, message: error.message } };
      throw error;
    }
  }

  private group(name: string | undefined): Group {
    const group = name === undefined ? undefined : this.groups.get(name);
    if (!group) throw new LogsError("ResourceNotFoundException", "The specified log group does not exist.");
    return group;
  }

  private describeLogGroups(body: Body) {
    const prefix = str(body, "logGroupNamePrefix") ?? "";
    return {
      logGroups: [...this.groups.values()]
        .filter((g) => g.logging.logGroupName.startsWith(prefix))
        .map((g) => ({
          logGroupName: g.logging.logGroupName,
          arn: `arn:aws:logs:${this.arns.place.region}:${this.arns.place.accountId}:log-group:${g.logging.logGroupName}:*`,
          creationTime: g.machine.createdMs,
          retentionInDays: DEMO_LOG_RETENTION_DAYS,
        })),
    };
  }

  private retainedFrom(nowMs: number): number {
    return nowMs - DEMO_LOG_RETENTION_DAYS * DAY;
  }

  /** Every record written in [fromMs, toMs] (clipped to the retention), oldest first. */
  private eventsBetween(group: Group, fromMs: number, toMs: number, nowMs: number): LogEvent[] {
    const from = Math.max(fromMs, this.retainedFrom(nowMs));
    const to = Math.min(toMs, nowMs);
    if (to < from) return [];
    const out: LogEvent[] = [];
    for (const plan of group.executions.between(from - EXPRESS_MAX_MS, to)) {
      for (const e of logEventsOf(plan, group.logging, nowMs)) if (e.timestamp >= from && e.timestamp <= to) out.push(e);
    }
    return out.sort((a, b) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : 1));
  }

  /** The one execution a pattern names, when it names one by ARN: read directly instead of scanning. */
  private namedExecution(group: Group, pattern: string): ExecutionPlan | undefined {
    const m = /arn:aws:states:[^"\s]+:express:[^"\s]+/.exec(pattern);
    if (!m) return undefined;
    const parsed = this.arns.parseArn(m[0]);
    if (typeof parsed !== "object" || parsed.kind !== "express" || parsed.machine !== group.machine.name) return undefined;
    const plan = group.executions.byName(parsed.name);
    return plan && plan.executionArn === m[0] ? plan : undefined;
  }

  private filterLogEvents(body: Body, nowMs: number) {
    const group = this.group(str(body, "logGroupName"));
    const pattern = str(body, "filterPattern") ?? "";
    let matches;
    try {
      matches = compileFilterPattern(pattern);
    } catch (error) {
      throw new LogsError("InvalidParameterException", (error as Error).message);
    }
    const limit = Math.min(num(body, "limit") ?? MAX_FILTER_EVENTS, MAX_FILTER_EVENTS);
    const start = Math.max(num(body, "startTime") ?? 0, this.retainedFrom(nowMs));
    const end = Math.min(num(body, "endTime") ?? nowMs, nowMs);
    const token = str(body, "nextToken");
    const resumeAt = token !== undefined ? Number(token) : start;
    if (!Number.isFinite(resumeAt)) throw new LogsError("InvalidParameterException", "The nextToken is not valid.");
    const named = this.namedExecution(group, pattern);
    if (named) {
      const events = logEventsOf(named, group.logging, nowMs).filter((e) => e.timestamp >= start && e.timestamp <= end && matches(e.message));
      return { events: events.slice(0, limit).map(toFiltered), searchedLogStreams: [] };
    }
    const sliceEnd = Math.min(end, resumeAt + FILTER_SCAN_MS);
    const events = this.eventsBetween(group, resumeAt, sliceEnd, nowMs).filter((e) => matches(e.message)).slice(0, limit);
    return { events: events.map(toFiltered), searchedLogStreams: [], ...(sliceEnd < end ? { nextToken: String(sliceEnd + 1) } : {}) };
  }

  private startQuery(body: Body, nowMs: number) {
    const names = body.logGroupNames ?? (body.logGroupName !== undefined ? [body.logGroupName] : undefined);
    if (!Array.isArray(names) || names.length === 0) throw new LogsError("InvalidParameterException", "logGroupName or logGroupNames is required.");
    const groups = names.map((n) => this.group(typeof n === "string" ? n : undefined));
    const queryString = str(body, "queryString");
    if (!queryString) throw new LogsError("InvalidParameterException", "queryString is required.");
    const startTime = num(body, "startTime");
    const endTime = num(body, "endTime");
    if (startTime === undefined || endTime === undefined) throw new LogsError("InvalidParameterException", "startTime and endTime are required.");
    let parsed;
    try {
      parsed = parseInsightsQuery(queryString);
    } catch (error) {
      throw new LogsError("MalformedQueryException", `The query is not valid: ${(error as Error).message}`);
    }
    const limit = Math.min(num(body, "limit") ?? MAX_QUERY_ROWS, MAX_QUERY_ROWS);
    const events = groups.flatMap((g) => this.eventsBetween(g, startTime * 1000, endTime * 1000, nowMs));
    const outcome = runInsights(parsed, events, groups[0].logging.logGroupName, limit);
    const queryId = `demo-${(++this.queryCount).toString(16).padStart(8, "0")}-${nowMs.toString(16)}`;
    this.queries.set(queryId, { ...outcome, started: nowMs });
    return { queryId };
  }

  private getQueryResults(body: Body) {
    const id = str(body, "queryId");
    const q = id === undefined ? undefined : this.queries.get(id);
    if (!q) throw new LogsError("ResourceNotFoundException", "The query does not exist (unknown or expired query id).");
    return {
      status: "Complete",
      results: q.rows.map((row) => Object.entries(row).map(([field, value]) => ({ field, value }))),
      statistics: { recordsMatched: q.recordsMatched, recordsScanned: q.recordsScanned, bytesScanned: q.bytesScanned },
    };
  }
}

function toFiltered(e: LogEvent) {
  return { logStreamName: e.logStreamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: e.eventId };
}

function ok(body: unknown): SfnResponse {
  return { status: 200, body };
}
