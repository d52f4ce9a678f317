/**
 * SDK output → our contract shapes. Dates become epoch milliseconds.
 */
import type {
  DescribeExecutionCommandOutput,
  DescribeMapRunCommandOutput,
  DescribeStateMachineCommandOutput,
  ExecutionListItem,
  HistoryEvent as SdkHistoryEvent,
  MapRunListItem,
  StateMachineListItem,
} from "@aws-sdk/client-sfn";
import type {
  ExecutionDescription,
  ExecutionStatusName,
  ExecutionSummary,
  MachineLogging,
  MapRunCounts,
  MapRunDescription,
  MapRunSummary,
  StateMachineDescription,
  StateMachineSummary,
} from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";

export function epochMs(value: Date | number | string | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

const STATUSES = new Set<ExecutionStatusName>(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]);

function statusName(status: string | undefined): ExecutionStatusName {
  // An unknown future status is shown as running rather than dropped; the history tells the truth.
  return status && STATUSES.has(status as ExecutionStatusName) ? (status as ExecutionStatusName) : "RUNNING";
}

function machineType(type: string | undefined): "STANDARD" | "EXPRESS" {
  return type === "EXPRESS" ? "EXPRESS" : "STANDARD";
}

export function toStateMachineSummary(item: StateMachineListItem): StateMachineSummary {
  return {
    arn: item.stateMachineArn ?? "",
    name: item.name ?? "",
    type: machineType(item.type),
    createdAt: epochMs(item.creationDate) ?? 0,
  };
}

export function toStateMachineDescription(out: DescribeStateMachineCommandOutput): StateMachineDescription {
  return {
    arn: out.stateMachineArn ?? "",
    name: out.name ?? "",
    type: machineType(out.type),
    status: out.status,
    createdAt: epochMs(out.creationDate) ?? 0,
    definition: out.definition ?? "",
    roleArn: out.roleArn,
    description: out.description,
    revisionId: out.revisionId,
    logging: toMachineLogging(out.loggingConfiguration),
  };
}

const LEVELS = new Set(["ALL", "ERROR", "FATAL", "OFF"]);

/** loggingConfiguration → level, data flag and the log group's name (from `arn:…:log-group:NAME:*`). */
export function toMachineLogging(config: DescribeStateMachineCommandOutput["loggingConfiguration"]): MachineLogging | undefined {
  if (!config) return undefined;
  const level = config.level && LEVELS.has(config.level) ? (config.level as MachineLogging["level"]) : "OFF";
  const arn = config.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn;
  const logGroupName = arn ? /:log-group:([^:]+)/.exec(arn)?.[1] : undefined;
  return { level, includeExecutionData: config.includeExecutionData === true, ...(logGroupName ? { logGroupName } : {}) };
}

export function toExecutionSummary(item: ExecutionListItem): ExecutionSummary {
  return {
    arn: item.executionArn ?? "",
    name: item.name ?? "",
    stateMachineArn: item.stateMachineArn ?? "",
    status: statusName(item.status),
    startedAt: epochMs(item.startDate) ?? 0,
    stoppedAt: epochMs(item.stopDate),
    mapRunArn: item.mapRunArn,
    redriveCount: item.redriveCount,
    redrivenAt: epochMs(item.redriveDate),
  };
}

export function toExecutionDescription(out: DescribeExecutionCommandOutput): ExecutionDescription {
  return {
    arn: out.executionArn ?? "",
    name: out.name ?? "",
    stateMachineArn: out.stateMachineArn ?? "",
    status: statusName(out.status),
    startedAt: epochMs(out.startDate) ?? 0,
    stoppedAt: epochMs(out.stopDate),
    input: out.input,
    inputTruncated: out.inputDetails?.included === false ? true : undefined,
    output: out.output,
    outputTruncated: out.outputDetails?.included === false ? true : undefined,
    error: out.error,
    cause: out.cause,
    redriveCount: out.redriveCount,
    redriveStatus: out.redriveStatus,
    redriveStatusReason: out.redriveStatusReason,
    mapRunArn: out.mapRunArn,
  };
}

export function toMapRunSummary(item: MapRunListItem): MapRunSummary {
  return {
    arn: item.mapRunArn ?? "",
    executionArn: item.executionArn ?? "",
    stateMachineArn: item.stateMachineArn ?? "",
    startedAt: epochMs(item.startDate) ?? 0,
    stoppedAt: epochMs(item.stopDate),
  };
}

function counts(c: Partial<MapRunCounts> | undefined): MapRunCounts {
  return {
    pending: c?.pending ?? 0,
    running: c?.running ?? 0,
    succeeded: c?.succeeded ?? 0,
    failed: c?.failed ?? 0,
    timedOut: c?.timedOut ?? 0,
    aborted: c?.aborted ?? 0,
    total: c?.total ?? 0,
    resultsWritten: c?.resultsWritten ?? 0,
    failuresNotRedrivable: c?.failuresNotRedrivable,
    pendingRedrive: c?.pendingRedrive,
  };
}

export function toMapRunDescription(out: DescribeMapRunCommandOutput): MapRunDescription {
  return {
    arn: out.mapRunArn ?? "",
    executionArn: out.executionArn ?? "",
    status: out.status ?? "RUNNING",
    startedAt: epochMs(out.startDate) ?? 0,
    stoppedAt: epochMs(out.stopDate),
    maxConcurrency: out.maxConcurrency ?? 0,
    toleratedFailurePercentage: out.toleratedFailurePercentage ?? 0,
    toleratedFailureCount: out.toleratedFailureCount ?? 0,
    itemCounts: counts(out.itemCounts),
    executionCounts: counts(out.executionCounts),
    redriveCount: out.redriveCount,
    redrivenAt: epochMs(out.redriveDate),
  };
}

/** An SDK event → our HistoryEvent: every details field kept, the timestamp as epoch ms. */
export function toHistoryEvent(event: SdkHistoryEvent): HistoryEvent {
  const { id, previousEventId, timestamp, type, ...details } = event;
  const out: HistoryEvent = { id: Number(id ?? 0), timestamp: epochMs(timestamp) ?? 0, type: String(type ?? "Unknown"), ...details };
  // The first event has previousEventId 0 on the wire; keep it only when it links somewhere.
  if (previousEventId !== undefined && previousEventId !== null) out.previousEventId = Number(previousEventId);
  return out;
}
