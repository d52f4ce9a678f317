/**
 * What every lib/sfn call needs: the client, the shared cache, single-flight, the clock, and
 * how to name the endpoint in errors. One context per process (see default-context.ts); tests
 * build their own.
 *
 * Server only (imports the SDK): never import lib/sfn from client components.
 */
import type { SFNClient } from "@aws-sdk/client-sfn";
import { loadConfig, type StepscopeConfig } from "@/lib/config/env";
import { ByteLruCache } from "./cache";
import { createSfnClient, endpointLabel } from "./client";
import { toSfnError } from "./errors";
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
}

export interface SfnContextOptions {
  now?: () => number;
  maxCacheBytes?: number;
  client?: SFNClient;
}

export function createSfnContext(config: StepscopeConfig = loadConfig(), options: SfnContextOptions = {}): SfnContext {
  const now = options.now ?? Date.now;
  return {
    client: options.client ?? createSfnClient(config),
    cache: new ByteLruCache({ maxBytes: options.maxCacheBytes ?? config.cacheBytes, now }),
    flight: new SingleFlight(),
    now,
    endpointLabel: endpointLabel(config),
    callTimeoutMs: config.callTimeoutMs,
    reverseOrderIgnored: false,
  };
}

/** Send one command with a deadline; every failure comes out as an SfnError. */
export async function send<Output>(ctx: SfnContext, operation: string, command: unknown): Promise<Output> {
  const deadline = AbortSignal.timeout(ctx.callTimeoutMs);
  try {
    const client = ctx.client as unknown as { send(c: unknown, o: { abortSignal: AbortSignal }): Promise<Output> };
    const output = await client.send(command, { abortSignal: deadline });
    noteReachable(ctx.endpointLabel, ctx.now());
    return output;
  } catch (error) {
    const mapped = toSfnError(error, { operation, endpointLabel: ctx.endpointLabel });
    if (mapped.code === "UNAVAILABLE") noteUnreachable(mapped.message, ctx.now());
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
