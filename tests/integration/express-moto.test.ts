/**
 * Express executions and CloudWatch figures against moto, a third-party implementation of
 * CloudWatch Logs and CloudWatch: records in Step Functions' format put with PutLogEvents,
 * metrics with PutMetricData (real SDK clients), read back through Stepscope's API under the
 * production build. Bad input: a record that is not JSON, an execution whose oldest records
 * expired, a machine whose log group does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionResponse, ExpressExecutionsResponse, FleetResponse, HistoryResponse, MachineMetricsResponse } from "@/lib/contract/api";
import { foldHistory } from "@/lib/history/fold";
import { seedExpressOnMoto, type SeededExpress } from "../support/express-moto-seed";
import { shouldRunMotoTests, startMoto, type MotoServer } from "../support/moto";
import { startStepscope, type StepscopeServer } from "../support/server";

const runMoto = shouldRunMotoTests();
const enc = encodeURIComponent;

describe.skipIf(!runMoto)("Express executions on moto's CloudWatch Logs and CloudWatch", () => {
  let moto: MotoServer;
  let stepscope: StepscopeServer;
  let seeded: SeededExpress;

  async function api<T>(path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${stepscope.url}${path}`);
    return { status: res.status, body: (await res.json()) as T };
  }

  beforeAll(async () => {
    moto = await startMoto();
    seeded = await seedExpressOnMoto(moto.url);
    stepscope = await startStepscope({
      env: { AWS_ENDPOINT_URL_SFN: moto.url, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1", STEPSCOPE_SFN_MAX_ATTEMPTS: "1" },
    });
  }, 120_000);

  afterAll(async () => {
    await stepscope?.stop();
    await moto?.stop();
  });

  it("lists the executions of the last hour from a Logs Insights query, skipping the record that is not JSON", async () => {
    const { status, body } = await api<ExpressExecutionsResponse>(`/api/state-machines/${enc(seeded.machineArn)}/executions`);
    expect(status).toBe(200);
    const byArn = new Map(body.executions.map((e) => [e.arn, e]));
    expect(byArn.get(seeded.succeeded)).toMatchObject({ status: "SUCCEEDED", name: "ok-1", startedAt: seeded.startedAt[seeded.succeeded] });
    expect(byArn.get(seeded.failed)).toMatchObject({ status: "FAILED", error: "Firehose.ServiceUnavailableException", cause: "Slow down." });
    expect(byArn.get(seeded.failed)!.stoppedAt! - seeded.startedAt[seeded.failed]).toBe(70);
    // Its ExecutionStarted record expired: at level ALL it is not claimed to have started in the window.
    expect(byArn.has(seeded.expired)).toBe(false);
    expect(body.logs.logging).toEqual({ level: "ALL", includeExecutionData: true, logGroupName: seeded.logGroupName });
    // moto ignores the query's filter and returns every record: the damaged one is counted, not shown.
    expect(body.logs.unreadableRecords).toBe(1);
  }, 60_000);

  it("opens one execution from a filtered read, folded like a Standard history", async () => {
    const detail = await api<ExecutionResponse>(`/api/executions/${enc(seeded.failed)}`);
    expect(detail.status).toBe(200);
    expect(detail.body.execution).toMatchObject({ status: "FAILED", stateMachineType: "EXPRESS", stateMachineName: "clicks", error: "Firehose.ServiceUnavailableException" });
    expect(JSON.parse(detail.body.execution.input!)).toEqual({ sessionId: "s-1", path: "/docs" });
    expect(JSON.parse(detail.body.execution.definition).StartAt).toBe("Enrich");
    // The damaged record names this execution: what it is is said, and the rest is shown.
    expect(detail.body.execution.logs?.problem).toMatch(/1 log record was not a Step Functions record/);
    const history = await api<HistoryResponse>(`/api/executions/${enc(seeded.failed)}/history`);
    expect(history.body.finished).toBe(true);
    expect(history.body.events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const model = foldHistory(history.body.events);
    expect(model.runs.map((r) => [r.name, r.status])).toEqual([
      ["Enrich", "succeeded"],
      ["Forward", "failed"],
    ]);
    const after = await api<HistoryResponse>(`/api/executions/${enc(seeded.failed)}/history?after=9`);
    expect(after.body.events.map((e) => e.id)).toEqual([10, 11]);
  }, 60_000);

  it("shows what is left of an execution whose oldest records expired, and says so", async () => {
    const detail = await api<ExecutionResponse>(`/api/executions/${enc(seeded.expired)}`);
    expect(detail.status).toBe(200);
    expect(detail.body.execution.status).toBe("FAILED");
    expect(detail.body.execution.logs?.problem).toMatch(/Events 1–3 of this execution are no longer in \/aws\/vendedlogs\/states\/clicks-Logs/);
    const history = await api<HistoryResponse>(`/api/executions/${enc(seeded.expired)}/history`);
    expect(history.body.events[0].id).toBe(4);
    expect(foldHistory(history.body.events).runs.some((r) => r.name === "Forward" && r.status === "failed")).toBe(true);
  }, 60_000);

  it("says which log group is missing instead of listing nothing", async () => {
    const { status, body } = await api<{ error: { code: string; message: string } }>(`/api/state-machines/${enc(seeded.orphanArn)}/executions`);
    expect(status).toBe(404);
    expect(body.error.message).toMatch(/log group \/aws\/vendedlogs\/states\/deleted-Logs that orphan logs to does not exist/);
  }, 60_000);

  it("gives the Express fleet row and state machine page figures from the metrics put with PutMetricData", async () => {
    const fleet = await api<FleetResponse>("/api/fleet?window=1h");
    const row = fleet.body.rows.find((r) => r.arn === seeded.machineArn)!;
    expect(row.figuresFrom).toBe("metrics");
    expect(row.summary).toMatchObject({ started: 3, succeeded: 1, failed: 2, errors: 2, finished: 3 });
    expect(row.summary!.errorRate).toBeCloseTo(2 / 3);
    // ExecutionTime samples 77 and 70 ms: nearest-rank percentiles over the window.
    expect(row.summary).toMatchObject({ p50: 70, p90: 77, p99: 77 });
    const metrics = await api<MachineMetricsResponse>(`/api/state-machines/${enc(seeded.machineArn)}/metrics?window=1h`);
    expect(metrics.body.figuresFrom).toBe("metrics");
    expect(metrics.body.buckets.reduce((n, b) => n + b.counts.FAILED, 0)).toBe(2);
    expect(metrics.body.buckets.filter((b) => b.p90 !== null).map((b) => b.p90)).toEqual([77, 70]);
  }, 60_000);
});
