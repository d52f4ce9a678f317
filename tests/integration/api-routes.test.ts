/**
 * Our JSON API, calling the route handlers directly with Requests (no server): shapes of the
 * happy paths, and the errors a caller sees for bad params, unknown things and throttling.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as getMapRuns } from "@/app/api/executions/[arn]/map-runs/route";
import { GET as getMapRun } from "@/app/api/map-runs/[arn]/route";
import { GET as getMapRunExecutions } from "@/app/api/map-runs/[arn]/executions/route";
import { GET as getSource } from "@/app/api/source/route";
import { GET as getStateMachine } from "@/app/api/state-machines/[arn]/route";
import { GET as getStateMachineExecutions } from "@/app/api/state-machines/[arn]/executions/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import type {
  ApiErrorBody,
  ExecutionResponse,
  ExecutionsResponse,
  ExpressExecutionsResponse,
  HistoryResponse,
  MapRunResponse,
  StateMachineResponse,
  StateMachinesResponse,
} from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { appendEvents, arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../support/fake-sfn";
import { callRoute, useFakeSfnServer, type RouteHandler } from "../support/route-harness";

const server = useFakeSfnServer();
let fake: FakeSfn;
const nowSeconds = Math.floor(Date.now() / 1000);

function call(handler: RouteHandler, path: string, arn?: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  return callRoute(handler, `http://stepscope.test${path}`, arn ?? "");
}

const enc = encodeURIComponent;
const ORDERS = arnOf.machine("orders");

beforeEach(() => {
  resetConfig();
  resetSfnContext();
  fake = new FakeSfn();
  fake.machines = [
    { name: "orders", type: "STANDARD", createdSeconds: nowSeconds - 86_400 * 3, definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' },
    { name: "clicks", type: "EXPRESS", createdSeconds: nowSeconds - 86_400, definition: "{}" },
  ];
  for (let i = 4; i >= 0; i--) {
    const start = nowSeconds - 600 * (i + 1);
    fake.addExecution({ machine: "orders", name: `run-${i}`, status: i === 1 ? "FAILED" : "SUCCEEDED", startSeconds: start, stopSeconds: start + 5, events: makeEvents(5, start, true) });
  }
  server.use(...fake.handlers());
});

describe("happy paths", () => {
  it("GET /api/source names the emulator", async () => {
    const { status, body } = await call(getSource, "/api/source");
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: "emulator", label: FAKE_ENDPOINT });
  });

  it("GET /api/state-machines lists machines; with counts=24h, their executions by status", async () => {
    const plain = await call(getStateMachines, "/api/state-machines");
    expect(plain.status).toBe(200);
    const list = plain.body as StateMachinesResponse;
    expect(list.stateMachines.map((m) => m.name)).toEqual(["orders", "clicks"]);
    expect(list.stateMachines[0].counts).toBeUndefined();
    expect(list.source.kind).toBe("emulator");

    const counted = (await call(getStateMachines, "/api/state-machines?counts=24h")).body as StateMachinesResponse;
    expect(counted.stateMachines[0].counts).toMatchObject({ SUCCEEDED: 4, FAILED: 1, RUNNING: 0 });
    expect(counted.stateMachines[1].countsUnavailable).toMatch(/Express/);
    expect(typeof counted.fetchedAt).toBe("number");
  });

  it("GET /api/state-machines/{arn} describes it, definition included", async () => {
    const { status, body } = await call(getStateMachine, `/api/state-machines/${enc(ORDERS)}`, enc(ORDERS));
    expect(status).toBe(200);
    expect((body as StateMachineResponse).stateMachine).toMatchObject({ name: "orders", type: "STANDARD" });
    expect(JSON.parse((body as StateMachineResponse).stateMachine.definition).StartAt).toBe("A");
  });

  it("GET /api/state-machines/{arn}/executions pages with a cursor and filters by status", async () => {
    const path = `/api/state-machines/${enc(ORDERS)}/executions`;
    const first = (await call(getStateMachineExecutions, `${path}?limit=3`, ORDERS)).body as ExecutionsResponse;
    expect(first.executions.map((e) => e.name)).toEqual(["run-0", "run-1", "run-2"]);
    expect(first.executions[0].startedAt).toBe((nowSeconds - 600) * 1000);
    const second = (await call(getStateMachineExecutions, `${path}?limit=3&cursor=${enc(first.nextCursor!)}`, ORDERS)).body as ExecutionsResponse;
    expect(second.executions.map((e) => e.name)).toEqual(["run-3", "run-4"]);
    expect(second.nextCursor).toBeUndefined();
    const failed = (await call(getStateMachineExecutions, `${path}?status=FAILED`, ORDERS)).body as ExecutionsResponse;
    expect(failed.executions.map((e) => e.name)).toEqual(["run-1"]);
  });

  it("GET /api/executions/{arn} has the description and the definition it ran", async () => {
    const arn = arnOf.execution("orders", "run-1");
    const { status, body } = await call(getExecution, `/api/executions/${enc(arn)}`, enc(arn));
    expect(status).toBe(200);
    const { execution } = body as ExecutionResponse;
    expect(execution).toMatchObject({ arn, status: "FAILED", stateMachineName: "orders", stateMachineType: "STANDARD" });
    expect(execution.definition).toContain("StartAt");
  });

  it("GET /api/executions/{arn}/history returns everything, then after= only newer events", async () => {
    const live = fake.addExecution({ machine: "orders", name: "live", status: "RUNNING", startSeconds: nowSeconds, events: makeEvents(6, nowSeconds, false) });
    const arn = fake.arnOf(live);
    const all = (await call(getHistory, `/api/executions/${enc(arn)}/history`, enc(arn))).body as HistoryResponse;
    expect(all.events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all).toMatchObject({ finished: false, lastEventId: 6 });
    expect(typeof all.events[0].timestamp).toBe("number");

    appendEvents(live, 3, true);
    // The server re-syncs a running history at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const newer = (await call(getHistory, `/api/executions/${enc(arn)}/history?after=6`, enc(arn))).body as HistoryResponse;
    expect(newer.events.map((e) => e.id)).toEqual([7, 8, 9]);
    expect(newer).toMatchObject({ finished: true, lastEventId: 9 });
    const nothingNew = (await call(getHistory, `/api/executions/${enc(arn)}/history?after=9`, enc(arn))).body as HistoryResponse;
    expect(nothingNew.events).toEqual([]);
  });

  it("map runs: list for an execution, describe, and child executions", async () => {
    const parent = arnOf.execution("orders", "run-0");
    const mapRunArn = arnOf.mapRun("orders", "Each", "0f1e");
    fake.mapRuns.push({ arn: mapRunArn, executionArn: parent, machine: "orders", startSeconds: nowSeconds, status: "SUCCEEDED" });
    fake.addExecution({ machine: "orders/Each", name: "item-1", status: "SUCCEEDED", startSeconds: nowSeconds, mapRunArn });
    const runs = (await call(getMapRuns, "/api/executions/x/map-runs", enc(parent))).body as { mapRuns: { arn: string }[] };
    expect(runs.mapRuns.map((r) => r.arn)).toEqual([mapRunArn]);
    const run = (await call(getMapRun, "/api/map-runs/x", enc(mapRunArn))).body as MapRunResponse;
    expect(run.mapRun).toMatchObject({ status: "SUCCEEDED", itemCounts: { total: 3 } });
    const children = (await call(getMapRunExecutions, "/api/map-runs/x/executions", enc(mapRunArn))).body as ExecutionsResponse;
    expect(children.executions.map((e) => e.name)).toEqual(["item-1"]);
  });
});

describe("errors", () => {
  function errorOf(body: unknown): ApiErrorBody["error"] {
    return (body as ApiErrorBody).error;
  }

  it("400 with a message for a malformed ARN, naming the expected shape", async () => {
    for (const [handler, bad, shape] of [
      [getStateMachine, "not-an-arn", /stateMachine:<name>/],
      [getExecution, enc(ORDERS), /execution:<state machine>:<execution name>/],
      [getHistory, enc("arn:aws:states:us-east-1:12345:execution:a:b"), /expected arn:aws:states/],
      [getMapRun, enc(arnOf.execution("orders", "run-0")), /mapRun:/],
    ] as const) {
      const { status, body } = await call(handler as RouteHandler, "/api/x", bad);
      expect(status).toBe(400);
      expect(errorOf(body).code).toBe("BAD_REQUEST");
      expect(errorOf(body).message).toMatch(shape);
    }
    expect(fake.calls).toHaveLength(0);
  });

  it("400 for bad query params, saying which", async () => {
    const path = `/api/state-machines/${enc(ORDERS)}/executions`;
    const cases: [string, RegExp][] = [
      ["?status=DONE", /status must be one of RUNNING/],
      ["?from=yesterday", /from must be a time in epoch milliseconds/],
      ["?from=2000&to=1000", /from must not be after to/],
      ["?limit=0", /limit must be at least 1/],
      ["?limit=5000", /limit must be/],
      ["?cursor=xyz", /cursor is not one this server issued/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await call(getStateMachineExecutions, `${path}${query}`, ORDERS);
      expect(status, query).toBe(400);
      expect(errorOf(body).message, query).toMatch(message);
    }
    const history = await call(getHistory, "/api/x?after=-1", enc(arnOf.execution("orders", "run-0")));
    expect(history.status).toBe(400);
    expect(errorOf(history.body).message).toMatch(/after must be an event id/);
    const counts = await call(getStateMachines, "/api/state-machines?counts=forever");
    expect(counts.status).toBe(400);
    expect(errorOf(counts.body).message).toMatch(/counts=24h/);
  });

  it("404 for an unknown execution or state machine", async () => {
    const missing = arnOf.execution("orders", "nope");
    for (const handler of [getExecution, getHistory]) {
      const { status, body } = await call(handler, "/api/x", enc(missing));
      expect(status).toBe(404);
      expect(errorOf(body)).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/No such execution/) });
    }
    const machine = await call(getStateMachine, "/api/x", enc(arnOf.machine("ghost")));
    expect(machine.status).toBe(404);
  });

  it("503 with Retry-After when Step Functions throttles", async () => {
    fake.inject = () => ({ type: "ThrottlingException", message: "Rate exceeded" });
    const { status, headers, body } = await call(getStateMachines, "/api/state-machines");
    expect(status).toBe(503);
    expect(Number(headers.get("retry-after"))).toBeGreaterThan(0);
    expect(errorOf(body).code).toBe("THROTTLED");
  });

  it("an Express machine without logging lists nothing and says how to turn logging on, without calling ListExecutions", async () => {
    const { status, body: raw } = await call(getStateMachineExecutions, "/api/x", enc(arnOf.machine("clicks")));
    const body = raw as ExpressExecutionsResponse;
    expect(status).toBe(200);
    expect(body.executions).toEqual([]);
    expect(body.logs.logging.level).toBe("OFF");
    expect(body.logs.coverage).toMatch(/Logging is off/);
    expect(body.logs.advice).toMatch(/level=ALL,includeExecutionData=true/);
    expect(fake.callsTo("ListExecutions")).toHaveLength(0);
  });

  it("an Express execution's history is read from its machine's logs: with logging off, a 404 that says how to turn it on, and GetExecutionHistory is never called", async () => {
    const arn = "arn:aws:states:us-east-1:123456789012:express:clicks:e1:5a0c";
    const { status, body } = await call(getHistory, "/api/x", enc(arn));
    expect(status).toBe(404);
    expect(errorOf(body)).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/Logging is off for this state machine.*level=ALL,includeExecutionData=true/) });
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(0);
    expect(fake.callsTo("DescribeStateMachine")).toHaveLength(1);
  });

  it("an unreachable endpoint is a 503 naming it, and the body is JSON without a stack trace", async () => {
    process.env.AWS_ENDPOINT_URL_SFN = "http://127.0.0.1:9";
    resetConfig();
    resetSfnContext();
    try {
      const { status, body } = await call(getStateMachines, "/api/state-machines");
      expect(status).toBe(503);
      expect(errorOf(body)).toMatchObject({ code: "UNAVAILABLE", message: expect.stringContaining("http://127.0.0.1:9") });
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
    } finally {
      process.env.AWS_ENDPOINT_URL_SFN = FAKE_ENDPOINT;
    }
  });

  it("a bad environment is reported as such", async () => {
    process.env.STEPSCOPE_SOURCE = "production";
    resetConfig();
    resetSfnContext();
    try {
      const { status, body } = await call(getStateMachines, "/api/state-machines");
      expect(status).toBe(500);
      expect(errorOf(body).message).toMatch(/STEPSCOPE_SOURCE must be one of/);
    } finally {
      delete process.env.STEPSCOPE_SOURCE;
    }
  });
});
