/**
 * Finished histories kept in the store, on SQLite and on a throwaway Postgres, through the
 * server's fleet service as it starts at boot: a restarted process (new SDK context with a cold
 * cache, new store connection) opens a finished execution it read before without calling
 * GetExecutionHistory; a running one is read again; a failed one (which can be redriven) opens
 * from the store and is checked once with one small page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext, getHistoryAnswer, getSyncedHistory, type SfnContext } from "@/lib/sfn";
import { readHistoryOnce, type HistoryAnswer } from "@/lib/sfn/history-sync";
import { machineArnOf } from "@/lib/server/history-archive";
import { startFleetService } from "@/lib/server/fleet-service";
import { arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../../support/fake-sfn";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const server = setupServer();
let fake: FakeSfn;
let tmp: string;
let cluster: PostgresCluster | undefined;
const runPostgres = shouldRunPostgresTests();

const SUCCEEDED = arnOf.execution("orders", "done");
const RUNNING = arnOf.execution("orders", "busy");
const FAILED = arnOf.execution("orders", "broken");

function fillAccount(): void {
  const start = T0 / 1000 - 600;
  fake.addExecution({ machine: "orders", name: "broken", status: "FAILED", startSeconds: start, stopSeconds: start + 2, events: [
    ...makeEvents(4, start, false),
    { id: 5, previousEventId: 4, timestamp: start + 2, type: "ExecutionFailed", executionFailedEventDetails: { error: "Boom", cause: "it broke" } },
  ] });
  fake.addExecution({ machine: "orders", name: "done", status: "SUCCEEDED", startSeconds: start + 10, stopSeconds: start + 12, events: makeEvents(2_500, start + 10, true) });
  fake.addExecution({ machine: "orders", name: "busy", status: "RUNNING", startSeconds: start + 20, events: makeEvents(6, start + 20, false) });
}

/** A server process: a fresh SDK context (cold cache) and the fleet service on the database. */
async function serverOn(databaseUrl: string): Promise<{ ctx: SfnContext; stop: () => Promise<void> }> {
  const config = parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1", STEPSCOPE_DATABASE_URL: databaseUrl });
  const ctx = createSfnContext(config, { now: () => T0 });
  const service = await startFleetService(ctx, config);
  return { ctx, stop: () => service.stop() };
}

async function text(answer: HistoryAnswer): Promise<string> {
  return answer.kind === "stream" ? new Response(answer.body).text() : JSON.stringify(answer.value);
}

const historyCalls = (arn: string) => fake.callsTo("GetExecutionHistory").filter((c) => c.body.executionArn === arn);

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-histories-"));
  if (runPostgres) cluster = await startPostgres();
  server.listen({ onUnhandledRequest: "error" });
}, 120_000);

afterAll(async () => {
  server.close();
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  fake = new FakeSfn();
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: T0 / 1000 - 86_400, definition: "{}" }];
  fillAccount();
  server.resetHandlers(...fake.handlers());
});

let files = 0;
const dialects: { name: string; enabled: boolean; url: () => Promise<string> }[] = [
  { name: "SQLite", enabled: true, url: async () => `sqlite:${path.join(tmp, `histories-${++files}.db`)}` },
  { name: "Postgres", enabled: runPostgres, url: async () => cluster!.createDatabase() },
];

for (const dialect of dialects) {
  describe.runIf(dialect.enabled)(`finished histories kept in ${dialect.name}`, () => {
    it("opens a finished execution after a restart without calling GetExecutionHistory", async () => {
      const url = await dialect.url();
      const first = await serverOn(url);
      const before = await text(await getHistoryAnswer(first.ctx, SUCCEEDED));
      expect(JSON.parse(before)).toMatchObject({ finished: true, lastEventId: 2_500 });
      // 2,500 events: three pages of 1,000.
      expect(historyCalls(SUCCEEDED)).toHaveLength(3);
      await getHistoryAnswer(first.ctx, RUNNING);
      await first.stop();

      const second = await serverOn(url);
      expect(await text(await getHistoryAnswer(second.ctx, SUCCEEDED))).toBe(before);
      expect(historyCalls(SUCCEEDED)).toHaveLength(3);
      // A running history changes: it is not kept, and is read again.
      const runningCalls = historyCalls(RUNNING).length;
      expect((await getHistoryAnswer(second.ctx, RUNNING)).kind).toBe("json");
      expect(historyCalls(RUNNING).length).toBeGreaterThan(runningCalls);
      await second.stop();
    });

    // The error groups read every failed history in the background (readHistoryOnce), so in a
    // live server either the page or that read may ask first; both orders must cost the same.
    for (const order of ["the page asks first", "the error groups' read asks first"] as const) {
      it(`opens a failed execution from the store, then checks once for a redrive with one small page (${order})`, async () => {
        const url = await dialect.url();
        const first = await serverOn(url);
        await getHistoryAnswer(first.ctx, FAILED);
        await first.stop();
        expect(historyCalls(FAILED)).toHaveLength(1);

        const second = await serverOn(url);
        if (order === "the error groups' read asks first") await readHistoryOnce(second.ctx, FAILED);
        const opened = JSON.parse(await text(await getHistoryAnswer(second.ctx, FAILED)));
        expect(opened.events.map((e: { type: string }) => e.type).at(-1)).toBe("ExecutionFailed");
        const checked = await getSyncedHistory(second.ctx, FAILED);
        expect(checked.lastEventId).toBe(5);
        // The kept copy answered; the only call of this life is one newest-first page of 100 that
        // looks for a redrive, never a whole read again.
        expect(historyCalls(FAILED).slice(1).map((c) => [c.body.reverseOrder, c.body.maxResults])).toEqual([[true, 100]]);
        await second.stop();
      });
    }
  });
}

describe("the machine of an execution ARN", () => {
  it("is found for a standard execution and for a distributed Map's child", () => {
    expect(machineArnOf(SUCCEEDED)).toBe(arnOf.machine("orders"));
    expect(machineArnOf("arn:aws:states:us-east-1:123456789012:execution:orders/map-label:1f2e")).toBe(arnOf.machine("orders"));
  });
});
