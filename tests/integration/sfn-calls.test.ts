/**
 * The data layer against the real @aws-sdk/client-sfn, answered in-process by a small fake
 * endpoint (msw): every call, paging, history sync, single-flight and error mapping.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import {
  countExecutionsSince,
  createSfnContext,
  describeExecution,
  describeMapRun,
  describeStateMachine,
  describeStateMachineForExecution,
  getExecutionDetail,
  getHistorySince,
  getSyncedHistory,
  listExecutions,
  listMapRuns,
  listStateMachines,
  listStateMachinesWithCounts,
  SfnError,
  type SfnContext,
} from "@/lib/sfn";
import { readHistoryOnce } from "@/lib/sfn/history-sync";
import { appendEvents, arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../support/fake-sfn";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
let now = T0;
let fake: FakeSfn;
const server = setupServer();

function context(overrides: Record<string, string> = {}): SfnContext {
  const config = parseConfig({
    AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT,
    STEPSCOPE_SFN_MAX_ATTEMPTS: "1",
    ...overrides,
  });
  return createSfnContext(config, { now: () => now });
}

function seedAccount(f: FakeSfn): void {
  f.machines = ["orders", "billing", "etl"].map((name, i) => ({
    name,
    type: "STANDARD" as const,
    createdSeconds: T0 / 1000 - 86_400 * (i + 1),
    definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } }),
  }));
  f.machines.push({ name: "clicks", type: "EXPRESS", createdSeconds: T0 / 1000, definition: "{}" });
  // 12 orders executions, one every two hours going back from now: the newest ones first.
  for (let i = 11; i >= 0; i--) {
    const start = T0 / 1000 - i * 7200 - 60;
    f.addExecution({
      machine: "orders",
      name: `run-${i}`,
      status: i % 4 === 0 ? "FAILED" : "SUCCEEDED",
      startSeconds: start,
      stopSeconds: start + 30,
      events: makeEvents(5, start, true),
    });
  }
}

beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
afterAll(() => server.close());
beforeEach(() => {
  now = T0;
  fake = new FakeSfn();
  seedAccount(fake);
  server.use(...fake.handlers());
});
afterEach(() => server.resetHandlers());

describe("state machines", () => {
  it("lists every state machine across pages, with epoch-ms creation dates", async () => {
    fake.pageSize = 2;
    const machines = await listStateMachines(context());
    expect(machines.map((m) => m.name)).toEqual(["orders", "billing", "etl", "clicks"]);
    expect(machines[0]).toMatchObject({ arn: arnOf.machine("orders"), type: "STANDARD", createdAt: T0 - 86_400_000 });
    expect(fake.callsTo("ListStateMachines")).toHaveLength(2);
  });

  it("describes a state machine with its definition, and the definition an execution ran", async () => {
    const ctx = context();
    const machine = await describeStateMachine(ctx, arnOf.machine("orders"));
    expect(JSON.parse(machine.definition).StartAt).toBe("A");
    const ran = await describeStateMachineForExecution(ctx, arnOf.execution("orders", "run-0"));
    expect(ran).toMatchObject({ name: "orders", stateMachineArn: arnOf.machine("orders") });
  });

  it("counts executions started in the last 24 hours by status", async () => {
    const ctx = context();
    // Starts at -1 min, -2 h 1 min, … -22 h 1 min: all 12 are inside the window.
    const { counts, partial } = await countExecutionsSince(ctx, arnOf.machine("orders"), now - 86_400_000);
    expect(counts.FAILED + counts.SUCCEEDED).toBe(12);
    expect(counts.FAILED).toBe(3);
    expect(partial).toBe(false);
    const lastFiveHours = await countExecutionsSince(context(), arnOf.machine("orders"), now - 5 * 3_600_000);
    expect(lastFiveHours.counts.FAILED + lastFiveHours.counts.SUCCEEDED).toBe(3);
  });

  it("marks counts partial when counting would need more pages than allowed", async () => {
    fake.pageSize = 5;
    const { counts, partial } = await countExecutionsSince(context(), arnOf.machine("orders"), now - 86_400_000, 2);
    expect(partial).toBe(true);
    expect(counts.FAILED + counts.SUCCEEDED).toBe(10);
  });

  it("says Express machines have no counts instead of asking for them", async () => {
    const machines = await listStateMachinesWithCounts(context(), 86_400_000);
    const clicks = machines.find((m) => m.name === "clicks");
    expect(clicks?.counts).toBeUndefined();
    expect(clicks?.countsUnavailable).toMatch(/Express/);
    expect(machines.find((m) => m.name === "orders")?.counts?.FAILED).toBe(3);
    const listed = fake.callsTo("ListExecutions").map((c) => c.body.stateMachineArn);
    expect(listed).not.toContain(arnOf.machine("clicks"));
  });

  it("keeps listing the fleet when one machine's counts fail, saying why for that machine", async () => {
    fake.inject = (call) =>
      call.target === "ListExecutions" && call.body.stateMachineArn === arnOf.machine("billing")
        ? { type: "AccessDeniedException", message: "not authorized to perform: states:ListExecutions" }
        : undefined;
    const machines = await listStateMachinesWithCounts(context(), 86_400_000);
    expect(machines.find((m) => m.name === "billing")).toMatchObject({ countsUnavailable: expect.stringMatching(/states:ListExecutions/) });
    expect(machines.find((m) => m.name === "orders")?.counts?.FAILED).toBe(3);
  });
});

describe("executions", () => {
  it("pages with our own cursor until the list is exhausted, without repeats", async () => {
    const ctx = context();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listExecutions(ctx, { target: { stateMachineArn: arnOf.machine("orders") }, limit: 5, cursor });
      seen.push(...page.executions.map((e) => e.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `run-${i}`));
  });

  it("resumes inside an upstream page when the limit falls in the middle of it", async () => {
    fake.pageSize = 4;
    const ctx = context();
    const first = await listExecutions(ctx, { target: { stateMachineArn: arnOf.machine("orders") }, limit: 3 });
    const second = await listExecutions(ctx, { target: { stateMachineArn: arnOf.machine("orders") }, limit: 3, cursor: first.nextCursor });
    expect([...first.executions, ...second.executions].map((e) => e.name)).toEqual(["run-0", "run-1", "run-2", "run-3", "run-4", "run-5"]);
  });

  it("a date-filtered cursor keeps its place when the next page asks for a different limit", async () => {
    const ctx = context();
    const target = { stateMachineArn: arnOf.machine("orders") };
    const from = now - 20 * 3_600_000;
    const first = await listExecutions(ctx, { target, from, limit: 4 });
    const second = await listExecutions(ctx, { target, from, limit: 10, cursor: first.nextCursor });
    expect([...first.executions, ...second.executions].map((e) => e.name)).toEqual(Array.from({ length: 10 }, (_, i) => `run-${i}`));
    expect(second.nextCursor).toBeUndefined();
  });

  it("filters by status and by start time", async () => {
    const ctx = context();
    const failed = await listExecutions(ctx, { target: { stateMachineArn: arnOf.machine("orders") }, status: "FAILED" });
    expect(failed.executions.map((e) => e.name)).toEqual(["run-0", "run-4", "run-8"]);
    expect(fake.callsTo("ListExecutions").at(-1)?.body.statusFilter).toBe("FAILED");
    const window = await listExecutions(ctx, {
      target: { stateMachineArn: arnOf.machine("orders") },
      from: now - 6 * 3_600_000,
      to: now - 3 * 3_600_000,
    });
    expect(window.executions.map((e) => e.name)).toEqual(["run-2"]);
    expect(window.nextCursor).toBeUndefined();
  });

  it("refuses a cursor that belongs to another query", async () => {
    const ctx = context();
    const page = await listExecutions(ctx, { target: { stateMachineArn: arnOf.machine("orders") }, limit: 2 });
    await expect(
      listExecutions(ctx, { target: { stateMachineArn: arnOf.machine("orders") }, status: "FAILED", cursor: page.nextCursor }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/another query/) });
    await expect(listExecutions(ctx, { target: { stateMachineArn: arnOf.machine("orders") }, cursor: "garbage!" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("describes an execution in epoch ms, and with the definition it ran", async () => {
    const ctx = context();
    const arn = arnOf.execution("orders", "run-1");
    const description = await describeExecution(ctx, arn);
    expect(description).toMatchObject({ name: "run-1", status: "SUCCEEDED", startedAt: T0 - 7_200_000 - 60_000, input: '{"order":1}' });
    expect(description.stoppedAt).toBe(description.startedAt + 30_000);
    const detail = await getExecutionDetail(ctx, arn);
    expect(detail).toMatchObject({ stateMachineName: "orders", stateMachineType: "STANDARD" });
    expect(JSON.parse(detail.definition).States.A.Type).toBe("Pass");
  });

  it("lists map runs, describes one and lists its child executions", async () => {
    const parent = arnOf.execution("orders", "run-0");
    const mapRunArn = arnOf.mapRun("orders", "Each", "abc");
    fake.mapRuns.push({ arn: mapRunArn, executionArn: parent, machine: "orders", startSeconds: T0 / 1000, status: "RUNNING" });
    fake.addExecution({ machine: "orders/Each", name: "child-1", status: "SUCCEEDED", startSeconds: T0 / 1000, mapRunArn });
    const ctx = context();
    expect(await listMapRuns(ctx, parent)).toEqual([
      { arn: mapRunArn, executionArn: parent, stateMachineArn: arnOf.machine("orders"), startedAt: T0, stoppedAt: undefined },
    ]);
    const run = await describeMapRun(ctx, mapRunArn);
    expect(run.itemCounts).toMatchObject({ total: 3, succeeded: 2, running: 1 });
    const children = await listExecutions(ctx, { target: { mapRunArn } });
    expect(children.executions.map((e) => e.name)).toEqual(["child-1"]);
    expect(fake.callsTo("ListExecutions").at(-1)?.body).toMatchObject({ mapRunArn });
  });
});

describe("history sync", () => {
  it("fetches a finished history once, all pages of 1000, then serves it from the cache", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "big", status: "SUCCEEDED", startSeconds: T0 / 1000, events: makeEvents(2500, T0 / 1000, true) });
    const ctx = context();
    const first = await getSyncedHistory(ctx, fake.arnOf(execution));
    expect(first.events).toHaveLength(2500);
    expect(first.finished).toBe(true);
    expect(first.events[0]).toMatchObject({ id: 1, type: "ExecutionStarted", timestamp: T0 + 100 });
    const requests = fake.callsTo("GetExecutionHistory");
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.body.maxResults === 1000)).toBe(true);
    now += 3_600_000;
    await getSyncedHistory(ctx, fake.arnOf(execution));
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(3);
  });

  it("reads a history once when a page and the error groups ask for it at the same moment", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "shared", status: "FAILED", startSeconds: T0 / 1000, events: makeEvents(2500, T0 / 1000, true) });
    const arn = fake.arnOf(execution);
    const ctx = context();
    const [page, groups] = await Promise.all([getSyncedHistory(ctx, arn), readHistoryOnce(ctx, arn)]);
    expect(page.events).toHaveLength(2500);
    expect(groups.events).toHaveLength(2500);
    // Three pages of 1,000: one read, not two.
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(3);

    const other = fake.addExecution({ machine: "orders", name: "shared-2", status: "FAILED", startSeconds: T0 / 1000, events: makeEvents(1500, T0 / 1000, true) });
    const [first, second] = await Promise.all([readHistoryOnce(ctx, fake.arnOf(other)), getSyncedHistory(ctx, fake.arnOf(other))]);
    expect(first.events).toHaveLength(1500);
    expect(second.events).toHaveLength(1500);
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(5);
    // The page kept what the error groups' read brought: asking again calls nothing.
    await getSyncedHistory(ctx, fake.arnOf(other));
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(5);
  });

  it("keeps what the error groups' read learnt of a history the page holds: a redrive check is not made twice", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "failed", status: "FAILED", startSeconds: T0 / 1000, events: [
      ...makeEvents(4, T0 / 1000, false),
      { id: 5, previousEventId: 4, timestamp: T0 / 1000 + 2, type: "ExecutionFailed", executionFailedEventDetails: { error: "Boom", cause: "it broke" } },
    ] });
    const arn = fake.arnOf(execution);
    const ctx = context();
    await getSyncedHistory(ctx, arn);
    // A minute later the page's copy of a redrivable failure is due a check for a redrive.
    now += 61_000;
    const before = fake.callsTo("GetExecutionHistory").length;
    await readHistoryOnce(ctx, arn);
    await getSyncedHistory(ctx, arn);
    expect(fake.callsTo("GetExecutionHistory").slice(before).map((c) => [c.body.reverseOrder, c.body.maxResults])).toEqual([[true, 100]]);
  });

  it("tails a running execution newest-first, asking only for the new events", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "live", status: "RUNNING", startSeconds: T0 / 1000, events: makeEvents(250, T0 / 1000, false) });
    const arn = fake.arnOf(execution);
    const ctx = context();
    const first = await getHistorySince(ctx, arn);
    expect(first).toMatchObject({ finished: false, lastEventId: 250 });
    expect(first.events).toHaveLength(250);
    const before = fake.callsTo("GetExecutionHistory").length;

    appendEvents(execution, 7, true);
    now += 2_000;
    const next = await getHistorySince(ctx, arn, first.lastEventId);
    expect(next.events.map((e) => e.id)).toEqual([251, 252, 253, 254, 255, 256, 257]);
    expect(next.finished).toBe(true);
    const tail = fake.callsTo("GetExecutionHistory").slice(before);
    expect(tail).toHaveLength(1);
    expect(tail[0].body).toMatchObject({ reverseOrder: true });
    expect(tail[0].body.nextToken).toBeUndefined();

    // Finished now: no further request, however much later.
    now += 60_000;
    expect((await getHistorySince(ctx, arn)).events).toHaveLength(257);
    expect(fake.callsTo("GetExecutionHistory").length).toBe(before + 1);
  });

  it("checks a failed history again after a minute, and sees a redrive continue it", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "redriven", status: "FAILED", startSeconds: T0 / 1000, events: makeEvents(4, T0 / 1000, false) });
    execution.events.push({ id: 5, previousEventId: 4, timestamp: T0 / 1000 + 1, type: "ExecutionFailed", executionFailedEventDetails: { error: "E" } });
    const ctx = context();
    expect(await getHistorySince(ctx, fake.arnOf(execution))).toMatchObject({ finished: true, lastEventId: 5 });
    now += 30_000;
    await getHistorySince(ctx, fake.arnOf(execution));
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(1);

    execution.events.push({ id: 6, previousEventId: 5, timestamp: T0 / 1000 + 100, type: "ExecutionRedriven", executionRedrivenEventDetails: { redriveCount: 1 } });
    now += 31_000;
    const after = await getHistorySince(ctx, fake.arnOf(execution), 5);
    expect(after.events.map((e) => e.type)).toEqual(["ExecutionRedriven"]);
    expect(after.finished).toBe(false);
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(2);
  });

  it("an engine that writes after the terminal event: finished at that event, read once, still checked for a redrive", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "late", status: "FAILED", startSeconds: T0 / 1000, events: makeEvents(4, T0 / 1000, false) });
    execution.events.push({ id: 5, previousEventId: 4, timestamp: T0 / 1000 + 1, type: "ExecutionFailed", executionFailedEventDetails: { error: "E" } });
    // moto writes a branch's TaskFailed after its Parallel already failed the execution.
    execution.events.push({ id: 6, previousEventId: 4, timestamp: T0 / 1000 + 2, type: "TaskFailed", taskFailedEventDetails: { error: "Late" } });
    const ctx = context();
    expect(await getHistorySince(ctx, fake.arnOf(execution))).toMatchObject({ finished: true, lastEventId: 6 });
    now += 30_000;
    await getHistorySince(ctx, fake.arnOf(execution));
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(1);
    // It ended in a redrivable failure: after a minute one look for a redrive, as for any failed history.
    execution.events.push({ id: 7, previousEventId: 5, timestamp: T0 / 1000 + 100, type: "ExecutionRedriven", executionRedrivenEventDetails: { redriveCount: 1 } });
    now += 31_000;
    const after = await getHistorySince(ctx, fake.arnOf(execution), 6);
    expect(after.events.map((e) => e.type)).toEqual(["ExecutionRedriven"]);
    expect(after.finished).toBe(false);
  });

  it("pages newest-first across several pages when many events arrived, and keeps order", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "burst", status: "RUNNING", startSeconds: T0 / 1000, events: makeEvents(10, T0 / 1000, false) });
    const ctx = context();
    await getSyncedHistory(ctx, fake.arnOf(execution));
    appendEvents(execution, 230, false);
    now += 2_000;
    const synced = await getSyncedHistory(ctx, fake.arnOf(execution));
    expect(synced.events.map((e) => e.id)).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
  });

  it("does not ask again within a second, however many polls", async () => {
    const execution = fake.addExecution({ machine: "orders", name: "polled", status: "RUNNING", startSeconds: T0 / 1000, events: makeEvents(4, T0 / 1000, false) });
    const ctx = context();
    await getSyncedHistory(ctx, fake.arnOf(execution));
    now += 500;
    await getSyncedHistory(ctx, fake.arnOf(execution));
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(1);
  });

  it("falls back to reading forward when the endpoint ignores reverseOrder", async () => {
    fake.ignoreReverseOrder = true;
    const execution = fake.addExecution({ machine: "orders", name: "emu", status: "RUNNING", startSeconds: T0 / 1000, events: makeEvents(20, T0 / 1000, false) });
    const ctx = context();
    await getSyncedHistory(ctx, fake.arnOf(execution));
    appendEvents(execution, 5, true);
    now += 2_000;
    const answer = await getHistorySince(ctx, fake.arnOf(execution), 20);
    expect(answer.events.map((e) => e.id)).toEqual([21, 22, 23, 24, 25]);
    expect(answer.finished).toBe(true);
  });
});

describe("single-flight", () => {
  it("ten concurrent callers cost one upstream call", async () => {
    fake.delayMs = 50;
    const ctx = context();
    const results = await Promise.all(Array.from({ length: 10 }, () => listStateMachines(ctx)));
    expect(fake.callsTo("ListStateMachines")).toHaveLength(1);
    expect(new Set(results.map((r) => r.length))).toEqual(new Set([4]));
  });

  it("ten concurrent viewers of a running history cost one sync", async () => {
    fake.delayMs = 50;
    const execution = fake.addExecution({ machine: "orders", name: "watched", status: "RUNNING", startSeconds: T0 / 1000, events: makeEvents(8, T0 / 1000, false) });
    const ctx = context();
    await Promise.all(Array.from({ length: 10 }, () => getHistorySince(ctx, fake.arnOf(execution))));
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(1);
  });
});

/** The error a call failed with; a call that succeeds fails the test. */
async function failure(promise: Promise<unknown>): Promise<SfnError> {
  try {
    await promise;
  } catch (error) {
    return error as SfnError;
  }
  throw new Error("expected the call to fail");
}

