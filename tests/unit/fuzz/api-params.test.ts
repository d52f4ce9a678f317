/**
 * Random and malformed parameters thrown at every API route handler (called directly, over the
 * demo account behind msw): never a 500, never an escaping exception, and every error is
 * `{ error: { code, message } }` with a message a person can read — no stack trace.
 */
import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as getMapRuns } from "@/app/api/executions/[arn]/map-runs/route";
import { POST as postRedrive } from "@/app/api/executions/[arn]/redrive/route";
import { POST as postStop } from "@/app/api/executions/[arn]/stop/route";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getMapRun } from "@/app/api/map-runs/[arn]/route";
import { GET as getMapRunExecutions } from "@/app/api/map-runs/[arn]/executions/route";
import { GET as getStateMachine } from "@/app/api/state-machines/[arn]/route";
import { GET as getExecutions } from "@/app/api/state-machines/[arn]/executions/route";
import { GET as getMetrics } from "@/app/api/state-machines/[arn]/metrics/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { createDemoAccount, createDemoHandlers, DEMO_ACCOUNT_ID } from "@/mocks";

const server = setupServer(...createDemoHandlers(createDemoAccount({ seed: 42 })));
const savedEnv = { ...process.env };

type Handler = (request: Request, context: { params: Promise<{ arn: string }> }) => Promise<Response>;

const MACHINE = `arn:aws:states:us-east-1:${DEMO_ACCOUNT_ID}:stateMachine:order-processing`;
const EXECUTION = `arn:aws:states:us-east-1:${DEMO_ACCOUNT_ID}:execution:order-processing:does-not-exist`;
const MAP_RUN = `arn:aws:states:us-east-1:${DEMO_ACCOUNT_ID}:mapRun:media-pipeline/Each:0000`;

/** Strings near the valid shape (where validators tend to slip) as well as plain noise. */
function nearly(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.constant(valid),
    fc.tuple(fc.nat(valid.length), fc.string({ maxLength: 3 })).map(([i, s]) => valid.slice(0, i) + s + valid.slice(i + 1)),
    fc.string({ maxLength: 20 }).map((s) => valid + s),
    fc.string().map((s) => encodeURIComponent(s)),
    fc.constantFrom("%", "%E0%A4%A", "..", "%2F..%2F", "arn:aws:states:::", valid.repeat(40), "\u0000", "<script>"),
  );
}

const queryValue = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom("", "-1", "0", "1e309", "NaN", "99999999999999999999", "24h", "0h", "169h", "RUNNING", "running", "custom", "15m", "7d", "asc", "desc"),
);

function url(path: string, params: [string, string][]): string {
  const q = new URLSearchParams(params);
  return `http://stepscope.test${path}${params.length ? `?${q}` : ""}`;
}

async function expectClean(handler: Handler, request: Request, arn: string): Promise<void> {
  let response: Response;
  try {
    response = await handler(request, { params: Promise.resolve({ arn }) });
  } catch (error) {
    throw new Error(`${request.method} ${request.url} threw: ${String(error)}`);
  }
  const text = await response.text();
  expect(response.status, `${request.url} → ${text.slice(0, 300)}`).not.toBe(500);
  const body = JSON.parse(text);
  if (!response.ok) {
    expect(typeof body.error?.code).toBe("string");
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/\n\s+at |node_modules|TypeError|ReferenceError/);
  }
}

const params = (keys: string[]) => fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), queryValue), { maxLength: 6 });

beforeAll(() => {
  server.listen({ onUnhandledRequest: "bypass" });
  for (const key of ["STEPSCOPE_SOURCE", "AWS_ENDPOINT_URL_SFN", "STEPSCOPE_ALLOW_ACTIONS", "STEPSCOPE_REDACT_PATHS"]) delete process.env[key];
  process.env.STEPSCOPE_SFN_MAX_ATTEMPTS = "1";
  resetConfig();
  resetSfnContext();
});
afterAll(() => {
  server.close();
  process.env = savedEnv;
  resetConfig();
  resetSfnContext();
});

const RUNS = { numRuns: 60 };

describe("API routes under random parameters", () => {
  it("execution, history and map-run routes", async () => {
    await fc.assert(
      fc.asyncProperty(nearly(EXECUTION), params(["after"]), async (arn, query) => {
        for (const handler of [getExecution, getHistory, getMapRuns] as Handler[]) {
          await expectClean(handler, new Request(url("/api/executions/x", query)), arn);
        }
      }),
      RUNS,
    );
  });

  it("state machine routes: executions with status, from, to, cursor, limit; metrics with windows", async () => {
    await fc.assert(
      fc.asyncProperty(nearly(MACHINE), params(["status", "from", "to", "cursor", "limit", "window"]), async (arn, query) => {
        for (const handler of [getStateMachine, getExecutions, getMetrics] as Handler[]) {
          await expectClean(handler, new Request(url("/api/state-machines/x", query)), arn);
        }
      }),
      RUNS,
    );
  });

  it("map run routes", async () => {
    await fc.assert(
      fc.asyncProperty(nearly(MAP_RUN), params(["status", "cursor", "limit"]), async (arn, query) => {
        for (const handler of [getMapRun, getMapRunExecutions] as Handler[]) {
          await expectClean(handler, new Request(url("/api/map-runs/x", query)), arn);
        }
      }),
      RUNS,
    );
  });

  it("list and fleet routes: counts, window, from, to, q, sort, dir, cursor, limit", async () => {
    await fc.assert(
      fc.asyncProperty(params(["counts", "window", "from", "to", "q", "sort", "dir", "cursor", "limit"]), async (query) => {
        await expectClean(getStateMachines as Handler, new Request(url("/api/state-machines", query)), "");
        await expectClean(getFleet as Handler, new Request(url("/api/fleet", query)), "");
      }),
      RUNS,
    );
    // The demo organisation's four scopes make each fleet answer walk four indexes: slower under a loaded suite.
  }, 180_000);

  it("action routes with random ARNs, bodies and headers (actions disabled)", async () => {
    await fc.assert(
      fc.asyncProperty(nearly(EXECUTION), fc.string(), fc.constantFrom("application/json", "text/plain", ""), async (arn, body, type) => {
        for (const handler of [postStop, postRedrive] as Handler[]) {
          const request = new Request("http://stepscope.test/api/executions/x/stop", { method: "POST", body, headers: type ? { "content-type": type } : {} });
          await expectClean(handler, request, arn);
        }
      }),
      RUNS,
    );
  });
});
