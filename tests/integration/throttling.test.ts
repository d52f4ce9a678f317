/**
 * Under throttling no call hangs: Step Functions' ThrottlingException is answered THROTTLED at
 * once (not retried, not slept on), and every SDK attempt, retries included, spends a token of
 * the client-side bucket. Real SDK against the fake endpoint (msw).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext, listStateMachines, SfnError } from "@/lib/sfn";
import { FAKE_ENDPOINT, FakeSfn } from "../support/fake-sfn";
import { useFakeSfnServer } from "../support/route-harness";

const server = useFakeSfnServer();
let fake: FakeSfn;

beforeEach(() => {
  fake = new FakeSfn();
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: 0, definition: "{}" }];
  server.use(...fake.handlers());
});

function context(quota: { burst: number; perSecond: number }, maxAttempts = 4) {
  const config = parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: String(maxAttempts) });
  return createSfnContext(config, { quotas: { ListStateMachines: quota } });
}

async function failure(promise: Promise<unknown>): Promise<SfnError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: SfnError) => e,
  );
}

describe("throttling", () => {
  it("a throttle from Step Functions is answered THROTTLED with Retry-After after one attempt, not retried", async () => {
    fake.inject = () => ({ type: "ThrottlingException", message: "Rate exceeded" });
    const ctx = context({ burst: 100, perSecond: 50 });
    const error = await failure(listStateMachines(ctx));
    expect(error.code).toBe("THROTTLED");
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(fake.callsTo("ListStateMachines")).toHaveLength(1);
  });

  it("after a throttle from Step Functions the client-side bucket is empty too", async () => {
    fake.inject = () => ({ type: "ThrottlingException" });
    const ctx = context({ burst: 100, perSecond: 0.01 }, 1);
    await failure(listStateMachines(ctx));
    fake.inject = undefined;
    // The bucket would still hold 99 tokens; the service said it has none.
    const error = await failure(listStateMachines(ctx));
    expect(error.code).toBe("THROTTLED");
    expect(fake.callsTo("ListStateMachines")).toHaveLength(1);
  });

  it("the SDK's retries of a transient failure each spend a token of the bucket", async () => {
    fake.inject = () => ({ status: 503, type: "ServiceUnavailable" });
    const ctx = context({ burst: 3, perSecond: 0.001 }, 3);
    expect((await failure(listStateMachines(ctx))).code).toBe("UPSTREAM");
    expect(fake.callsTo("ListStateMachines")).toHaveLength(3);
    fake.inject = undefined;
    // Three attempts spent the three tokens: the next call is held back without calling out.
    const error = await failure(listStateMachines(ctx));
    expect(error.code).toBe("THROTTLED");
    expect(error.message).toMatch(/holding back ListStateMachines/);
    expect(fake.callsTo("ListStateMachines")).toHaveLength(3);
  });
});
