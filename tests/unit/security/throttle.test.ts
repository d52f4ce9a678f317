import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config/env";
import { DEFAULT_QUOTAS, parseQuotas, SERVICE_QUOTAS } from "@/lib/sfn/quotas";
import { RateLimiter } from "@/lib/sfn/rate-limiter";
import { TokenBucket } from "@/lib/sfn/token-bucket";
import { SfnError } from "@/lib/sfn/errors";

describe("quotas", () => {
  it("knows Step Functions' published defaults", () => {
    expect(SERVICE_QUOTAS.GetExecutionHistory).toEqual({ burst: 400, perSecond: 20 });
    expect(SERVICE_QUOTAS.DescribeExecution).toEqual({ burst: 300, perSecond: 15 });
    expect(SERVICE_QUOTAS.ListExecutions).toEqual({ burst: 200, perSecond: 5 });
    expect(SERVICE_QUOTAS.DescribeStateMachineForExecution).toEqual({ burst: 200, perSecond: 1 });
    expect(SERVICE_QUOTAS.ListStateMachines).toEqual({ burst: 100, perSecond: 5 });
  });

  it("takes only half of each quota by default, leaving headroom for the other tools that share it", () => {
    for (const [operation, quota] of Object.entries(SERVICE_QUOTAS)) {
      expect(DEFAULT_QUOTAS[operation].burst, operation).toBeLessThanOrEqual(quota.burst / 2);
      expect(DEFAULT_QUOTAS[operation].perSecond, operation).toBeLessThanOrEqual(quota.perSecond / 2);
    }
    expect(DEFAULT_QUOTAS.ListExecutions).toEqual({ burst: 100, perSecond: 2.5 });
  });

  it("takes overrides from the environment", () => {
    const quotas = parseQuotas({ STEPSCOPE_QUOTA_ListExecutions: "100/2", STEPSCOPE_QUOTA_DescribeExecution: " 250 / 10 " });
    expect(quotas.ListExecutions).toEqual({ burst: 100, perSecond: 2 });
    expect(quotas.DescribeExecution).toEqual({ burst: 250, perSecond: 10 });
    expect(quotas.GetExecutionHistory).toEqual(DEFAULT_QUOTAS.GetExecutionHistory);
  });

  it("rejects malformed values and unknown operations, naming each", () => {
    for (const [key, value, pattern] of [
      ["STEPSCOPE_QUOTA_ListExecutions", "fast", /ListExecutions must be <burst>\/<per second>/],
      ["STEPSCOPE_QUOTA_ListExecutions", "0/5", /above zero/],
      ["STEPSCOPE_QUOTA_ListExecutions", "10/0", /above zero/],
      ["STEPSCOPE_QUOTA_ListExecution", "10/1", /unknown operation.*ListExecutions/],
    ] as const) {
      expect(() => parseQuotas({ [key]: value })).toThrow(ConfigError);
      expect(() => parseQuotas({ [key]: value })).toThrow(pattern);
    }
  });
});

describe("token bucket", () => {
  it("allows a burst, then one call per refill interval", () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, 0);
    expect([0, 0, 0].map(() => bucket.reserve(0, 10_000))).toEqual([0, 0, 0]);
    // The 4th and 5th wait for the next tokens, booked in order.
    expect(bucket.reserve(0, 10_000)).toBe(500);
    expect(bucket.reserve(0, 10_000)).toBe(1000);
    // Time passing pays back the booked tokens first.
    expect(bucket.reserve(1_000, 10_000)).toBe(500);
  });

  it("refuses, without booking, a wait past the bound", () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, 0);
    expect(bucket.reserve(0, 500)).toBe(0);
    expect(bucket.reserve(0, 500)).toBeUndefined();
    expect(bucket.reserve(1_000, 500)).toBe(0);
  });

  it("never holds more than its burst after a long idle", () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 100 }, 0);
    const waits = [0, 1, 2].map(() => bucket.reserve(3_600_000, 0));
    expect(waits).toEqual([0, 0, undefined]);
  });
});

describe("rate limiter", () => {
  function limiter(maxWaitMs: number) {
    let now = 0;
    const slept: number[] = [];
    const l = new RateLimiter({
      quotas: { ListExecutions: { burst: 2, perSecond: 1 } },
      maxWaitMs,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    return { l, slept };
  }

  it("waits for a token within the bound", async () => {
    const { l, slept } = limiter(5_000);
    await l.acquire("ListExecutions");
    await l.acquire("ListExecutions");
    await l.acquire("ListExecutions");
    expect(slept).toEqual([1000]);
  });

  it("answers THROTTLED past the bound instead of queueing forever", async () => {
    const { l } = limiter(500);
    await l.acquire("ListExecutions");
    await l.acquire("ListExecutions");
    const error = await l.acquire("ListExecutions").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SfnError);
    expect((error as SfnError).code).toBe("THROTTLED");
    expect((error as SfnError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((error as SfnError).message).toMatch(/ListExecutions.*quota/);
  });

  it("keeps one bucket per operation", async () => {
    const { l, slept } = limiter(0);
    await l.acquire("ListExecutions");
    await l.acquire("ListExecutions");
    // Another operation has its own (fallback) bucket, untouched by ListExecutions.
    await l.acquire("DescribeExecution");
    expect(slept).toEqual([]);
  });
});
