/**
 * What every lib/sfn call needs: the client, the shared cache, single-flight, the clock, and
 * how to name the endpoint in errors. One context per process (see default-context.ts); tests
 * build their own.
 *
 * Server only (imports the SDK): never import lib/sfn from client components.
 */
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { HistoryEvent } from "@/lib/history/events";
import { loadConfig, type StepscopeConfig } from "@/lib/config/env";
import { redactExecutionData, SecretLedger, type RedactPath } from "@/lib/security/redaction";
import { parseSecuritySettings, type SecuritySettings } from "@/lib/security/settings";
import { ByteLruCache } from "./cache";
import { createSfnClient, endpointLabel } from "./client";
import { SfnError, toSfnError } from "./errors";
import { parseQuotas, type Quota } from "./quotas";
import { RateLimiter } from "./rate-limiter";
import { noteReachable, noteUnreachable } from "./reachability";
import { installQuotaMiddleware } from "./quota-middleware";
import { SharedBodies } from "./shared-bodies";
import { SingleFlight } from "./single-flight";

/**
 * Where finished histories outlive the process (the server's store sets one; absent: memory
 * only). Only what this layer already redacted is handed to it.
 */
export interface HistoryArchive {
  get(executionArn: string): Promise<HistoryEvent[] | undefined>;
  /** Not awaited: keeping a copy never delays an answer; the archive logs what it could not keep. */
  put(executionArn: string, events: readonly HistoryEvent[]): void;
}

export interface SfnContext {
  client: SFNClient;
  cache: ByteLruCache;
  /** Serialized finished histories, streamed to every viewer from one copy. */
  bodies: SharedBodies<{ lastEventId: number }>;
  flight: SingleFlight;
  now: () => number;
  endpointLabel: string;
  /** Deadline for one call, SDK retries included. */
  callTimeoutMs: number;
  /** Learned at run time: some emulators ignore GetExecutionHistory's reverseOrder. */
  reverseOrderIgnored: boolean;
  /** Client-side token buckets per operation (absent: no client-side throttling). */
  limiter?: RateLimiter;
  /** JSON paths masked in every payload before it is cached or answered. */
  redactPaths?: RedactPath[];
  /** Values found at those paths, per execution: scrubbed from every string of its data. */
  secrets: SecretLedger;
  /** Whether StopExecution and RedriveExecution may be sent (STEPSCOPE_ALLOW_ACTIONS=true). */
  allowActions?: boolean;
  /** When Step Functions last answered with a throttle (epoch ms). */
  throttledAt?: number;
  /** The configuration the context was built from (the CloudWatch clients beside it use the same). */
  config?: StepscopeConfig;
  /** Finished histories read before: asked before Step Functions, given every history that finished. */
  historyArchive?: HistoryArchive;
  /** What the last calls said of the source itself (its health is read from this). */
  outcome: SourceOutcome;
}

/** The codes that say something about the source rather than about one request. */
const SOURCE_FAILURES = new Set(["UNAVAILABLE", "TIMEOUT", "THROTTLED", "ACCESS_DENIED", "UNAUTHORIZED", "UPSTREAM"]);

export interface SourceOutcome {
  /** The last time the source answered (a "no such execution" is an answer too). */
  answeredAt?: number;
  /** The last failure of the source itself, cleared by the next answer. */
  failure?: { code: string; message: string; at: number };
}

function noteOutcome(ctx: SfnContext, error?: SfnError): void {
  if (error && SOURCE_FAILURES.has(error.code)) ctx.outcome.failure = { code: error.code, message: error.message, at: ctx.now() };
  else {
    ctx.outcome.answeredAt = ctx.now();
    ctx.outcome.failure = undefined;
  }
}

export interface SfnContextOptions {
  now?: () => number;
  maxCacheBytes?: number;
  client?: SFNClient;
  /** Defaults: Step Functions' default quotas with STEPSCOPE_QUOTA_* overrides. */
  quotas?: Record<string, Quota>;
  /** Longest wait for a client-side token before answering THROTTLED. */
  maxThrottleWaitMs?: number;
  /** Defaults to STEPSCOPE_ALLOW_ACTIONS and STEPSCOPE_REDACT_PATHS from the environment. */
  security?: SecuritySettings;
  sleep?: (ms: number) => Promise<void>;
}

/** A poll waits this long at most for a token; past it, the page shows "delayed" and polls again. */
export const DEFAULT_MAX_THROTTLE_WAIT_MS = 2_000;

export function createSfnContext(config: StepscopeConfig = loadConfig(), options: SfnContextOptions = {}): SfnContext {
  const now = options.now ?? Date.now;
  const security = options.security ?? parseSecuritySettings(process.env);
  const cache = new ByteLruCache({ maxBytes: options.maxCacheBytes ?? config.cacheBytes, now });
  const client = options.client ?? createSfnClient(config);
  const limiter = new RateLimiter({
    quotas: options.quotas ?? parseQuotas(process.env),
    maxWaitMs: options.maxThrottleWaitMs ?? DEFAULT_MAX_THROTTLE_WAIT_MS,
    now,
    sleep: options.sleep,
  });
  installQuotaMiddleware(client, limiter);
  return {
    client,
    cache,
    bodies: new SharedBodies(cache, now),
    flight: new SingleFlight(),
    now,
    endpointLabel: endpointLabel(config),
    callTimeoutMs: config.callTimeoutMs,
    reverseOrderIgnored: false,
    limiter,
    redactPaths: security.redactPaths,
    secrets: new SecretLedger(),
    allowActions: security.allowActions,
    config,
    outcome: {},
  };
}

