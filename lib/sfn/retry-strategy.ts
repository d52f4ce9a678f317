/**
 * How the SDK retries, replacing its `adaptive` mode. Adaptive mode keeps its own client-side
 * rate and sleeps callers after a throttle, which is how a page's request came to hang for 6–20 s.
 * Here a throttle is not retried at all: the caller hears THROTTLED at once (with Retry-After)
 * and the page keeps what it shows until its next poll. Transient failures (a dropped connection,
 * a 5xx) are retried a few times with a short, jittered back-off — and every attempt, retries
 * included, takes a token from the client-side bucket (see quota-middleware.ts).
 */
import { SfnError } from "./errors";

const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 1_000;

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryErrorInfo {
  error?: unknown;
  errorType: "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR";
}

function token(count: number, delay: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delay };
}

export function createRetryStrategy(maxAttempts: number, random: () => number = Math.random) {
  return {
    mode: "standard",
    async acquireInitialRetryToken(): Promise<RetryToken> {
      return token(0, 0);
    },
    async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
      const count = previous.getRetryCount();
      // The SDK rethrows the attempt's own error whatever is thrown here.
      if (count + 1 >= maxAttempts) throw new Error("no attempts left");
      if (info.errorType !== "TRANSIENT" || info.error instanceof SfnError) throw new Error("not retried");
      const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** count) * (0.5 + random() / 2);
      return token(count + 1, Math.round(delay));
    },
    recordSuccess(): void {},
  };
}
