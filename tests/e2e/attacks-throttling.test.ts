/**
 * An account that throttles everything, against a running Stepscope (the demo account served
 * over HTTP, answering ThrottlingException to every call): what a page polls is answered
 * 503 THROTTLED with Retry-After promptly — no request sleeps in the SDK for 6–20 s — and each
 * answer cost at most one call to Step Functions (throttles are not retried into the quota).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { startStepscope, type StepscopeServer } from "../support/server";

/** Far above a throttled answer, far below the 6–20 s the SDK's adaptive mode used to sleep. */
const PROMPT_MS = 3_000;

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
  it("every polled route answers THROTTLED with Retry-After promptly, one upstream call each at most", async () => {
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
    for (let poll = 0; poll < 3; poll++) {
      emulator.account.resetCallCounts();
      const answers = await Promise.all(
        paths.map(async (p) => {
          const started = Date.now();
          const res = await fetch(`${stepscope.url}${p}`);
          const body = (await res.json()) as { error?: { code: string } };
          return { p, status: res.status, code: body.error?.code, retryAfter: res.headers.get("retry-after"), ms: Date.now() - started };
        }),
      );
      for (const a of answers) {
        expect(a.status, a.p).toBe(503);
        expect(a.code, a.p).toBe("THROTTLED");
        expect(Number(a.retryAfter), a.p).toBeGreaterThan(0);
        expect(a.ms, `${a.p} took ${a.ms} ms`).toBeLessThan(PROMPT_MS);
      }
      const upstream = Object.values(emulator.account.callCounts()).reduce((n, c) => n + c, 0);
      expect(upstream, JSON.stringify(emulator.account.callCounts())).toBeLessThanOrEqual(paths.length);
    }
  }, 60_000);
});
