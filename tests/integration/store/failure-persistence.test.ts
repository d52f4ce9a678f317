/**
 * The failure ledger kept in the store, on SQLite and on a throwaway Postgres: a restarted
 * process (new store connection, new index, same database) shows the same error groups at its
 * first answer and reads no failed execution's history again. A failure recorded again (a redrive that
 * failed anew) replaces the stored one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { resolveWindow } from "@/lib/metrics";
import { createSfnContext } from "@/lib/sfn";
import { loadStoredFailures } from "@/lib/server/failure-persistence";
import { FleetIndex, type FleetLimits } from "@/lib/server/fleet";
import { StoreIndexPersistence } from "@/lib/server/index-persistence";
import { openStore, parseDatabaseUrl, type DatabaseLocation } from "@/lib/store";
import { arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents, type FakeExecution } from "../../support/fake-sfn";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const MINUTE = 60_000;
const MACHINE = arnOf.machine("orders");
const LIMITS: Partial<FleetLimits> = { pageSize: 50, minRefreshMs: 5_000, sampleFinished: 3, failureReadsPerSecond: 1_000 };
const server = setupServer();
let fake: FakeSfn;
let now = T0;
let tmp: string;
let cluster: PostgresCluster | undefined;
const runPostgres = shouldRunPostgresTests();

/** A history that fails in `state` with `error`/`cause`, as Step Functions records a failed Task. */
function failedInState(startSeconds: number, state: string, error: string, cause: string): FakeExecution["events"] {
  const at = (id: number) => startSeconds + id / 10;
  return [
    { id: 1, previousEventId: 0, timestamp: at(1), type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", roleArn: "r" } },
    { id: 2, previousEventId: 1, timestamp: at(2), type: "TaskStateEntered", stateEnteredEventDetails: { name: state, input: "{}" } },
    { id: 3, previousEventId: 2, timestamp: at(3), type: "TaskScheduled", taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: "{}" } },
    { id: 4, previousEventId: 3, timestamp: at(4), type: "TaskStarted", taskStartedEventDetails: { resource: "invoke", resourceType: "lambda" } },
    { id: 5, previousEventId: 4, timestamp: at(5), type: "TaskFailed", taskFailedEventDetails: { resource: "invoke", resourceType: "lambda", error, cause } },
    { id: 6, previousEventId: 5, timestamp: at(6), type: "ExecutionFailed", executionFailedEventDetails: { error, cause } },
  ];
}

/** Oldest first: 4 failures in Charge, 2 in Authorize, 1 timeout, then successes (the sample reads those). */
function fillAccount(): string[] {
  const failed: string[] = [];
  const add = (minutesAgo: number, status: string, events?: (s: number) => FakeExecution["events"]) => {
    const startSeconds = (now - minutesAgo * MINUTE) / 1000;
    const e = fake.addExecution({ machine: "orders", name: `run-${minutesAgo}`, status, startSeconds, stopSeconds: startSeconds + 1, events: events ? events(startSeconds) : makeEvents(5, startSeconds, true) });
    if (status !== "SUCCEEDED") failed.push(fake.arnOf(e));
  };
  for (let i = 0; i < 4; i++) add(50 - i, "FAILED", (s) => failedInState(s, "Charge", "States.TaskFailed", `Gateway timeout after ${3000 + i} ms (request ${1000 + i})`));
  for (let i = 0; i < 2; i++) add(40 - i, "FAILED", (s) => failedInState(s, "Authorize", "Card.Declined", "insufficient funds"));
  add(35, "TIMED_OUT", (s) => [
    { id: 1, previousEventId: 0, timestamp: s + 0.1, type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", roleArn: "r" } },
    { id: 2, previousEventId: 1, timestamp: s + 0.2, type: "WaitStateEntered", stateEnteredEventDetails: { name: "Settle", input: "{}" } },
    { id: 3, previousEventId: 2, timestamp: s + 1, type: "ExecutionTimedOut", executionTimedOutEventDetails: {} },
  ]);
  for (let i = 0; i < 5; i++) add(10 - i, "SUCCEEDED");
  return failed;
}

/** A process on the database: its own connection, SDK context, failure records and index. */
async function processOn(location: DatabaseLocation) {
  const store = await openStore(location);
  const failures = await loadStoredFailures(store);
  const fleet = new FleetIndex(LIMITS, { persistence: new StoreIndexPersistence(store, { mayPoll: () => true, now: () => now }), failureStore: failures });
  const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => now });
  const metrics = () => fleet.machineMetrics(ctx, { arn: MACHINE, type: "STANDARD" }, resolveWindow("24h", now));
  return {
    failures,
    fleet,
    metrics,
    async stop() {
      await failures.flush();
      await store.close();
    },
  };
}

const historyReadsOf = (arns: readonly string[]) => fake.callsTo("GetExecutionHistory").filter((c) => arns.includes(c.body.executionArn as string)).length;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-failures-"));
  if (runPostgres) cluster = await startPostgres();
  server.listen({ onUnhandledRequest: "error" });
}, 120_000);

afterAll(async () => {
  server.close();
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  now = T0;
  fake = new FakeSfn();
  fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: T0 / 1000 - 86_400, definition: "{}" }];
  server.resetHandlers(...fake.handlers());
});

