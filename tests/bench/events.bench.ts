/**
 * Event to visible: an EventBridge-shaped status change sent to moto's SQS, until the store
 * (what /api/search and every other instance read) holds it, with the consumer long-polling as
 * the lease holder does. Fleets of 10, 100 and 500 machines (the event's machine drawn from the
 * fleet; sizes interleaved, each warmed up). Baseline: the same send and a bare SQS receive,
 * measured in the same run. ListExecutions spent on these: none (the consumer never lists).
 */
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EventsConsumer } from "@/lib/server/events-consumer";
import { createEventsQueue } from "@/lib/sfn/events-queue";
import { openStore, parseDatabaseUrl, storedExecution } from "@/lib/store";
import { motoAvailable, startMoto } from "../support/moto";
import { figure, type Figure } from "./figure";

const SIZES = [10, 100, 500];
const RUNS = 9;

function body(machine: string, name: string): string {
  const arn = `arn:aws:states:us-east-1:123456789012:execution:${machine}:${name}`;
  return JSON.stringify({
    version: "0",
    id: name,
    "detail-type": "Step Functions Execution Status Change",
    source: "aws.states",
    account: "123456789012",
    time: new Date().toISOString(),
    region: "us-east-1",
    resources: [arn],
    detail: { executionArn: arn, stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:${machine}`, name, status: "RUNNING", startDate: Date.now(), stopDate: null },
  });
}

export async function figures(): Promise<Figure[]> {
  if (!motoAvailable()) {
    console.error("[bench] moto is not installed: the event-to-visible figures are left out");
    return [];
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-bench-events-"));
  const moto = await startMoto();
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ENDPOINT_URL_SQS: moto.url, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
  const store = await openStore(parseDatabaseUrl(`sqlite:${path.join(tmp, "e.db")}`, tmp));
  try {
    const sqs = new SQSClient({ region: "us-east-1" });
    const { QueueUrl: eventsUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-events" }));
    const { QueueUrl: bareUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-bare" }));
    const consumer = new EventsConsumer(store, createEventsQueue(eventsUrl!, "us-east-1"), eventsUrl!, () => Date.now());
    let running = true;
    const loop = (async () => {
      while (running) await consumer.pollOnce(1);
    })();
    const bare = async (): Promise<number> => {
      const t0 = performance.now();
      await sqs.send(new SendMessageCommand({ QueueUrl: bareUrl, MessageBody: "x" }));
      for (;;) {
        const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: bareUrl, WaitTimeSeconds: 1 }));
        const m = r.Messages?.[0];
        if (m) {
          await sqs.send(new DeleteMessageCommand({ QueueUrl: bareUrl, ReceiptHandle: m.ReceiptHandle }));
          return performance.now() - t0;
        }
      }
    };
    let n = 0;
    const visible = async (machines: number): Promise<number> => {
      const machine = `m-${n % machines}`;
      const name = `e-${++n}`;
      const arn = `arn:aws:states:us-east-1:123456789012:execution:${machine}:${name}`;
      const t0 = performance.now();
      await sqs.send(new SendMessageCommand({ QueueUrl: eventsUrl, MessageBody: body(machine, name) }));
      while (!(await storedExecution(store, arn))) await new Promise((r) => setTimeout(r, 5));
      return performance.now() - t0;
    };
    for (const size of SIZES) await visible(size);
    await bare();
    const times = new Map<number, number[]>(SIZES.map((s) => [s, []]));
    const bareTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bareTimes.push(await bare());
      for (const size of SIZES) times.get(size)!.push(await visible(size));
    }
    running = false;
    await loop;
    const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return SIZES.map((size) => figure(`event to store p50, ${size} machines (moto SQS, no ListExecutions)`, p50(times.get(size)!), "ms", p50(bareTimes), "≤ 5000 ms"));
  } finally {
    await store.close();
    await moto.stop();
    process.env = saved;
    rmSync(tmp, { recursive: true, force: true });
  }
}
