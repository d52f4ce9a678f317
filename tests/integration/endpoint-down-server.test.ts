/**
 * The production build with its Step Functions endpoint down: every route says which endpoint
 * cannot be reached (503 UNAVAILABLE), never "unexpected error". Under `next start` the
 * instrumentation hook and the routes are bundled apart, so an error thrown by a server service
 * is another copy of the error class than the one a route checks: a route test run in-process
 * cannot see that.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "@/lib/contract/api";
import { startStepscope, type StepscopeServer } from "../support/server";

const DOWN = "http://127.0.0.1:9";
const MACHINE = encodeURIComponent("arn:aws:states:us-east-1:123456789012:stateMachine:orders");

describe("the production server with its endpoint down", () => {
  let stepscope: StepscopeServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "stepscope-down-"));
    stepscope = await startStepscope({
      env: { AWS_ENDPOINT_URL_SFN: DOWN, AWS_REGION: "us-east-1", STEPSCOPE_DATABASE_URL: `sqlite:${path.join(dir, "down.db")}` },
    });
  }, 90_000);
  afterAll(async () => {
    await stepscope?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(["/api/fleet?window=24h", "/api/state-machines", `/api/state-machines/${MACHINE}/executions?limit=5`])("%s names the endpoint it cannot reach", async (route) => {
    const response = await fetch(`${stepscope.url}${route}`);
    const body = (await response.json()) as ApiErrorBody;
    expect(response.status, JSON.stringify(body)).toBe(503);
    expect(body.error.code).toBe("UNAVAILABLE");
    expect(body.error.message).toContain(`Cannot reach the Step Functions endpoint ${DOWN}`);
  });

  it("logs no unexpected error for a down endpoint", () => {
    expect(stepscope.output()).toContain(`Cannot reach the Step Functions endpoint ${DOWN}`);
    expect(stepscope.output()).not.toContain("unexpected error in an API route");
  });
});