let files = 0;
const dialects: { name: string; enabled: boolean; location: () => Promise<DatabaseLocation> }[] = [
  { name: "SQLite", enabled: true, location: async () => parseDatabaseUrl(`sqlite:${path.join(tmp, `failures-${++files}.db`)}`, tmp) },
  { name: "Postgres", enabled: runPostgres, location: async () => parseDatabaseUrl(await cluster!.createDatabase(), tmp) },
];

for (const dialect of dialects) {
  describe.runIf(dialect.enabled)(`failure records kept in ${dialect.name}`, () => {
    it("gives a restarted process every error group at once, without reading a failed history again", async () => {
      const failed = fillAccount();
      const location = await dialect.location();

      const first = await processOn(location);
      expect((await first.metrics()).sample.failures).toBe(0);
      await first.fleet.failuresSettled(MACHINE);
      const before = await first.metrics();
      expect(before.sample).toMatchObject({ failures: 7, failuresInWindow: 7 });
      expect(before.errorGroups.map((g) => [g.error, g.count, g.states.map((s) => s.name)])).toEqual([
        ["States.TaskFailed", 4, ["Charge"]],
        ["Card.Declined", 2, ["Authorize"]],
        ["States.Timeout", 1, ["Settle"]],
      ]);
      expect(historyReadsOf(failed)).toBe(7);
      await first.stop();

      const second = await processOn(location);
      expect(second.failures.loaded).toBe(7);
      const after = await second.metrics();
      await second.fleet.failuresSettled(MACHINE);
      expect(after.sample).toEqual(before.sample);
      expect(after.errorGroups).toEqual(before.errorGroups);
      expect(after.stateFailures).toEqual(before.stateFailures);
      expect(historyReadsOf(failed)).toBe(7);
      expect(second.fleet.failureReads).toBe(0);
      await second.stop();
    });

    it("copies the errors of failures read before they were written back onto their executions, once, on upgrade", async () => {
      const location = await dialect.location();
      const old = await openStore(location);
      const row = (name: string, status: "FAILED" | "RUNNING") => ({ arn: arnOf.execution("orders", name), name, stateMachineArn: MACHINE, status, startedAt: T0, redriveCount: status === "RUNNING" ? 1 : 0 });
      await old.putListing(MACHINE, [row("f-1", "FAILED"), row("redriven", "RUNNING")], undefined, T0);
      const record = (name: string) => ({ executionArn: arnOf.execution("orders", name), machineArn: MACHINE, startedAt: T0, status: "FAILED", error: "Card.Declined", cause: "expired", groupKey: "g" });
      await old.putFailures([record("f-1"), record("redriven")]);
      // What a store of version 5 holds: records, and rows without their errors (the migrations after it not run yet).
      await old.db.deleteFrom("kysely_migration" as never).where("name" as never, ">=", "0006" as never).execute();
      await old.db.schema.dropTable("index_columns").execute();
      await old.db.schema.dropIndex("executions_by_machine_status_start").execute();
      await old.close();
      const upgraded = await openStore(location);
      try {
        const byName = new Map((await upgraded.executions(MACHINE, 0)).map((e) => [e.name, e]));
        expect(byName.get("f-1")).toMatchObject({ status: "FAILED", error: "Card.Declined", cause: "expired" });
        // Redriven since its failure was read: the old error is not its own any more.
        expect(byName.get("redriven")).not.toHaveProperty("error");
      } finally {
        await upgraded.close();
      }
    });

    it("keeps one record per execution: a redriven execution that failed anew replaces its first failure", async () => {
      const location = await dialect.location();
      const execution = { arn: arnOf.execution("orders", "run-1"), stateMachineArn: MACHINE, startedAt: T0 };
      const first = await openStore(location);
      const records = await loadStoredFailures(first);
      records.set(execution, { status: "FAILED", record: { executionArn: execution.arn, executionName: "run-1", at: T0 + 1000, state: "Charge", error: "States.TaskFailed", cause: "Gateway timeout" } });
      records.set(execution, { status: "TIMED_OUT", record: { executionArn: execution.arn, executionName: "run-1", at: T0 + 9000, state: "Settle", error: "States.Timeout" } });
      // Listed as failed, but its history shows none (running again): nothing to count, nothing stored.
      const running = { arn: arnOf.execution("orders", "run-2"), stateMachineArn: MACHINE, startedAt: T0 };
      records.set(running, { status: "FAILED" });
      await records.flush();
      await first.close();

      const second = await openStore(location);
      const reloaded = await loadStoredFailures(second);
      expect(reloaded.loaded).toBe(1);
      expect(reloaded.get(execution.arn)).toEqual({ status: "TIMED_OUT", record: { executionArn: execution.arn, executionName: "run-1", at: T0 + 9000, state: "Settle", error: "States.Timeout" } });
      expect(reloaded.get(running.arn)).toBeUndefined();
      expect((await second.errorGroups(MACHINE, T0 - 1, T0 + 1)).map((g) => [g.error, g.count])).toEqual([["States.Timeout", 1]]);
      await second.close();
    });
  });
}
