/**
 * The CloudWatch Logs and CloudWatch clients beside the Step Functions one: Express executions
 * are read from the logs Step Functions writes, fleet figures from its AWS/States metrics.
 * One pair per SfnContext (so they share its cache, single-flight and clock); tests pass their own.
 *
 * Server only: lib/sfn is the only importer of @aws-sdk/*.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { loadConfig, type StepscopeConfig } from "@/lib/config/env";
import { DEMO_LOGS_ENDPOINT, DEMO_METRICS_ENDPOINT } from "@/mocks/contract";
import { redactExecutionData } from "@/lib/security/redaction";
import type { SfnContext } from "./context";
import { sourceCredentials } from "./credentials";
import { SfnError, toSfnError } from "./errors";
import { requestHandlerFor } from "./request-handler";

export interface TelemetryClients {
  logs: CloudWatchLogsClient;
  metrics: CloudWatchClient;
  logsLabel: string;
  metricsLabel: string;
  /** How long a Logs Insights query may run before the page is told to try again. */
  queryTimeoutMs: number;
  /** Between GetQueryResults polls. */
  pollMs: number;
}

const PLACEHOLDER_CREDENTIALS = { accessKeyId: "stepscope", secretAccessKey: "stepscope" };

export function createTelemetryClients(config: StepscopeConfig): TelemetryClients {
  const common = {
    region: config.region,
    retryMode: "adaptive" as const,
    maxAttempts: config.maxAttempts,
    requestHandler: requestHandlerFor(config),
  };
  const placeholder = config.source === "demo" || (config.source === "emulator" && !config.hasCredentials);
  const credentials = placeholder ? { credentials: PLACEHOLDER_CREDENTIALS } : sourceCredentials(config);
  // A configured demo scope serves its logs and metrics at its own endpoint, as an emulator does.
  const logsEndpoint = config.source === "demo" ? (config.logsEndpoint ?? DEMO_LOGS_ENDPOINT) : config.logsEndpoint;
  const metricsEndpoint = config.source === "demo" ? (config.metricsEndpoint ?? DEMO_METRICS_ENDPOINT) : config.metricsEndpoint;
  return {
    logs: new CloudWatchLogsClient({ ...common, ...credentials, ...(logsEndpoint ? { endpoint: logsEndpoint } : {}) }),
    metrics: new CloudWatchClient({ ...common, ...credentials, ...(metricsEndpoint ? { endpoint: metricsEndpoint } : {}) }),
    // Messages say "CloudWatch Logs at <label>": the label names only where.
    logsLabel: config.source === "demo" ? "the demo account" : (logsEndpoint ?? `AWS ${config.region}`),
    metricsLabel: config.source === "demo" ? "the demo account" : (metricsEndpoint ?? `AWS ${config.region}`),
    queryTimeoutMs: Math.min(config.callTimeoutMs, 30_000),
    pollMs: config.source === "aws" ? 500 : 20,
  };
}

const byContext = new WeakMap<SfnContext, TelemetryClients>();

export function telemetryFor(ctx: SfnContext): TelemetryClients {
  let clients = byContext.get(ctx);
  if (!clients) {
    clients = createTelemetryClients(ctx.config ?? loadConfig());
    byContext.set(ctx, clients);
  }
  return clients;
}

/** Tests point a context at their own endpoints (moto, msw). */
export function setTelemetryFor(ctx: SfnContext, clients: TelemetryClients): void {
  byContext.set(ctx, clients);
}

type Service = "logs" | "cloudwatch";

const SERVICE_NAME: Record<Service, string> = { logs: "CloudWatch Logs", cloudwatch: "CloudWatch" };

/** One call with a deadline; failures come out as SfnErrors that name the service and the permission. */
export async function sendTelemetry<Output>(
  ctx: SfnContext,
  service: Service,
  operation: string,
  command: unknown,
): Promise<Output> {
  const clients = telemetryFor(ctx);
  const client = (service === "logs" ? clients.logs : clients.metrics) as unknown as {
    send(c: unknown, o: { abortSignal: AbortSignal }): Promise<Output>;
  };
  try {
    const output = await client.send(command, { abortSignal: AbortSignal.timeout(ctx.callTimeoutMs) });
    return service === "logs" ? redactLogOutput(ctx, operation, command, output) : output;
  } catch (error) {
    throw telemetryError(error, service, operation, service === "logs" ? clients.logsLabel : clients.metricsLabel);
  }
}

/** Express log records carry the same payloads a history does, so they are redacted where they enter, as send() does for Step Functions. */
function redactLogOutput<Output>(ctx: SfnContext, operation: string, command: unknown, output: Output): Output {
  const paths = ctx.redactPaths ?? [];
  if (paths.length === 0 || (operation !== "FilterLogEvents" && operation !== "GetQueryResults")) return output;
  const input = ((command as { input?: Record<string, unknown> }).input ?? {}) as Record<string, unknown>;
  const owner = String(input.filterPattern ?? input.queryId ?? input.logGroupName ?? operation);
  return redactExecutionData(output, paths, ctx.secrets.for(owner));
}

export function telemetryError(error: unknown, service: Service, operation: string, label: string): SfnError {
  if (error instanceof SfnError) return error;
  const mapped = toSfnError(error, { operation, endpointLabel: label });
  const name = SERVICE_NAME[service];
  const prefix = service === "logs" ? "logs" : "cloudwatch";
  let message = mapped.message.replaceAll("Step Functions endpoint", `${name} endpoint`).replaceAll("Step Functions", name).replaceAll(`states:${operation}`, `${prefix}:${operation}`);
  if (mapped.code === "ACCESS_DENIED" && !message.includes(`${prefix}:${operation}`)) message += ` It needs ${prefix}:${operation}.`;
  return new SfnError(mapped.code, message, { retryAfterSeconds: mapped.retryAfterSeconds });
}
