/**
 * The error groups read each failure's history once, however often requests re-queue the
 * machine's unread failures: a failure a reader has taken (and is waiting on the pacer for) is
 * not read a second time by another reader picking it from the refreshed queue. Fifty viewers
 * re-queue far more often than one, so this is what keeps their cost at one viewer's.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import type { ExecutionSummary } from "@/lib/contract/api";
import { FailureLedger } from "@/lib/server/fleet/failure-ledger";
import { createSfnContext } from "@/lib/sfn";
import { arnOf, FAKE_ENDPOINT, FakeSfn, makeEvents } from "../support/fake-sfn";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const fake = new FakeSfn();
const server = setupServer();
fake.machines = [{ name: "orders", type: "STANDARD", createdSeconds: T0 / 1000 - 86_400, definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } }) }];
const failures: ExecutionSummary[] = [1, 2, 3, 4].map((i) => {
  const execution = fake.addExecution({ machine: "orders", name: `failed-${i}`, status: "FAILED", startSeconds: T0 / 1000 - i * 60, events: makeEvents(4, T0 / 1000 - i * 60, true) });
  return { arn: fake.arnOf(execution), name: `failed-${i}`, stateMachineArn: arnOf.machine("orders"), status: "FAILED", startedAt: T0 - i * 60_000 };
});

beforeAll(() => {
  server.use(...fake.handlers());
  server.listen({ onUnhandledRequest: "bypass" });
});
afterAll(() => server.close());

describe("failure reads", () => {
  it("a failure taken by one reader is not read again when a request re-queues it", async () => {
    const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => T0 });
    // Two readers, two reads a second on a clock that stands still: the third and fourth reads wait on the pacer.
    const ledger = new FailureLedger({ readsPerSecond: 2, concurrency: 2 }, undefined, () => T0);
    const machine = arnOf.machine("orders");
    ledger.readInBackground(ctx, machine, failures);
    // A second request arrives while both readers wait, and queues the third and fourth again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { unread } = ledger.lookUp(failures);
    expect(unread.map((e) => e.name)).toEqual(["failed-3", "failed-4"]);
    ledger.readInBackground(ctx, machine, unread);
    await ledger.settled(machine);
    expect(ledger.lookUp(failures).unread).toEqual([]);
    const reads = fake.callsTo("GetExecutionHistory").map((c) => c.body.executionArn);
    expect(reads.sort()).toEqual(failures.map((e) => e.arn).sort());
    expect(ledger.reads).toBe(4);
  });

  it("reads a redriven execution that failed again, though its status reads the same", async () => {
    const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => T0 });
    const ledger = new FailureLedger({ readsPerSecond: 100, concurrency: 1 }, undefined, () => T0);
    const machine = arnOf.machine("orders");
    const first = { ...failures[0], redriveCount: 0 };
    ledger.readInBackground(ctx, machine, [first]);
    await ledger.settled(machine);
    expect(ledger.lookUp([first]).unread).toEqual([]);
    // Redriven, and failed again: FAILED as before, but a new try with its own failure.
    const again = { ...first, redriveCount: 1 };
    expect(ledger.lookUp([again]).unread).toEqual([again]);
  });
});
