/**
 * The demo account's simulated events queue through the same consumer and SQS client as AWS:
 * as the virtual clock moves, new executions and their ends arrive as events, and the store
 * agrees with what the account lists, without the consumer listing anything itself.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoAccount, createDemoHandlers } from "@/mocks";
import { createDemoEventsHandlers, DemoEventsQueue, DEMO_EVENTS_QUEUE_URL } from "@/mocks/events";
import { EventsConsumer } from "@/lib/server/events-consumer";
import { createEventsQueue } from "@/lib/sfn/events-queue";
import { openStore, parseDatabaseUrl, storedExecution, type Store } from "@/lib/store";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext } from "@/lib/sfn";
import { startFleetService } from "@/lib/server/fleet-service";

let now = Date.UTC(2026, 10, 25, 12);
const account = createDemoAccount({ seed: 42, clock: () => now });
const queue = new DemoEventsQueue(account, () => now);
const server = setupServer(...createDemoHandlers(account), ...createDemoEventsHandlers(queue));
const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-demo-events-"));
let store: Store;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  store = await openStore(parseDatabaseUrl(`sqlite:${path.join(tmp, "d.db")}`, tmp));
});

afterAll(async () => {
  server.close();
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("the demo events queue", () => {
  it("publishes starts and ends as the clock moves, and the consumer stores what the account lists", async () => {
    const consumer = new EventsConsumer(store, createEventsQueue(DEMO_EVENTS_QUEUE_URL, "us-east-1", { placeholderCredentials: true }), DEMO_EVENTS_QUEUE_URL, () => now);
    const drain = async () => {
      for (let i = 0; i < 200; i++) if ((await consumer.pollOnce(0)) === 0) return;
    };
    await drain();
    now += 10 * 60_000;
    await drain();
    expect(consumer.status).toMatchObject({ state: "consuming", ignored: 0 });
    expect(consumer.status.applied).toBeGreaterThan(10);
    // What the account lists now, for executions that started in the last 10 minutes.
    const machines = (account.dispatch("AWSStepFunctions.ListStateMachines", {}).body as { stateMachines: { stateMachineArn: string; type: string }[] }).stateMachines;
    let compared = 0;
    for (const m of machines.filter((x) => x.type === "STANDARD")) {
      const listed = (account.dispatch("AWSStepFunctions.ListExecutions", { stateMachineArn: m.stateMachineArn, maxResults: 100 }).body as { executions: { executionArn: string; status: string; startDate: number }[] }).executions;
      for (const e of listed.filter((x) => x.startDate * 1000 >= now - 10 * 60_000)) {
        expect((await storedExecution(store, e.executionArn))?.status).toBe(e.status);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
  }, 60_000);

  it("is what the demo consumes by default: partial machines are back-filled at the routine pace, then a new execution reaches the index with no ListExecutions spent on it", async () => {
    const config = parseConfig({ STEPSCOPE_DATABASE_URL: `sqlite:${path.join(tmp, "service.db")}`, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" });
    expect(config.eventsQueueUrl).toBe(DEMO_EVENTS_QUEUE_URL);
    const service = await startFleetService(createSfnContext(config, { now: () => now }), config);
    try {
      const machines = (account.dispatch("AWSStepFunctions.ListStateMachines", {}).body as { stateMachines: { stateMachineArn: string; type: string }[] }).stateMachines;
      const standard = machines.filter((m) => m.type === "STANDARD").map((m) => m.stateMachineArn);
      // The first round lists every machine once; the consumer takes over after it.
      await expect.poll(() => standard.every((arn) => service.fleet!.machine(arn).status().refreshedAt !== undefined), { timeout: 60_000, interval: 200 }).toBe(true);
      await expect.poll(() => service.events?.status.state, { timeout: 10_000 }).toBe("consuming");
      // order-processing has about 40 pages a week and one refresh reads 5: its first round left
      // gaps. Events bring nothing from before they started, so while they flow it is still
      // back-filled at the routine interval (6 s for 6 machines), not once per 5-minute pass.
      const started = now;
      const gapped = () => standard.filter((arn) => service.fleet!.machine(arn).status().gaps);
      expect(gapped().length).toBeGreaterThan(0);
      while (gapped().length > 0 && now - started < 5 * 60_000) {
        now += 10_000;
        const waiting = gapped();
        await expect.poll(() => waiting.every((arn) => service.fleet!.machine(arn).status().refreshedAt === now), { timeout: 30_000, interval: 100 }).toBe(true);
      }
      expect(gapped()).toEqual([]);
      expect(now - started).toBeLessThan(5 * 60_000);
      // Every machine complete, and a minute on: without events every machine would be due for a listing again.
      now += 60_000;
      const machine = standard[0];
      expect(account.dispatch("AWSStepFunctions.StartExecution", { stateMachineArn: machine, name: "probe-1", input: "{}" }).status).toBe(200);
      account.resetCallCounts();
      await expect.poll(async () => (await service.fleet!.machine(machine).executions()).some((e) => e.name === "probe-1" && e.status === "RUNNING"), { timeout: 20_000, interval: 100 }).toBe(true);
      expect(account.callCounts().ListExecutions ?? 0).toBe(0);
      expect((await storedExecution(service.store!, `${machine.replace(":stateMachine:", ":execution:")}:probe-1`))?.status).toBe("RUNNING");
    } finally {
      await service.stop();
    }
  }, 180_000);
});
