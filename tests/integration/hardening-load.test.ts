/**
 * Many viewers cost what one costs: fifty clients polling the same running execution, the
 * execution list, the fleet and the metrics make exactly the Step Functions calls of a single
 * client (shared cache, one request in flight per key, each failure read once), counted on one
 * frozen clock per poll so every cache period holds the same polls in both runs, and after the
 * background failure reads are done. Calls are counted by the demo account behind msw, under
 * the real route handlers. And the shared cache stays inside its byte budget
 * however many distinct executions are read.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getMetrics } from "@/app/api/state-machines/[arn]/metrics/route";
import { GET as getExecutions } from "@/app/api/state-machines/[arn]/executions/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import { parseConfig, resetConfig } from "@/lib/config/env";
import type { ExecutionsResponse, HistoryResponse, StateMachinesResponse } from "@/lib/contract/api";
import { createSfnContext, getHistorySince, getSfnContext, listExecutions, listStateMachines, resetSfnContext } from "@/lib/sfn";
import { appFleetIndex } from "@/lib/server/fleet-service";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

// The simulated world stands still for the test: otherwise an execution finishing between the
// one-viewer and the fifty-viewer runs changes the sampled histories and so the call counts.
// Stepscope's clock is frozen too (only Date; timers and I/O run for real), and moved on by hand
// between polls: every cache period then holds exactly one poll of every viewer, however long
// fifty viewers take on a busy machine. On the wall clock a slow fifty-viewer poll outlasted the
// 10 s description cache and was charged a second DescribeStateMachine the one viewer never paid.
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
let allMachineArns: string[];

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

/** Past the running-history and description freshness windows, as the next poll would be. */
const NEXT_POLL_MS = 2_100;

/**
 * Cold cache, `clients` viewers polling twice (the second poll incremental), and the calls it
 * cost. Both runs start at the same instant and see the same clock at each poll.
 */
async function callsFor(clients: number): Promise<Record<string, number>> {
  vi.setSystemTime(frozenAt);
  resetSfnContext();
  account.resetCallCounts();
  const first = await Promise.all(Array.from({ length: clients }, () => pollOnce(undefined)));
  vi.setSystemTime(frozenAt + NEXT_POLL_MS);
  await Promise.all(first.map((last) => pollOnce(last)));
  // The failures the metrics and the fleet group are read in the background, once per process
  // whoever asked; counting before they are all read would count however many the wall clock let through.
  const fleet = await appFleetIndex(getSfnContext());
  for (const arn of allMachineArns) await fleet.failuresSettled(arn);
  return account.callCounts();
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  for (const key of ["STEPSCOPE_SOURCE", "AWS_ENDPOINT_URL_SFN", "STEPSCOPE_REDACT_PATHS", "STEPSCOPE_ALLOW_ACTIONS"]) delete process.env[key];
  process.env.STEPSCOPE_SFN_MAX_ATTEMPTS = "1";
  // The background failure reads are paced on real timers; paced at the most allowed here so settling them is quick.
  process.env.STEPSCOPE_FAILURE_READS_PER_SECOND = "400";
  resetConfig();
  resetSfnContext();
  // Start the execution to watch rather than hoping one is running at this minute of the
  // simulated day: the ETL runs for minutes, far longer than this test.
  const { stateMachines } = await get<StateMachinesResponse>(getStateMachines, "/api/state-machines");
  machineArn = stateMachines.find((m) => m.name === "etl-ingest")?.arn ?? "";
  allMachineArns = stateMachines.map((m) => m.arn);
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
  it("50 concurrent viewers cause exactly the Step Functions calls of one", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    let one: Record<string, number>;
    let fifty: Record<string, number>;
    try {
      one = await callsFor(1);
      fifty = await callsFor(50);
    } finally {
      vi.useRealTimers();
    }
    console.log("[load] one", JSON.stringify(one), "fifty", JSON.stringify(fifty));
    expect(one.GetExecutionHistory).toBeGreaterThan(0);
    expect(one.DescribeExecution).toBeGreaterThan(0);
    expect(one.ListExecutions).toBeGreaterThan(0);
    for (const operation of new Set([...Object.keys(one), ...Object.keys(fifty)])) {
      expect(fifty[operation] ?? 0, `${operation}: one viewer ${one[operation] ?? 0}, fifty ${fifty[operation] ?? 0}`).toBeLessThanOrEqual(one[operation] ?? 0);
    }
    // On the same clock the same work is done once, whoever asks: not fewer calls either.
    expect(fifty).toEqual(one);
  }, 120_000);

  it("the shared cache stays inside its byte budget with many distinct executions", async () => {
    const budget = 256 * 1024;
    const ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { maxCacheBytes: budget });
    const machines = (await listStateMachines(ctx)).filter((m) => m.type === "STANDARD");
    let read = 0;
    let peak = 0;
    // 400 distinct histories: several times what the budget holds, from every machine in turn.
    const READS = 400;
    const lists = await Promise.all(machines.map(async (m) => (await listExecutions(ctx, { target: { stateMachineArn: m.arn }, limit: 100 })).executions));
    for (let i = 0; read < READS && lists.some((l) => i < l.length); i++) {
      for (const list of lists) {
        if (i >= list.length || read >= READS) continue;
        await getHistorySince(ctx, list[i].arn);
        read++;
        peak = Math.max(peak, ctx.cache.bytes);
      }
    }
    expect(read).toBe(READS);
    expect(peak).toBeLessThanOrEqual(budget);
    // Old entries were evicted to stay inside it.
    expect(ctx.cache.size).toBeLessThan(read);
  }, 120_000);
});
