/**
 * An account that throttles everything, against a running Stepscope (the demo account served
 * over HTTP, answering ThrottlingException to every call): what a page polls is answered
 * 503 THROTTLED with Retry-After, and each answer cost at most one call of each operation to
 * Step Functions — a throttle is not retried, so no request sleeps in the SDK's back-off for
 * 6–20 s nor spends the quota again. That is what makes the answer prompt; counted at the fake
 * endpoint rather than timed, so it holds on any machine. (The client-side limiter's own bound
 * on waiting for a token is pinned in the rate limiter's unit tests, on a fake clock.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { startStepscope, type StepscopeServer } from "../support/server";

let emulator: EmulatorServer;
let stepscope: StepscopeServer;
beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, seed: 42 });
  emulator.account.setIntercept(() => ({ status: 400, body: { __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded" } }));
  // The default attempts (4): the point is that throttles are not retried however many are allowed.
  stepscope = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: emulator.url } });
}, 120_000);
afterAll(async () => {
  await stepscope?.stop();
  await emulator?.close();
});

describe("under throttling", () => {
  it("every polled route answers THROTTLED with Retry-After after at most one upstream call, never a retry", async () => {
    const machine = "arn:aws:states:us-east-1:123456789012:stateMachine:etl-ingest";
    const execution = "arn:aws:states:us-east-1:123456789012:execution:etl-ingest:any-run";
    const paths = [
      "/api/state-machines?counts=24h",
      `/api/state-machines/${encodeURIComponent(machine)}`,
      `/api/state-machines/${encodeURIComponent(machine)}/executions`,
      `/api/executions/${encodeURIComponent(execution)}`,
      `/api/executions/${encodeURIComponent(execution)}/history`,
      `/api/executions/${encodeURIComponent(execution)}/map-runs`,
    ];
    let upstreamTotal = 0;
    // Three polls of every route, one request at a time, so each call at the endpoint is the request's own.
    for (let poll = 0; poll < 3; poll++) {
      for (const p of paths) {
        emulator.account.resetCallCounts();
        const res = await fetch(`${stepscope.url}${p}`);
        const body = (await res.json()) as { error?: { code: string } };
        const calls = emulator.account.callCounts();
        expect(res.status, p).toBe(503);
        expect(body.error?.code, p).toBe("THROTTLED");
        expect(Number(res.headers.get("retry-after")), p).toBeGreaterThan(0);
        // A retried throttle would call the same operation again within the request.
        for (const [operation, count] of Object.entries(calls)) expect(count, `${p}: ${operation} called ${count} times`).toBe(1);
        expect(Object.keys(calls).length, `${p}: ${JSON.stringify(calls)}`).toBeLessThanOrEqual(1);
        upstreamTotal += Object.values(calls).reduce((n, c) => n + c, 0);
      }
    }
    // The throttles came from Step Functions, not only from Stepscope's own limiter.
    expect(upstreamTotal).toBeGreaterThan(0);
  }, 60_000);
});
