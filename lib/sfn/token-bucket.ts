/**
 * A token bucket with reservations, on a clock passed in: `reserve` takes a token now if one
 * is there, or books the next one to come and says how long to wait for it. Booking ahead
 * keeps waiting callers in order without a queue of timers.
 */
import type { Quota } from "./quotas";

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly quota: Quota,
    now: number,
  ) {
    this.tokens = quota.burst;
    this.refilledAt = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.quota.burst, this.tokens + elapsed * this.quota.perSecond);
    this.refilledAt = Math.max(this.refilledAt, now);
  }

  /** Empties the bucket (a throttle from the service: it has no tokens for us either). */
  drain(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** How long to wait for a token if one were booked now (0: one is here). */
  waitFor(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.quota.perSecond) * 1000);
  }

  /** Books a token: returns the wait in ms before it may be used, or undefined when that wait would exceed `maxWaitMs` (nothing booked). */
  reserve(now: number, maxWaitMs: number): number | undefined {
    const wait = this.waitFor(now);
    if (wait > maxWaitMs) return undefined;
    this.tokens -= 1;
    return wait;
  }
}
