/**
 * Read-only by default, redaction before anything leaves the server, and client-side quotas,
 * through our JSON API (route handlers called directly) over the real SDK and a fake endpoint.
 */
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as stopEnabled, POST as postStop } from "@/app/api/executions/[arn]/stop/route";
import { POST as postRedrive } from "@/app/api/executions/[arn]/redrive/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../support/fake-sfn";
import { callRoute, useFakeSfnServer, type RouteHandler } from "../support/route-harness";

const server = useFakeSfnServer();
const nowSeconds = Math.floor(Date.now() / 1000);
let fake: FakeSfn;
let writes: string[];

function call(handler: RouteHandler, path: string, arn = "", init?: RequestInit) {
  return callRoute(handler, `http://127.0.0.1:4000${path}`, encodeURIComponent(arn), init);
}

const RUNNING = arnOf.execution("orders", "running-1");
const FAILED = arnOf.execution("orders", "failed-1");
const SECRET_INPUT = JSON.stringify({ card: { number: "4111-1111-1111-1111", brand: "visa" }, user: { password: "hunter2" } });

const json = { method: "POST", headers: { "content-type": "application/json", origin: "http://127.0.0.1:4000", host: "127.0.0.1:4000" }, body: "{}" };

function fresh(env: Record<string, string | undefined> = {}) {
  for (const key of ["STEPSCOPE_ALLOW_ACTIONS", "STEPSCOPE_REDACT_PATHS", "STEPSCOPE_QUOTA_ListStateMachines"]) delete process.env[key];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
  resetConfig();
  resetSfnContext();
}

beforeEach(() => {
  fresh();
  fake = new FakeSfn();
  writes = [];
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: nowSeconds - 86_400, definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' }];
  const events = makeEvents(3, nowSeconds - 60, false);
  (events[0].executionStartedEventDetails as { input: string }).input = SECRET_INPUT;
  (events[1].stateEnteredEventDetails as { input: string }).input = SECRET_INPUT;
  fake.addExecution({ machine: "orders", name: "running-1", status: "RUNNING", startSeconds: nowSeconds - 60, events });
  fake.addExecution({ machine: "orders", name: "failed-1", status: "FAILED", startSeconds: nowSeconds - 120, stopSeconds: nowSeconds - 100, events: makeEvents(4, nowSeconds - 120, false) });
  // Writes are recorded here and answered; everything else falls through to the fake.
  server.use(
    http.post(`${FAKE_ENDPOINT}/`, ({ request }) => {
      const target = (request.headers.get("x-amz-target") ?? "").replace(/^AWSStepFunctions\./, "");
      if (!/^(Describe|List|Get)/.test(target)) {
        writes.push(target);
        return HttpResponse.json(target === "StopExecution" ? { stopDate: nowSeconds } : { redriveDate: nowSeconds }, { headers: { "content-type": "application/x-amz-json-1.0" } });
      }
      return undefined;
    }),
    ...fake.handlers(),
  );
});

describe("read-only by default", () => {
  it("refuses Stop and Redrive and sends nothing while actions are disabled", async () => {
    expect((await call(stopEnabled, "/api/executions/x/stop", RUNNING)).body).toEqual({ enabled: false });
    const stop = await call(postStop, "/api/executions/x/stop", RUNNING, json);
    const redrive = await call(postRedrive, "/api/executions/x/redrive", FAILED, json);
    expect(stop.status).toBe(403);
    expect(stop.body.error.message).toContain("STEPSCOPE_ALLOW_ACTIONS=true");
    expect(redrive.status).toBe(403);
    expect(writes).toEqual([]);
  });

  it("with STEPSCOPE_ALLOW_ACTIONS=true, stops and redrives through POST with JSON from our origin", async () => {
    fresh({ STEPSCOPE_ALLOW_ACTIONS: "true" });
    expect((await call(stopEnabled, "/api/executions/x/stop", RUNNING)).body).toEqual({ enabled: true });
    expect((await call(postStop, "/api/executions/x/stop", RUNNING, json)).status).toBe(200);
    expect((await call(postRedrive, "/api/executions/x/redrive", FAILED, json)).status).toBe(200);
    expect(writes).toEqual(["StopExecution", "RedriveExecution"]);
  });

  it("checks the switch again on every call, not only at start-up", async () => {
    fresh({ STEPSCOPE_ALLOW_ACTIONS: "true" });
    await call(getExecution, "/api/executions/x", RUNNING);
    delete process.env.STEPSCOPE_ALLOW_ACTIONS;
    expect((await call(postStop, "/api/executions/x/stop", RUNNING, json)).status).toBe(403);
    expect(writes).toEqual([]);
  });

  it("refuses a cross-site form post even when enabled", async () => {
    fresh({ STEPSCOPE_ALLOW_ACTIONS: "true" });
    const form = await call(postStop, "/api/executions/x/stop", RUNNING, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
    const foreign = await call(postStop, "/api/executions/x/stop", RUNNING, { ...json, headers: { ...json.headers, origin: "https://evil.example" } });
    expect(form.status).toBe(400);
    expect(foreign.status).toBe(403);
    expect(writes).toEqual([]);
  });

  it("rejects a malformed ARN on an action with a 400", async () => {
    fresh({ STEPSCOPE_ALLOW_ACTIONS: "true" });
    const bad = await call(postStop, "/api/executions/x/stop", "not-an-arn", json);
    expect(bad.status).toBe(400);
    expect(writes).toEqual([]);
  });
});

describe("redaction", () => {
  it("masks the configured paths in the description and every history payload", async () => {
    fresh({ STEPSCOPE_REDACT_PATHS: "$.card.number,$..password" });
    const execution = await call(getExecution, "/api/executions/x", RUNNING);
    const history = await call(getHistory, "/api/executions/x/history", RUNNING);
    expect(history.status).toBe(200);
    expect(history.text).not.toContain("hunter2");
    expect(history.text).not.toContain("4111-1111");
    expect(history.text).toContain("visa");
    const started = history.body.events[0].executionStartedEventDetails.input;
    expect(JSON.parse(started)).toEqual({ card: { number: "[redacted]", brand: "visa" }, user: { password: "[redacted]" } });
    expect(execution.status).toBe(200);
  });

  it("without the setting, payloads are untouched", async () => {
    const history = await call(getHistory, "/api/executions/x/history", RUNNING);
    expect(history.text).toContain("hunter2");
  });

  it("a bad setting is a clear configuration error, not a stack trace", async () => {
    fresh({ STEPSCOPE_REDACT_PATHS: "card.number" });
    const result = await call(getStateMachines, "/api/state-machines");
    expect(result.body.error.message).toMatch(/STEPSCOPE_REDACT_PATHS.*must start with \$/);
    expect(result.text).not.toMatch(/\bat \w+ \(/);
  });
});

describe("client-side quotas", () => {
  it("past the bucket, answers THROTTLED without calling Step Functions", async () => {
    fresh({ STEPSCOPE_QUOTA_ListStateMachines: "2/0.1" });
    const statuses: number[] = [];
    // Distinct cache keys are not needed: the list is cached, so drop the cache between calls.
    for (let i = 0; i < 4; i++) {
      const { getSfnContext } = await import("@/lib/sfn");
      getSfnContext().cache.delete("state-machines");
      statuses.push((await call(getStateMachines, "/api/state-machines")).status);
    }
    expect(statuses).toEqual([200, 200, 503, 503]);
    expect(fake.callsTo("ListStateMachines")).toHaveLength(2);
    const last = await call(getStateMachines, "/api/state-machines");
    expect(last.body.error.code).toBe("THROTTLED");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
