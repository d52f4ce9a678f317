/**
 * Many viewers cost what one costs: fifty clients polling the same running execution, the
 * execution list, the fleet and the metrics make no more Step Functions calls than a single
 * client (shared cache, one request in flight per key). Calls are counted by the demo account
 * behind msw, under the real route handlers. And the shared cache stays inside its byte budget
 * however many distinct executions are read.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getMetrics } from "@/app/api/state-machines/[arn]/metrics/route";
import { GET as getExecutions } from "@/app/api/state-machines/[arn]/executions/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import { parseConfig, resetConfig } from "@/lib/config/env";
import type { ExecutionsResponse, HistoryResponse, StateMachinesResponse } from "@/lib/contract/api";
import { createSfnContext, getHistorySince, listExecutions, listStateMachines, resetSfnContext } from "@/lib/sfn";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

// The simulated world stands still for the test: otherwise an execution finishing between the
// one-viewer and the fifty-viewer runs changes the sampled histories and so the call counts.
const frozenAt = Date.now();
const account = createDemoAccount({ seed: 42, clock: () => frozenAt });
const server = setupServer(...createDemoHandlers(account));
const savedEnv = { ...process.env };

type Handler = (request: Request, context: { params: Promise<{ arn: string }> }) => Promise<Response>;

async function get<T>(handler: Handler, path: string, arn = ""): Promise<T> {
  const response = await handler(new Request(`http://stepscope.test${path}`), { params: Promise.resolve({ arn: encodeURIComponent(arn) }) });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body as T;
}

let machineArn: string;
let runningArn: string;

/** One viewer's poll of everything on screen: the running execution (description + history after what it has), the list, the fleet, the metrics. */
async function pollOnce(lastEventId: number | undefined): Promise<number> {
  const [, history] = await Promise.all([
    get(getExecution, "/api/executions/x", runningArn),
    get<HistoryResponse>(getHistory, `/api/executions/x/history${lastEventId === undefined ? "" : `?after=${lastEventId}`}`, runningArn),
    get(getExecutions, "/api/state-machines/x/executions?limit=50", machineArn),
    get(getStateMachines, "/api/state-machines?counts=24h"),
    get(getFleet, "/api/fleet?window=24h"),
    get(getMetrics, "/api/state-machines/x/metrics?window=24h", machineArn),
  ]);
  return history.lastEventId;
}

/** Cold cache, `clients` viewers polling twice (the second poll incremental), and the calls it cost. */
async function callsFor(clients: number): Promise<Record<string, number>> {
  resetSfnContext();
  account.resetCallCounts();
  const first = await Promise.all(Array.from({ length: clients }, () => pollOnce(undefined)));
  // Past the running-history and description freshness windows, as the next poll would be.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  await Promise.all(first.map((last) => pollOnce(last)));
  return account.callCounts();
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  for (const key of ["STEPSCOPE_SOURCE", "AWS_ENDPOINT_URL_SFN", "STEPSCOPE_REDACT_PATHS", "STEPSCOPE_ALLOW_ACTIONS"]) delete process.env[key];
  process.env.STEPSCOPE_SFN_MAX_ATTEMPTS = "1";
  resetConfig();
  resetSfnContext();
  // Start the execution to watch rather than hoping one is running at this minute of the
  // simulated day: the ETL runs for minutes, far longer than this test.
  const { stateMachines } = await get<StateMachinesResponse>(getStateMachines, "/api/state-machines");
  machineArn = stateMachines.find((m) => m.name === "etl-ingest")?.arn ?? "";
  const started = account.dispatch("AWSStepFunctions.StartExecution", {
    stateMachineArn: machineArn,
    name: `load-watch-${Date.now()}`,
    input: JSON.stringify({ bucket: "raw-events", prefix: "2026/11/25/" }),
  });
  runningArn = (started.body as { executionArn?: string }).executionArn ?? "";
  if (!machineArn || !runningArn) throw new Error(`Could not start an execution to watch: ${JSON.stringify(started.body)}`);
});
afterAll(() => {
  server.close();
  process.env = savedEnv;
  resetConfig();
  resetSfnContext();
});

describe("load", () => {
  it("50 concurrent viewers cause no more Step Functions calls than one", async () => {
    const one = await callsFor(1);
    const fifty = await callsFor(50);
    expect(one.GetExecutionHistory).toBeGreaterThan(0);
    expect(one.DescribeExecution).toBeGreaterThan(0);
    expect(one.ListExecutions).toBeGreaterThan(0);
    for (const operation of new Set([...Object.keys(one), ...Object.keys(fifty)])) {
      expect(fifty[operation] ?? 0, `${operation}: one viewer ${one[operation] ?? 0}, fifty ${fifty[operation] ?? 0}`).toBeLessThanOrEqual(one[operation] ?? 0);
    }
  }, 120_000);

  it("the shared cache stays inside its byte budget with many distinct executions", async () => {
    const budget = 256 * 1024;
    const ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { maxCacheBytes: budget });
    const machines = (await listStateMachines(ctx)).filter((m) => m.type === "STANDARD");
    let read = 0;
    let peak = 0;
    for (const machine of machines) {
      const { executions } = await listExecutions(ctx, { target: { stateMachineArn: machine.arn }, limit: 100 });
      for (const execution of executions) {
        await getHistorySince(ctx, execution.arn);
        read++;
        peak = Math.max(peak, ctx.cache.bytes);
      }
    }
    expect(read).toBeGreaterThanOrEqual(300);
    expect(peak).toBeLessThanOrEqual(budget);
    // Old entries were evicted to stay inside it.
    expect(ctx.cache.size).toBeLessThan(read);
  }, 120_000);
});
