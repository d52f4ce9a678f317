/**
 * Endpoint faults, injected at the msw layer under the real SDK, seen through our JSON API
 * (route handlers called directly): every one becomes a clear error with the right status —
 * never a 500, a stack trace or the upstream's raw body — and the next call after the endpoint
 * recovers answers normally.
 */
import { http, HttpResponse, delay } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../support/fake-sfn";
import { callRoute, useFakeSfnServer, type RouteHandler, type RouteResult } from "../support/route-harness";

const server = useFakeSfnServer({ STEPSCOPE_SFN_TIMEOUT_MS: "300" });
const nowSeconds = Math.floor(Date.now() / 1000);
let fake: FakeSfn;

function call(handler: RouteHandler, path: string, arn = ""): Promise<RouteResult> {
  return callRoute(handler, `http://stepscope.test${path}`, encodeURIComponent(arn));
}

const RUN = arnOf.execution("orders", "run-1");

/** Replaces the endpoint's answer to every call until the test's handlers are reset. */
function fault(answer: () => Response | Promise<Response>) {
  server.use(http.post(`${FAKE_ENDPOINT}/`, answer));
}

function expectCleanError(result: { status: number; text: string; body: any }, code: string) {
  expect(result.status).not.toBe(500);
  expect(result.body.error.code).toBe(code);
  expect(result.body.error.message.length).toBeGreaterThan(20);
  // Nothing of the upstream's raw answer or of our internals reaches the browser.
  expect(result.text).not.toMatch(/<html|<body|stack|\bat [\w.]+ \(|node_modules|secret-upstream-detail/i);
}

beforeEach(() => {
  resetConfig();
  resetSfnContext();
  fake = new FakeSfn();
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: nowSeconds - 86_400, definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' }];
  fake.addExecution({ machine: "orders", name: "run-1", status: "RUNNING", startSeconds: nowSeconds - 60, events: makeEvents(3, nowSeconds - 60, false) });
  server.use(...fake.handlers());
});
// A fault may set its own timeout; the next test starts from the file's again.
afterEach(() => {
  process.env.STEPSCOPE_SFN_TIMEOUT_MS = "300";
});

const FAULTS: { name: string; answer: () => Response | Promise<Response>; code: string; status: number; timeoutMs?: string }[] = [
  { name: "the endpoint is down (connection refused)", answer: () => HttpResponse.error(), code: "UNAVAILABLE", status: 503 },
  {
    name: "a proxy's HTML error page",
    answer: () => new HttpResponse("<html><body><h1>502 Bad Gateway</h1>secret-upstream-detail</body></html>", { status: 502, headers: { "content-type": "text/html" } }),
    code: "UPSTREAM",
    status: 502,
  },
  {
    name: "a 500 with a JSON error",
    answer: () => HttpResponse.json({ __type: "com.amazonaws.states#InternalServerError", message: "secret-upstream-detail" }, { status: 500, headers: { "content-type": "application/x-amz-json-1.0" } }),
    code: "UPSTREAM",
    status: 502,
  },
  { name: "a 503 with an empty body", answer: () => new HttpResponse(null, { status: 503 }), code: "UPSTREAM", status: 502 },
  {
    name: "a 200 whose JSON is truncated",
    answer: () => new HttpResponse('{"stateMachines":[{"stateMachineArn":"arn:aws:states', { status: 200, headers: { "content-type": "application/x-amz-json-1.0" } }),
    code: "UPSTREAM",
    status: 502,
  },
  {
    name: "a 200 with an HTML body",
    answer: () => new HttpResponse("<html>secret-upstream-detail</html>", { status: 200, headers: { "content-type": "text/html" } }),
    code: "UPSTREAM",
    status: 502,
  },
  { name: "a 200 with an empty body", answer: () => new HttpResponse("", { status: 200, headers: { "content-type": "application/x-amz-json-1.0" } }), code: "UPSTREAM", status: 502 },
  {
    name: "an answer slower than the deadline",
    answer: async () => {
      await delay(2_000);
      return HttpResponse.json({ stateMachines: [] });
    },
    code: "TIMEOUT",
    status: 504,
  },
  {
    name: "AWS throttling",
    answer: () => HttpResponse.json({ __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded secret-upstream-detail" }, { status: 400, headers: { "content-type": "application/x-amz-json-1.0" } }),
    code: "THROTTLED",
    status: 503,
    // The SDK's adaptive mode slows down after a throttle; give it the room a real deployment has.
    timeoutMs: "8000",
  },
];

describe("each endpoint fault becomes a clear API error, then recovers", () => {
  for (const f of FAULTS) {
    it(f.name, async () => {
      if (f.timeoutMs) {
        process.env.STEPSCOPE_SFN_TIMEOUT_MS = f.timeoutMs;
        resetConfig();
        resetSfnContext();
      }
      fault(f.answer);
      for (const [handler, path, arn] of [
        [getStateMachines, "/api/state-machines", ""],
        [getExecution, "/api/executions/x", RUN],
        [getHistory, "/api/executions/x/history", RUN],
      ] as [RouteHandler, string, string][]) {
        const result = await call(handler, path, arn);
        expect(result.status, `${path}: ${result.text}`).toBe(f.status);
        expectCleanError(result, f.code);
      }
      server.resetHandlers(...fake.handlers());
      // As the page does: poll again until the endpoint answers (after a throttle the SDK backs off a little).
      let healthy = await call(getStateMachines, "/api/state-machines");
      for (let i = 0; i < 20 && healthy.status !== 200; i++) {
        await delay(500);
        healthy = await call(getStateMachines, "/api/state-machines");
      }
      expect(healthy.status, healthy.text).toBe(200);
      expect(healthy.body.stateMachines.map((m: { name: string }) => m.name)).toEqual(["orders"]);
    });
  }

  it("names the endpoint when it cannot be reached", async () => {
    fault(() => HttpResponse.error());
    const result = await call(getStateMachines, "/api/state-machines");
    expect(result.body.error.message).toContain(FAKE_ENDPOINT);
  });

  it("malformed answers say what went wrong in words", async () => {
    fault(() => new HttpResponse("<html>gateway</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const result = await call(getStateMachines, "/api/state-machines");
    expect(result.body.error.message).toMatch(/not a Step Functions response/);
  });

  it("throttling says the data is delayed and when to retry", async () => {
    fault(() => HttpResponse.json({ __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded" }, { status: 400, headers: { "content-type": "application/x-amz-json-1.0" } }));
    const result = await call(getHistory, "/api/executions/x/history", RUN);
    expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(result.body.error.message).toMatch(/throttl/i);
  });

  it("a credential in an upstream error never reaches the browser", async () => {
    fault(() =>
      HttpResponse.json(
        { __type: "com.amazonaws.states#AccessDeniedException", message: "User: arn:aws:sts::123456789012:assumed-role/Ops/AKIAIOSFODNN7EXAMPLE is not authorized to perform: states:ListStateMachines" },
        { status: 400, headers: { "content-type": "application/x-amz-json-1.0" } },
      ),
    );
    const result = await call(getStateMachines, "/api/state-machines");
    expect(result.status).toBe(403);
    expect(result.body.error.message).toContain("states:ListStateMachines");
    expect(result.text).not.toMatch(/AKIA|assumed-role|sts::/);
  });
});
