/**
 * Puts the client-side token bucket inside the SDK's retry loop, so that each attempt — the
 * first and every retry — spends a token of its operation's quota. Before, only the first
 * attempt did, and a burst of retries could spend the account's quota that other tools share.
 */
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { RateLimiter } from "./rate-limiter";

export function installQuotaMiddleware(client: SFNClient, limiter: RateLimiter): void {
  type Stack = SFNClient["middlewareStack"];
  type Next = (args: object) => Promise<object>;
  const perAttempt = (next: Next, context: { commandName?: string }) => async (args: object) => {
    await limiter.acquire((context.commandName ?? "Unknown").replace(/Command$/, ""));
    return next(args);
  };
  // The SDK's middleware types are generic over every command; this one does not look at them.
  const middleware = perAttempt as unknown as Parameters<Stack["addRelativeTo"]>[0];
  client.middlewareStack.addRelativeTo(
    middleware,
    { relation: "after", toMiddleware: "retryMiddleware", name: "stepscopeQuotaMiddleware", override: true },
  );
}
