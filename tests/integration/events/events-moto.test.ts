/**
 * The events consumer against moto's SQS (a real third-party implementation) with messages in
 * EventBridge's envelope: out-of-order, duplicated and foreign events end as the truth in the
 * store, every message is deleted after the write, and a missing queue is reported in words.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getSource } from "@/app/api/source/route";
import type { SourceInfo } from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { EventsConsumer } from "@/lib/server/events-consumer";
import { fleetService, resetFleetService } from "@/lib/server/fleet-service";
import { createEventsQueue } from "@/lib/sfn/events-queue";
import { openStore, parseDatabaseUrl, storedExecution, type Store } from "@/lib/store";
import { shouldRunMotoTests, startMoto, type MotoServer } from "../../support/moto";

const runMoto = shouldRunMotoTests();
const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const arn = (name: string) => `arn:aws:states:us-east-1:123456789012:execution:orders:${name}`;
const T0 = Date.UTC(2026, 10, 25, 12);

function event(name: string, status: string, extra: Record<string, unknown> = {}, source = "aws.states"): string {
  return JSON.stringify({
    version: "0",
    id: `${name}-${status}`,
    "detail-type": "Step Functions Execution Status Change",
    source,
    account: "123456789012",
    time: new Date(T0).toISOString(),
    region: "us-east-1",
    resources: [arn(name)],
    detail: { executionArn: arn(name), stateMachineArn: MACHINE, name, status, startDate: T0, stopDate: status === "RUNNING" ? null : T0 + 4000, input: "{}", output: null, ...extra },
  });
}

describe.skipIf(!runMoto)("the events consumer on moto's SQS", () => {
  let moto: MotoServer;
  let sqs: SQSClient;
  let store: Store;
  const saved = { ...process.env };
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-events-"));

  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, { AWS_ENDPOINT_URL_SQS: moto.url, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
    sqs = new SQSClient({ region: "us-east-1" });
    store = await openStore(parseDatabaseUrl(`sqlite:${path.join(tmp, "events.db")}`, tmp));
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await moto?.stop();
    process.env = saved;
    rmSync(tmp, { recursive: true, force: true });
  });

  it("stores what the events say, whatever their order and duplicates, and empties the queue", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "stepscope-events" }));
    const bodies = [
      event("a", "FAILED", { error: "States.Timeout", cause: "slow" }),
      event("a", "RUNNING"),
      event("a", "FAILED", { error: "States.Timeout", cause: "slow" }),
      event("b", "RUNNING"),
      event("c", "RUNNING"),
      event("c", "SUCCEEDED"),
      event("x", "RUNNING", {}, "aws.ec2"),
    ];
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: bodies.map((b, i) => ({ Id: String(i), MessageBody: b })) }));
    const consumer = new EventsConsumer(store, createEventsQueue(QueueUrl!, "us-east-1"), QueueUrl!, () => T0 + 10_000);
    let received = 0;
    for (let i = 0; i < 10 && received < bodies.length; i++) received += await consumer.pollOnce(1);
    expect(received).toBe(bodies.length);
    expect(consumer.status).toMatchObject({ state: "consuming", received: 7, ignored: 1 });
    expect(await storedExecution(store, arn("a"))).toMatchObject({ status: "FAILED", stoppedAt: T0 + 4000, error: "States.Timeout", cause: "slow" });
    expect(await storedExecution(store, arn("b"))).toMatchObject({ status: "RUNNING", startedAt: T0 });
    expect(await storedExecution(store, arn("c"))).toMatchObject({ status: "SUCCEEDED" });
    expect(await storedExecution(store, arn("x"))).toBeUndefined();
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
  }, 60_000);

  it("says in words that a queue does not exist, and keeps going", async () => {
    const missing = `${moto.url}/123456789012/no-such-queue`;
    const consumer = new EventsConsumer(store, createEventsQueue(missing, "us-east-1"), missing, () => T0);
    expect(await consumer.pollOnce(1)).toBe(0);
    expect(consumer.status.state).toBe("failing");
    expect(consumer.status.message).toMatch(/no-such-queue does not exist \(STEPSCOPE_EVENTS_QUEUE_URL\)\. Polling carries on/);
  }, 60_000);

  describe("inside the fleet service (the lease holder consumes)", () => {
    async function startService(queueUrl: string, file: string) {
      await resetFleetService();
      Object.assign(process.env, { AWS_ENDPOINT_URL_SFN: moto.url, STEPSCOPE_DATABASE_URL: `sqlite:${path.join(tmp, file)}`, STEPSCOPE_EVENTS_QUEUE_URL: queueUrl, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" });
      resetConfig();
      resetSfnContext();
      const { getSfnContext } = await import("@/lib/sfn");
      return fleetService(getSfnContext());
    }
    afterAll(async () => {
      await resetFleetService();
      resetConfig();
      resetSfnContext();
    });

    it("stores a new execution from its event within a long poll, with no listing", async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "stepscope-service" }));
      const service = await startService(QueueUrl!, "service.db");
      await expect.poll(() => service.lease?.held, { timeout: 10_000 }).toBe(true);
      const sent = Date.now();
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: "1", MessageBody: event("live-1", "RUNNING") }] }));
      await expect.poll(async () => (await storedExecution(service.store!, arn("live-1")))?.status, { timeout: 25_000, interval: 100 }).toBe("RUNNING");
      console.log(`[events] event to store: ${Date.now() - sent} ms`);
      // The lease holder's own index (what /api/fleet and the lists read) shows it too, without a listing.
      expect((await service.fleet!.machine(MACHINE).executions()).map((e) => e.name)).toContain("live-1");
      const source = (await (await getSource()).json()) as SourceInfo;
      expect(source.events).toMatchObject({ queueUrl: QueueUrl, state: "consuming", applied: 1 });
    }, 60_000);

    it("reports a missing queue in /api/source", async () => {
      const missing = `${moto.url}/123456789012/gone-queue`;
      const service = await startService(missing, "service-missing.db");
      await expect.poll(() => service.events?.status.state, { timeout: 15_000 }).toBe("failing");
      const source = (await (await getSource()).json()) as SourceInfo;
      expect(source.events?.message).toMatch(/gone-queue does not exist/);
    }, 60_000);
  });
});
