/**
 * The production build under `next start` in demo mode: instrumentation puts the demo account
 * behind the SDK, and the API answers over HTTP as the pages will see it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody, ExecutionsResponse, HistoryResponse, SourceInfo, StateMachinesResponse } from "@/lib/contract/api";
import { startStepscope, type StepscopeServer } from "../support/server";

describe("Stepscope in demo mode over HTTP", () => {
  let stepscope: StepscopeServer;

  beforeAll(async () => {
    stepscope = await startStepscope({ env: { STEPSCOPE_DEMO_SEED: "7" } });
  }, 90_000);
  afterAll(async () => {
    await stepscope?.stop();
  });

  async function get<T>(path: string): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${stepscope.url}${path}`);
    return { status: response.status, body: (await response.json()) as T, headers: response.headers };
  }

  it("says it is on the demo account, in the API and in its log", async () => {
    const { body } = await get<SourceInfo>("/api/source");
    expect(body).toMatchObject({ kind: "demo", label: "Demo account" });
    expect(stepscope.output()).toMatch(/reading Step Functions from the demo account/);
  });

  it("lists the demo state machines with executions counted over 24 hours", async () => {
    const { status, body } = await get<StateMachinesResponse>("/api/state-machines?counts=24h");
    expect(status).toBe(200);
    expect(body.stateMachines.length).toBeGreaterThan(1);
    const counted = body.stateMachines.filter((m) => m.counts && Object.values(m.counts).some((n) => n > 0));
    expect(counted.length).toBeGreaterThan(0);
  });

  it("serves an execution's history through the URL-encoded ARN", async () => {
    const machines = (await get<StateMachinesResponse>("/api/state-machines")).body.stateMachines.filter((m) => m.type === "STANDARD");
    const executions = (await get<ExecutionsResponse>(`/api/state-machines/${encodeURIComponent(machines[0].arn)}/executions?limit=1`)).body
      .executions;
    expect(executions).toHaveLength(1);
    const history = await get<HistoryResponse>(`/api/executions/${encodeURIComponent(executions[0].arn)}/history`);
    expect(history.status).toBe(200);
    expect(history.body.events[0].type).toBe("ExecutionStarted");
  });

  it("answers a malformed ARN with a JSON 400, not a page or a stack trace", async () => {
    const { status, body, headers } = await get<ApiErrorBody>("/api/executions/not%20an%20arn/history");
    expect(status).toBe(400);
    expect(headers.get("content-type")).toMatch(/application\/json/);
    expect(body.error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/Malformed execution ARN/) });
  });
});