describe("error mapping", () => {
  const cases: [string, string, RegExp][] = [
    ["ExecutionDoesNotExist", "NOT_FOUND", /No such execution/],
    ["StateMachineDoesNotExist", "NOT_FOUND", /No such state machine/],
    ["ResourceNotFound", "NOT_FOUND", /No such resource/],
    ["InvalidArn", "BAD_REQUEST", /InvalidArn/],
    ["InvalidName", "BAD_REQUEST", /InvalidName/],
    ["ValidationException", "BAD_REQUEST", /ValidationException/],
    ["ThrottlingException", "THROTTLED", /throttling/],
    ["TooManyRequestsException", "THROTTLED", /throttling/],
    ["AccessDeniedException", "ACCESS_DENIED", /states:ListStateMachines/],
    ["StateMachineTypeNotSupported", "UNSUPPORTED", /CloudWatch Logs/],
    ["InternalFailure", "UPSTREAM", /InternalFailure/],
  ];
  for (const [type, code, message] of cases) {
    it(`${type} → ${code}`, async () => {
      fake.inject = () => ({ type, message: "secret-request-id 1f2e3d RequestId: abc" });
      const error = await failure(listStateMachines(context()));
      expect(error).toBeInstanceOf(SfnError);
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
      expect((error as SfnError).message).not.toMatch(/secret|RequestId/);
    });
  }

  it("names the permission AWS says is missing", async () => {
    fake.inject = () => ({
      type: "AccessDeniedException",
      message: "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: states:GetExecutionHistory on resource: x",
    });
    const error = await failure(listStateMachines(context()));
    expect(error).toMatchObject({ code: "ACCESS_DENIED", httpStatus: 403 });
    expect(error.message).toMatch(/states:GetExecutionHistory/);
    expect(error.message).not.toMatch(/user\/ops/);
  });

  it("throttling is a 503 with a retry hint", async () => {
    fake.inject = () => ({ type: "ThrottlingException" });
    const error = await failure(listStateMachines(context()));
    expect(error).toMatchObject({ httpStatus: 503 });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("an endpoint that refuses connections is UNAVAILABLE and named", async () => {
    const error = await failure(listStateMachines(context({ AWS_ENDPOINT_URL_SFN: "http://127.0.0.1:9" })));
    expect(error).toMatchObject({ code: "UNAVAILABLE" });
    expect(error.message).toContain("http://127.0.0.1:9");
    expect(error.message).not.toMatch(/credential/i);
  });

  it("an endpoint that does not answer in time is a TIMEOUT", async () => {
    fake.delayMs = 2_000;
    const error = await failure(listStateMachines(context({ STEPSCOPE_SFN_TIMEOUT_MS: "200" })));
    expect(error).toMatchObject({ code: "TIMEOUT", httpStatus: 504 });
  });

  it("a failed call is not cached: the next one asks again", async () => {
    let fail = true;
    fake.inject = () => (fail ? { type: "ServiceUnavailable", status: 503 } : undefined);
    const ctx = context();
    await expect(listStateMachines(ctx)).rejects.toMatchObject({ code: "UPSTREAM" });
    fail = false;
    expect(await listStateMachines(ctx)).toHaveLength(4);
  });
});