const THROTTLE_MEMORY_MS = 60_000;

/** The member every well-formed answer has; an answer without it (an empty body, a stray `{}`) is not trusted. */
const REQUIRED_OUTPUT: Record<string, string> = {
  ListStateMachines: "stateMachines",
  ListExecutions: "executions",
  GetExecutionHistory: "events",
  DescribeExecution: "executionArn",
  DescribeStateMachine: "stateMachineArn",
  DescribeStateMachineForExecution: "definition",
  ListMapRuns: "mapRuns",
  DescribeMapRun: "mapRunArn",
};

function assertComplete(ctx: SfnContext, operation: string, output: unknown): void {
  const field = REQUIRED_OUTPUT[operation];
  if (!field) return;
  const value = (output as Record<string, unknown> | undefined)?.[field];
  if (value === undefined || value === null) {
    throw new SfnError(
      "UPSTREAM",
      `Step Functions at ${ctx.endpointLabel} answered ${operation} with an empty or incomplete response (no ${field}): a proxy or an incompatible endpoint may be in between.`,
    );
  }
}

/** The only calls that change anything that Stepscope may ever send, and only when enabled. */
const ACTIONS = new Set(["StopExecution", "RedriveExecution"]);
const READ_ONLY = /^(Describe|List|Get)[A-Z]/;

function assertPermitted(ctx: SfnContext, operation: string): void {
  if (READ_ONLY.test(operation)) return;
  if (ACTIONS.has(operation) && ctx.allowActions) return;
  throw new SfnError(
    "ACCESS_DENIED",
    ACTIONS.has(operation)
      ? `${operation} is disabled: Stepscope is read-only unless started with STEPSCOPE_ALLOW_ACTIONS=true.`
      : `${operation} is never sent by Stepscope: it only reads, and can at most stop or redrive an execution.`,
  );
}

/** The answers that carry execution data (payloads, causes, variables, map run details). */
const EXECUTION_DATA = new Set(["DescribeExecution", "GetExecutionHistory", "ListExecutions", "ListMapRuns", "DescribeMapRun"]);

/**
 * The one place execution data enters Stepscope, so the one place it is redacted: nothing
 * unmasked is cached, stored, folded into metrics or answered, whichever route asks.
 */
function redactOutput<Output>(ctx: SfnContext, operation: string, command: unknown, output: Output): Output {
  const paths = ctx.redactPaths ?? [];
  if (paths.length === 0 || !EXECUTION_DATA.has(operation)) return output;
  const input = ((command as { input?: Record<string, unknown> }).input ?? {}) as Record<string, unknown>;
  const owner = String(input.executionArn ?? input.mapRunArn ?? input.stateMachineArn ?? operation);
  return redactExecutionData(output, paths, ctx.secrets.for(owner));
}

/**
 * Send one command: only permitted operations, within the client-side quota, with a deadline;
 * every failure comes out as an SfnError.
 */
export async function send<Output>(ctx: SfnContext, operation: string, command: unknown): Promise<Output> {
  assertPermitted(ctx, operation);
  // The client-side bucket is taken per attempt, inside the SDK's retry loop (quota-middleware.ts).
  const deadline = AbortSignal.timeout(ctx.callTimeoutMs);
  try {
    const client = ctx.client as unknown as { send(c: unknown, o: { abortSignal: AbortSignal }): Promise<Output> };
    const output = await client.send(command, { abortSignal: deadline });
    noteReachable(ctx.endpointLabel, ctx.now());
    noteOutcome(ctx);
    assertComplete(ctx, operation, output);
    return redactOutput(ctx, operation, command, output);
  } catch (error) {
    let mapped = toSfnError(error, { operation, endpointLabel: ctx.endpointLabel });
    if (mapped.code === "UNAVAILABLE") noteUnreachable(ctx.endpointLabel, mapped.message, ctx.now());
    if (mapped.code === "THROTTLED") {
      ctx.throttledAt = ctx.now();
      // Step Functions itself refused: the account's bucket is empty for everyone, so is ours.
      if (!(error instanceof SfnError)) ctx.limiter?.drain(operation);
    }
    // Soon after a throttle, a missed deadline is the service slowing down under the same pressure: say so.
    if (mapped.code === "TIMEOUT" && ctx.throttledAt !== undefined && ctx.now() - ctx.throttledAt < THROTTLE_MEMORY_MS) {
      mapped = new SfnError(
        "THROTTLED",
        `Step Functions is throttling this account, so ${operation} is backing off; data will refresh when the quota recovers.`,
        { retryAfterSeconds: 2 },
      );
    }
    noteOutcome(ctx, mapped);
    throw mapped;
  }
}

/**
 * Cached and single-flighted: concurrent callers share one upstream call, and the result is
 * kept for `ttl` (a number, or a function of the value: finished things live forever).
 */
export function cached<T>(ctx: SfnContext, key: string, ttl: number | ((value: T) => number), load: () => Promise<T>): Promise<T> {
  const hit = ctx.cache.get<T>(key);
  if (hit !== undefined) return Promise.resolve(hit);
  return ctx.flight.run(key, async () => {
    const value = await load();
    ctx.cache.set(key, value, typeof ttl === "function" ? ttl(value) : ttl);
    return value;
  });
}
