/**
 * Search by error and cause over executions that no event described: the listing carries no
 * error, so the failure ledger's one history read per failure is what writes the error and cause
 * back to the execution rows. Through GET /api/search, with the fleet service polling a fake
 * endpoint, on SQLite and on a throwaway Postgres.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/search/route";
import type { SearchResponse } from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { getSfnContext, resetSfnContext } from "@/lib/sfn";
import { fleetService, resetFleetService } from "@/lib/server/fleet-service";
import { FakeSfn, makeEvents, type FakeExecution } from "../../support/fake-sfn";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";
import { callRoute, useFakeSfnServer } from "../../support/route-harness";

const server = useFakeSfnServer({ STEPSCOPE_FAILURE_READS_PER_SECOND: "50" });
const runPostgres = shouldRunPostgresTests();
const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-search-errors-"));
const nowSeconds = Math.floor(Date.now() / 1000);
let cluster: PostgresCluster | undefined;
let fake: FakeSfn;

function failedWith(start: number, error: string, cause: string): FakeExecution["events"] {
  return [
    { id: 1, previousEventId: 0, timestamp: start, type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", roleArn: "r" } },
    { id: 2, previousEventId: 1, timestamp: start + 1, type: "TaskStateEntered", stateEnteredEventDetails: { name: "Charge", input: "{}" } },
    { id: 3, previousEventId: 2, timestamp: start + 2, type: "TaskFailed", taskFailedEventDetails: { resource: "invoke", resourceType: "lambda", error, cause } },
    { id: 4, previousEventId: 3, timestamp: start + 3, type: "ExecutionFailed", executionFailedEventDetails: { error, cause } },
  ];
}

const FAILURES = [
  { name: "declined-1", error: "Card.Declined", cause: "The issuer said: insufficient funds" },
  { name: "declined-2", error: "Card.Declined", cause: "The issuer said: card expired" },
  { name: "gateway-1", error: "States.TaskFailed", cause: '{"errorMessage":"Gateway timeout after 3000 ms","errorType":"TimeoutError"}' },
];

beforeAll(async () => {
  if (runPostgres) cluster = await startPostgres();
}, 120_000);

beforeEach(() => {
  fake = new FakeSfn();
  fake.machines = [{ name: "payments", type: "STANDARD", createdSeconds: nowSeconds - 86_400, definition: "{}" }];
  FAILURES.forEach((f, i) => {
    const start = nowSeconds - 600 + i * 60;
    // ListExecutions says FAILED and nothing more; only the history names the error.
    fake.addExecution({ machine: "payments", name: f.name, status: "FAILED", startSeconds: start, stopSeconds: start + 3, events: failedWith(start, f.error, f.cause) });
  });
  for (let i = 0; i < 4; i++) {
    const start = nowSeconds - 300 + i * 30;
    fake.addExecution({ machine: "payments", name: `ok-${i}`, status: "SUCCEEDED", startSeconds: start, stopSeconds: start + 5, events: makeEvents(3, start, true) });
  }
  server.use(...fake.handlers());
});

afterAll(async () => {
  await resetFleetService();
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function names(query: string): Promise<string[]> {
  const { status, body } = await callRoute(search as never, `http://stepscope.test/api/search?q=${encodeURIComponent(query)}`, "");
  expect(status).toBe(200);
  return (body as SearchResponse).hits.map((h) => h.name);
}

const dialects = [
  { name: "SQLite", enabled: true, url: async () => `sqlite:${path.join(tmp, "errors.db")}` },
  { name: "Postgres", enabled: runPostgres, url: async () => cluster!.createDatabase() },
];

for (const dialect of dialects) {
  describe.runIf(dialect.enabled)(`search by error and cause on ${dialect.name}`, () => {
    it("finds failed executions by the error and cause their histories gave, reading each history once", async () => {
      await resetFleetService();
      process.env.STEPSCOPE_DATABASE_URL = await dialect.url();
      resetConfig();
      resetSfnContext();
      const service = await fleetService(getSfnContext());
      await expect.poll(() => names("error:Card.Declined"), { timeout: 20_000, interval: 200 }).toEqual(["declined-2", "declined-1"]);
      expect(await names("error:States.*")).toEqual(["gateway-1"]);
      expect(await names('cause:"gateway timeout"')).toEqual(["gateway-1"]);
      expect(await names("cause:issuer status:failed")).toEqual(["declined-2", "declined-1"]);
      const hit = (await callRoute(search as never, `http://stepscope.test/api/search?q=${encodeURIComponent("name:declined-1")}`, "")).body as SearchResponse;
      expect(hit.hits[0]).toMatchObject({ status: "FAILED", error: "Card.Declined", cause: "The issuer said: insufficient funds" });
      // One GetExecutionHistory per failure, and none for the executions that succeeded.
      const failedArns = FAILURES.map((f) => fake.arnOf({ machine: "payments", name: f.name } as FakeExecution));
      const reads = fake.callsTo("GetExecutionHistory").map((c) => c.body.executionArn as string);
      expect(reads.filter((a) => failedArns.includes(a)).sort()).toEqual([...failedArns].sort());
      expect(service.fleet!.failureReads).toBe(FAILURES.length);
    }, 60_000);
  });
}
