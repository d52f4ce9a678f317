/**
 * Express executions and CloudWatch figures on the demo account, in-process (real SDK clients →
 * msw → the simulated Step Functions, CloudWatch Logs and CloudWatch): the list comes from a Logs
 * Insights query, one execution's events from a filtered read and fold like a Standard history,
 * and the fleet row's figures from GetMetricData agree with what the logs list.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { foldHistory } from "@/lib/history/fold";
import { resolveWindow } from "@/lib/metrics";
import type { HistoryEvent } from "@/lib/history/events";
import { createSfnContext, describeStateMachine, listStateMachines, type SfnContext } from "@/lib/sfn";
import type { HistoryArchive } from "@/lib/sfn/context";
import { machineMetricsFromCloudWatch, withMetricFigures } from "@/lib/sfn/cloudwatch";
import { DEFAULT_FLEET_LIMITS, FleetIndex } from "@/lib/server/fleet";
import { getExpressExecutionDetail, getExpressHistorySince, listExpressExecutions } from "@/lib/sfn/logs";
import { parseRedactPaths } from "@/lib/security/redaction";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

// On the minute, so a 1 h window's buckets start exactly an hour back.
const clock = Date.UTC(2026, 10, 25, 19, 0, 0);
const account = createDemoAccount({ seed: 42, clock: () => clock });
const server = setupServer(...createDemoHandlers(account));
let ctx: SfnContext;
const EXPRESS = "arn:aws:states:us-east-1:123456789012:stateMachine:clickstream-enricher";

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => clock });
});
afterAll(() => server.close());

describe("Express executions from the demo's CloudWatch Logs", () => {
  it("lists the last hour's executions with outcome, error and what the query scanned", async () => {
    const machine = await describeStateMachine(ctx, EXPRESS);
    expect(machine.logging).toMatchObject({ level: "ALL", includeExecutionData: true, logGroupName: "/aws/vendedlogs/states/clickstream-enricher-Logs" });
    account.resetCallCounts();
    const page = await listExpressExecutions(ctx, machine, { limit: 1000 });
    expect(page.executions.length).toBeGreaterThan(100);
    for (const e of page.executions) {
      expect(e.arn).toContain(":express:clickstream-enricher:");
      expect(e.startedAt).toBeGreaterThanOrEqual(clock - 3_600_000);
      expect(e.stoppedAt! - e.startedAt).toBeGreaterThan(0);
    }
    const failed = page.executions.filter((e) => e.status === "FAILED");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ error: "Firehose.ServiceUnavailableException", cause: expect.stringContaining("Slow down") });
    expect(page.logs.bytesScanned).toBeGreaterThan(10_000);
    expect(page.logs.executionsInRange).toBe(page.executions.length);
    expect(page.logs.coverage).toMatch(/Every event is logged/);
    // One query, read until complete; a second look within the cache's life costs nothing.
    expect(account.callCounts()["Logs_20140328.StartQuery"]).toBe(1);
    await listExpressExecutions(ctx, machine, { limit: 1000 });
    expect(account.callCounts()["Logs_20140328.StartQuery"]).toBe(1);
  });

  it("reads one execution with a filtered read and folds it like a Standard history", async () => {
    const machine = await describeStateMachine(ctx, EXPRESS);
    const failed = (await listExpressExecutions(ctx, machine, { status: "FAILED" })).executions[0];
    account.resetCallCounts();
    const detail = await getExpressExecutionDetail(ctx, failed.arn);
    expect(detail).toMatchObject({ status: "FAILED", stateMachineType: "EXPRESS", error: "Firehose.ServiceUnavailableException", startedAt: failed.startedAt });
    expect(JSON.parse(detail.input!)).toHaveProperty("sessionId");
    expect(JSON.parse(detail.definition).StartAt).toBe("Enrich");
    const history = await getExpressHistorySince(ctx, failed.arn, undefined);
    expect(history.finished).toBe(true);
    expect(history.events.map((e) => e.id)).toEqual(history.events.map((_, i) => i + 1));
    const model = foldHistory(history.events);
    expect(model.status).toBe("FAILED");
    const forward = model.runs.find((r) => r.name === "Forward");
    expect(forward?.status).toBe("failed");
    expect(model.runs.find((r) => r.name === "Enrich")?.output?.text).toContain("country");
    expect(account.callCounts()["Logs_20140328.FilterLogEvents"]).toBe(1);
    expect(account.callCounts()["Logs_20140328.StartQuery"]).toBeUndefined();
    // Only the events after an id, as for a running Standard execution.
    const tail = await getExpressHistorySince(ctx, failed.arn, 3);
    expect(tail.events[0].id).toBe(4);
  });
});

describe("a finished Express execution read once", () => {
  it("is kept in the history archive, so another instance (or a restart) opens it without reading the logs again", async () => {
    const kept = new Map<string, HistoryEvent[]>();
    const archive: HistoryArchive = { get: async (arn) => kept.get(arn), put: (arn, events) => void kept.set(arn, [...events]) };
    const first = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => clock });
    const second = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => clock });
    first.historyArchive = archive;
    second.historyArchive = archive;
    const machine = await describeStateMachine(first, EXPRESS);
    const execution = (await listExpressExecutions(first, machine, { status: "SUCCEEDED", limit: 1 })).executions[0];
    account.resetCallCounts();
    const read = await getExpressHistorySince(first, execution.arn, undefined);
    expect(account.callCounts()["Logs_20140328.FilterLogEvents"]).toBe(1);
    expect(kept.get(execution.arn)).toHaveLength(read.events.length);
    const again = await getExpressHistorySince(second, execution.arn, undefined);
    expect(again).toEqual(read);
    expect((await getExpressExecutionDetail(second, execution.arn)).status).toBe("SUCCEEDED");
    expect(account.callCounts()["Logs_20140328.FilterLogEvents"]).toBe(1);
  });
});

describe("Express payloads under STEPSCOPE_REDACT_PATHS", () => {
  it("are masked in the description and in every logged event before they leave the server", async () => {
    const masked = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), {
      now: () => clock,
      security: { allowActions: false, redactPaths: parseRedactPaths("$.sessionId") },
    });
    const machine = await describeStateMachine(masked, EXPRESS);
    const execution = (await listExpressExecutions(masked, machine, { limit: 1 })).executions[0];
    const detail = await getExpressExecutionDetail(masked, execution.arn);
    expect(JSON.parse(detail.input!).sessionId).toBe("[redacted]");
    const history = await getExpressHistorySince(masked, execution.arn, undefined);
    const started = history.events.find((e) => e.type === "ExecutionStarted")!.executionStartedEventDetails as { input: string };
    expect(JSON.parse(started.input).sessionId).toBe("[redacted]");
    const entered = history.events.filter((e) => e.type === "TaskStateEntered").map((e) => JSON.parse((e.stateEnteredEventDetails as { input: string }).input));
    expect(entered.map((input) => input.sessionId)).toEqual(["[redacted]", "[redacted]"]);
  });
});

describe("figures from the demo's CloudWatch metrics", () => {
  it("gives the Express fleet row numbers that agree with the executions its logs list", async () => {
    const window = resolveWindow("1h", clock);
    const index = new FleetIndex();
    const rows = await withMetricFigures(ctx, await index.fleetRows(ctx, window), window, index.limits.horizonMs);
    const row = rows.find((r) => r.arn === EXPRESS)!;
    expect(row.figuresFrom).toBe("metrics");
    expect(row.unavailable).toBeUndefined();
    const machine = await describeStateMachine(ctx, EXPRESS);
    const listed = (await listExpressExecutions(ctx, machine, { from: window.from, to: clock, limit: 10_000 })).executions;
    expect(row.summary!.started).toBe(listed.length);
    expect(row.summary!.failed).toBe(listed.filter((e) => e.status === "FAILED").length);
    expect(row.summary!.errorRate).toBeGreaterThan(0);
    expect(row.summary!.p90).toBeGreaterThan(0);
    expect(row.summary!.p50).toBeLessThanOrEqual(row.summary!.p90!);
    // Standard rows keep the index's numbers in a window it covers.
    expect(rows.filter((r) => r.type === "STANDARD").every((r) => r.figuresFrom === undefined)).toBe(true);
  }, 120_000);

  it("asks for every machine's figures in one GetMetricData call", async () => {
    const machines = await listStateMachines(ctx);
    const window = resolveWindow({ from: clock - 30 * 86_400_000, to: clock }, clock);
    account.resetCallCounts();
    const rows = await withMetricFigures(
      ctx,
      machines.map((m) => ({ arn: m.arn, name: m.name, type: m.type, createdAt: m.createdAt, coverage: { partial: false, indexed: 0 } })),
      window,
      DEFAULT_FLEET_LIMITS.horizonMs,
    );
    expect(account.callCounts()["GraniteServiceVersion20100801.GetMetricData"]).toBe(1);
    expect(rows.every((r) => r.figuresFrom === "metrics")).toBe(true);
    const order = rows.find((r) => r.name === "order-processing")!;
    expect(order.summary!.started).toBeGreaterThan(1000);
  }, 120_000);

  it("draws the state machine page's charts from metrics", async () => {
    const metrics = await machineMetricsFromCloudWatch(ctx, EXPRESS, resolveWindow("1h", clock));
    expect(metrics.figuresFrom).toBe("metrics");
    // An hour of one-minute buckets, and the one holding now.
    expect(metrics.buckets).toHaveLength(61);
    expect(metrics.buckets.reduce((n, b) => n + b.counts.SUCCEEDED, 0)).toBe(metrics.summary.succeeded);
    expect(metrics.buckets.filter((b) => b.p90 !== null).length).toBeGreaterThan(30);
  });
});
