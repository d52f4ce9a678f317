/**
 * The payload indexer with the real SDK against a fake endpoint: it describes each execution of
 * the named machines once, describes a running one again after it stopped (its output is only
 * known then), makes no call when nothing is due, and a failed read is retried next round.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { parseSearchQuery } from "@/lib/search";
import { PayloadIndexer } from "@/lib/server/payload-indexer";
import { createSfnContext } from "@/lib/sfn";
import { openStore, parseDatabaseUrl, searchExecutions, type Store } from "@/lib/store";
import { arnOf, FAKE_ENDPOINT, FakeSfn } from "../../support/fake-sfn";

const T0 = Date.UTC(2026, 10, 25, 12);
const server = setupServer();
const fake = new FakeSfn();
const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-payloads-"));
let store: Store;
let now = T0;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  server.use(...fake.handlers());
  store = await openStore(parseDatabaseUrl(`sqlite:${path.join(tmp, "p.db")}`, tmp));
  await store.putStateMachines(
    ["orders", "clicks"].map((name) => ({ arn: arnOf.machine(name), name, type: "STANDARD" as const, createdAt: T0 - 86_400_000 })),
    T0,
  );
});

afterAll(async () => {
  server.close();
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

const ctx = () => createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => now });
const describes = () => fake.callsTo("DescribeExecution").length;
const find = async (q: string) => (await searchExecutions(store, parseSearchQuery(q), 50)).hits.map((h) => h.name);

describe("the payload indexer", () => {
  it("reads the named machines' payloads once, and a running execution again when it stopped", async () => {
    const running = fake.addExecution({ machine: "orders", name: "o-1", status: "RUNNING", startSeconds: T0 / 1000, input: '{"customer":{"id":"c-1"}}' });
    fake.addExecution({ machine: "clicks", name: "k-1", status: "SUCCEEDED", startSeconds: T0 / 1000, stopSeconds: T0 / 1000 + 1, input: '{"customer":{"id":"c-1"}}' });
    await store.putListing(arnOf.machine("orders"), [{ arn: arnOf.execution("orders", "o-1"), name: "o-1", stateMachineArn: arnOf.machine("orders"), status: "RUNNING", startedAt: T0 }], undefined, now);
    await store.putListing(arnOf.machine("clicks"), [{ arn: arnOf.execution("clicks", "k-1"), name: "k-1", stateMachineArn: arnOf.machine("clicks"), status: "SUCCEEDED", startedAt: T0, stoppedAt: T0 + 1000 }], undefined, now);

    const indexer = new PayloadIndexer(store, "order*");
    expect(await indexer.round(ctx())).toEqual({ read: 1, failed: 0 });
    expect(await find('input.customer.id = "c-1"')).toEqual(["o-1"]);

    const before = describes();
    expect(await indexer.round(ctx())).toEqual({ read: 0, failed: 0 });
    expect(describes()).toBe(before);

    // It stops; the listing writes the new status, and the next round reads the final output.
    running.status = "SUCCEEDED";
    running.stopSeconds = T0 / 1000 + 30;
    running.output = '{"total":12.5}';
    now += 60_000;
    await store.putListing(arnOf.machine("orders"), [{ arn: arnOf.execution("orders", "o-1"), name: "o-1", stateMachineArn: arnOf.machine("orders"), status: "SUCCEEDED", startedAt: T0, stoppedAt: T0 + 30_000 }], undefined, now);
    expect(await indexer.round(ctx())).toEqual({ read: 1, failed: 0 });
    expect(await find("output.total = 12.5")).toEqual(["o-1"]);
  });

  it("retries a read that failed", async () => {
    fake.addExecution({ machine: "orders", name: "o-2", status: "SUCCEEDED", startSeconds: T0 / 1000 + 5, stopSeconds: T0 / 1000 + 6, input: '{"customer":{"id":"c-2"}}' });
    now += 60_000;
    await store.putListing(arnOf.machine("orders"), [{ arn: arnOf.execution("orders", "o-2"), name: "o-2", stateMachineArn: arnOf.machine("orders"), status: "SUCCEEDED", startedAt: T0 + 5000, stoppedAt: T0 + 6000 }], undefined, now);
    const indexer = new PayloadIndexer(store, "orders");
    fake.inject = (call) => (call.target === "DescribeExecution" ? { status: 400, type: "ThrottlingException", message: "Rate exceeded" } : undefined);
    expect(await indexer.round(ctx())).toEqual({ read: 0, failed: 1 });
    fake.inject = undefined;
    expect(await indexer.round(ctx())).toEqual({ read: 1, failed: 0 });
    expect(await find('input.customer.id = "c-2"')).toEqual(["o-2"]);
  });
});
