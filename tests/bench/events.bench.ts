/**
 * Event to visible through the API: an EventBridge-shaped status change sent to moto's SQS,
 * until `GET /api/fleet` counts it and the machine's executions list (`GET
 * /api/state-machines/{arn}/executions`) shows it, through the route handlers, with the fleet
 * service of a SQLite store consuming the queue as the lease holder does. Each run is a new
 * execution (RUNNING) and then its status change (SUCCEEDED), on a machine drawn from fleets of
 * 10, 100 and 500 machines (Step Functions answered in-process by a fake account; one fleet
 * service per process, so the sizes run one after the other, each warmed up). Baseline: a bare
 * SQS send and receive, interleaved with the runs. ListExecutions spent during the runs is
 * counted and reported (the first listing of the fleet, before the runs, is not).
 */
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { GET as fleetRoute } from "@/app/api/fleet/route";
import { GET as executionsRoute } from "@/app/api/state-machines/[arn]/executions/route";
import type { ExecutionsResponse, FleetResponse } from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { getSfnContext, resetSfnContext } from "@/lib/sfn";
import { fleetService, resetFleetService } from "@/lib/server/fleet-service";
import { arnOf, FAKE_ENDPOINT, FakeSfn } from "../support/fake-sfn";
import { motoAvailable, startMoto } from "../support/moto";
import { figure, type Figure } from "./figure";

const SIZES = [10, 100, 500];
const RUNS = 7;
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function body(machine: string, name: string, status: "RUNNING" | "SUCCEEDED", startDate: number): string {
  const arn = arnOf.execution(machine, name);
  return JSON.stringify({
    version: "0",
    id: `${name}-${status}`,
    "detail-type": "Step Functions Execution Status Change",
    source: "aws.states",
    account: "123456789012",
    time: new Date().toISOString(),
    region: "us-east-1",
    resources: [arn],
    detail: { executionArn: arn, stateMachineArn: arnOf.machine(machine), name, status, startDate, stopDate: status === "RUNNING" ? null : Date.now(), redriveCount: 0 },
  });
}

async function json<T>(response: Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

export async function figures(): Promise<Figure[]> {
  if (!motoAvailable()) {
    console.error("[bench] moto is not installed: the event-to-visible figures are left out");
    return [];
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-bench-events-"));
  const moto = await startMoto();
  const saved = { ...process.env };
  const msw = setupServer();
  msw.listen({ onUnhandledRequest: "bypass" });
  const out: Figure[] = [];
  try {
    Object.assign(process.env, { AWS_ENDPOINT_URL_SQS: moto.url, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
    const sqs = new SQSClient({ region: "us-east-1" });
    const { QueueUrl: bareUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-bare" }));
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
    const bareTimes: number[] = [];
    for (const size of SIZES) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-events-${size}` }));
      const fake = new FakeSfn();
      const nowSeconds = Date.now() / 1000;
      fake.machines = Array.from({ length: size }, (_, i) => ({ name: `m-${i}`, type: "STANDARD" as const, createdSeconds: nowSeconds - 86_400, definition: "{}" }));
      msw.resetHandlers(...fake.handlers());
      await resetFleetService();
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT,
        STEPSCOPE_DATABASE_URL: `sqlite:${path.join(tmp, `events-${size}.db`)}`,
        STEPSCOPE_EVENTS_QUEUE_URL: QueueUrl,
        STEPSCOPE_SFN_MAX_ATTEMPTS: "1",
        // The first listing of 500 machines is not what is measured: let it through at once.
        STEPSCOPE_QUOTA_ListExecutions: "10000/10000",
        STEPSCOPE_QUOTA_ListStateMachines: "1000/1000",
        STEPSCOPE_QUOTA_DescribeStateMachine: "10000/10000",
      });
      resetConfig();
      resetSfnContext();
      const service = await fleetService(getSfnContext());
      const listed = () => fake.machines.every((m) => service.fleet!.machine(arnOf.machine(m.name)).status().refreshedAt !== undefined);
      for (let waited = 0; !(listed() && service.events?.status.state === "consuming"); waited += 100) {
        if (waited > 300_000) throw new Error(`the fleet of ${size} machines was not listed, or the queue not consumed, within 5 minutes`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const listsBefore = fake.callsTo("ListExecutions").length;
      let n = 0;
      /** Send one event, then ask both APIs until they show it; ms from the send. */
      const visible = async (machine: string, name: string, status: "RUNNING" | "SUCCEEDED", startDate: number): Promise<number> => {
        const t0 = performance.now();
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body(machine, name, status, startDate) }));
        const machineArn = arnOf.machine(machine);
        for (;;) {
          const [fleet, list] = await Promise.all([
            json<FleetResponse>(fleetRoute(new Request(`http://stepscope.test/api/fleet?window=1h&q=${machine}&limit=500`))),
            json<ExecutionsResponse>(executionsRoute(new Request(`http://stepscope.test/api/state-machines/${encodeURIComponent(machineArn)}/executions?limit=20`), { params: Promise.resolve({ arn: encodeURIComponent(machineArn) }) })),
          ]);
          const row = fleet.rows.find((r) => r.arn === machineArn);
          const counted = status === "RUNNING" ? (row?.summary?.runningNow ?? 0) > 0 : (row?.summary?.succeeded ?? 0) > 0 && row?.summary?.runningNow === 0;
          const shown = list.executions?.some((e) => e.name === name && e.status === status);
          if (counted && shown) return performance.now() - t0;
          if (performance.now() - t0 > 60_000) throw new Error(`${name} ${status} was not visible through the API after 60 s`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const run = async (): Promise<{ started: number; changed: number }> => {
        // A machine that has seen no event yet: its counts say exactly whether this one is in.
        const machine = `m-${n++ % size}`;
        const name = `e-${n}`;
        const startDate = Date.now();
        return { started: await visible(machine, name, "RUNNING", startDate), changed: await visible(machine, name, "SUCCEEDED", startDate) };
      };
      await run(); // warm-up
      const started: number[] = [];
      const changed: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bareTimes.push(await bare());
        const r = await run();
        started.push(r.started);
        changed.push(r.changed);
      }
      const lists = fake.callsTo("ListExecutions").length - listsBefore;
      console.error(`[bench] ${size} machines: ${RUNS + 1} new executions and ${RUNS + 1} status changes cost ${lists} ListExecutions`);
      const base = p50(bareTimes);
      out.push(figure(`new execution, event to visible on /api/fleet and the executions list, p50, ${size} machines (moto SQS; ${lists} ListExecutions)`, p50(started), "ms", base, "≤ 5000 ms"));
      out.push(figure(`status change, event to visible on /api/fleet and the executions list, p50, ${size} machines (moto SQS; ${lists} ListExecutions)`, p50(changed), "ms", base, "≤ 5000 ms"));
      await resetFleetService();
    }
  } finally {
    await resetFleetService();
    msw.close();
    await moto.stop();
    process.env = saved;
    resetConfig();
    resetSfnContext();
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
