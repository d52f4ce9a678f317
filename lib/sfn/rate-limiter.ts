/**
 * Client-side throttling: one token bucket per Step Functions operation, so Stepscope stays
 * inside the account's quotas however many people watch, instead of spending them and leaving
 * other tools to find out; every SDK attempt, retries included, takes a token. A caller waits for its token
 * up to a bound; past it, it gets THROTTLED straight away rather than queueing forever, and
 * the UI says the data is delayed.
 */
import { SfnError } from "./errors";
import { FALLBACK_QUOTA, type Quota } from "./quotas";
import { TokenBucket } from "./token-bucket";

export interface RateLimiterOptions {
  quotas: Record<string, Quota>;
  /** Longest a call may wait for a token before it is answered THROTTLED. */
  maxWaitMs: number;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: RateLimiterOptions) {}

  private bucket(operation: string): TokenBucket {
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(this.options.quotas[operation] ?? FALLBACK_QUOTA, this.options.now());
      this.buckets.set(operation, bucket);
    }
    return bucket;
  }

  /** Step Functions answered a throttle: spend what is left, so the next calls wait for the refill. */
  drain(operation: string): void {
    this.bucket(operation).drain(this.options.now());
  }

  /** Resolves when `operation` may be sent; rejects with THROTTLED when the wait would be too long. */
  async acquire(operation: string): Promise<void> {
    const bucket = this.bucket(operation);
    const now = this.options.now();
    const wait = bucket.reserve(now, this.options.maxWaitMs);
    if (wait === undefined) {
      const seconds = Math.max(1, Math.ceil(bucket.waitFor(now) / 1000));
      throw new SfnError(
        "THROTTLED",
        `Stepscope is holding back ${operation} calls to stay inside the account's Step Functions quota; data will refresh in about ${seconds} s.`,
        { retryAfterSeconds: seconds },
      );
    }
    if (wait > 0) await (this.options.sleep ?? realSleep)(wait);
  }
}
