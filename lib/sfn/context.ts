/**
 * What every lib/sfn call needs: the client, the shared cache, single-flight, the clock, and
 * how to name the endpoint in errors. One context per process (see default-context.ts); tests
 * build their own.
 *
 * Server only (imports the SDK): never import lib/sfn from client components.
 */
import type { SFNClient } from "@aws-sdk/client-sfn";
import { loadConfig, type StepscopeConfig } from "@/lib/config/env";
import type { RedactPath } from "@/lib/security/redact";
import { parseSecuritySettings, type SecuritySettings } from "@/lib/security/settings";
import { ByteLruCache } from "./cache";
import { createSfnClient, endpointLabel } from "./client";
import { SfnError, toSfnError } from "./errors";
import { parseQuotas, type Quota } from "./quotas";
import { RateLimiter } from "./rate-limiter";
import { noteReachable, noteUnreachable } from "./reachability";
import { SingleFlight } from "./single-flight";

export interface SfnContext {
  client: SFNClient;
  cache: ByteLruCache;
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
  /** Whether StopExecution and RedriveExecution may be sent (STEPSCOPE_ALLOW_ACTIONS=true). */
  allowActions?: boolean;
  /** When Step Functions last answered with a throttle (epoch ms). */
  throttledAt?: number;
  /** The configuration the context was built from (the CloudWatch clients beside it use the same). */
  config?: StepscopeConfig;
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
  return {
    client: options.client ?? createSfnClient(config),
    cache: new ByteLruCache({ maxBytes: options.maxCacheBytes ?? config.cacheBytes, now }),
    flight: new SingleFlight(),
    now,
    endpointLabel: endpointLabel(config),
    callTimeoutMs: config.callTimeoutMs,
    reverseOrderIgnored: false,
    limiter: new RateLimiter({
      quotas: options.quotas ?? parseQuotas(process.env),
      maxWaitMs: options.maxThrottleWaitMs ?? DEFAULT_MAX_THROTTLE_WAIT_MS,
      now,
      sleep: options.sleep,
    }),
    redactPaths: security.redactPaths,
    allowActions: security.allowActions,
    config,
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

/**
 * Send one command: only permitted operations, within the client-side quota, with a deadline;
 * every failure comes out as an SfnError.
 */
export async function send<Output>(ctx: SfnContext, operation: string, command: unknown): Promise<Output> {
  assertPermitted(ctx, operation);
  await ctx.limiter?.acquire(operation);
  const deadline = AbortSignal.timeout(ctx.callTimeoutMs);
  try {
    const client = ctx.client as unknown as { send(c: unknown, o: { abortSignal: AbortSignal }): Promise<Output> };
    const output = await client.send(command, { abortSignal: deadline });
    noteReachable(ctx.endpointLabel, ctx.now());
    assertComplete(ctx, operation, output);
    return output;
  } catch (error) {
    let mapped = toSfnError(error, { operation, endpointLabel: ctx.endpointLabel });
    if (mapped.code === "UNAVAILABLE") noteUnreachable(mapped.message, ctx.now());
    if (mapped.code === "THROTTLED") ctx.throttledAt = ctx.now();
    // After a throttle the SDK's adaptive mode slows every call down, so a deadline missed soon after is throttling too.
    if (mapped.code === "TIMEOUT" && ctx.throttledAt !== undefined && ctx.now() - ctx.throttledAt < THROTTLE_MEMORY_MS) {
      mapped = new SfnError(
        "THROTTLED",
        `Step Functions is throttling this account, so ${operation} is backing off; data will refresh when the quota recovers.`,
        { retryAfterSeconds: 2 },
      );
    }
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
