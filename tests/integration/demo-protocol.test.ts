/**
 * The real Step Functions SDK against the demo account, through both transports: msw in the
 * process and the standalone HTTP endpoint. Whatever the SDK can parse here, it parses from AWS.
 */
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionDoesNotExist,
  ExecutionNotRedrivable,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  InvalidArn,
  InvalidToken,
  ListExecutionsCommand,
  type ListExecutionsCommandInput,
  ListMapRunsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  ResourceNotFound,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
  StopExecutionCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoAccount, createDemoHandlers, DEMO_ENDPOINT, type SimulatedDemoAccount, startEmulatorServer } from "@/mocks";

const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);
const ARN = "arn:aws:states:us-east-1:123456789012";
const machine = (name: string) => `${ARN}:stateMachine:${name}`;

interface Transport {
  client: SFNClient;
  account: SimulatedDemoAccount;
  stop(): Promise<void>;
}

function sdk(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "demo-secret" },
    maxAttempts: 1,
  });
}

async function viaMsw(): Promise<Transport> {
  const account = createDemoAccount({ seed: 42, clock: () => T0 });
  const server = setupServer(...createDemoHandlers(account));
  server.listen({ onUnhandledRequest: "error" });
  return { client: sdk(DEMO_ENDPOINT), account, stop: async () => server.close() };
}

async function viaHttp(): Promise<Transport> {
  const account = createDemoAccount({ seed: 42, clock: () => T0 });
  const server = await startEmulatorServer({ port: 0, account });
  return { client: sdk(server.url), account, stop: () => server.close() };
}

async function listAll(client: SFNClient, input: ListExecutionsCommandInput) {
  const pages: string[][] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListExecutionsCommand({ ...input, nextToken }));
    pages.push((page.executions ?? []).map((e) => e.executionArn!));
    nextToken = page.nextToken;
  } while (nextToken);
  return pages;
}

async function history(client: SFNClient, executionArn: string, reverseOrder: boolean, maxResults: number) {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder, maxResults, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

describe.each([
  ["msw handlers", viaMsw],
  ["HTTP endpoint", viaHttp],
])("the SDK through %s", (_label, open) => {
  let t: Transport;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    t.client.destroy();
    await t.stop();
  });

  it("lists and describes the state machines", async () => {
    const { stateMachines } = await t.client.send(new ListStateMachinesCommand({}));
    expect(stateMachines?.map((m) => m.name)).toEqual(["bucket-inventory", "clickstream-enricher", "etl-ingest", "human-approval", "invoice-billing", "media-pipeline", "order-processing"]);
    expect(stateMachines?.[0].creationDate).toBeInstanceOf(Date);
    expect(stateMachines?.find((m) => m.name === "clickstream-enricher")?.type).toBe("EXPRESS");
    const described = await t.client.send(new DescribeStateMachineCommand({ stateMachineArn: machine("order-processing") }));
    expect(JSON.parse(described.definition!).StartAt).toBe("ValidateOrder");
    expect(described.status).toBe("ACTIVE");
  });

  it("pages through a week of executions, newest first, each exactly once", async () => {
    const pages = await listAll(t.client, { stateMachineArn: machine("media-pipeline"), maxResults: 100 });
    expect(pages.length).toBeGreaterThan(2);
    const paged = pages.flat();
    expect(new Set(paged).size).toBe(paged.length);
    const big = await listAll(t.client, { stateMachineArn: machine("media-pipeline"), maxResults: 1000 });
    // A week of a machine that starts an execution every couple of minutes: several full pages.
    expect(big.length).toBe(Math.ceil(paged.length / 1000));
    expect(big.length).toBeGreaterThan(2);
    expect(paged).toEqual(big.flat());
    const { executions } = await t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("media-pipeline"), maxResults: 20 }));
    const starts = executions!.map((e) => e.startDate!.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it("filters by status", async () => {
    const { executions } = await t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("order-processing"), statusFilter: "FAILED", maxResults: 50 }));
    expect(executions!.length).toBe(50);
    expect(executions!.every((e) => e.status === "FAILED" && e.stopDate instanceof Date)).toBe(true);
  });

  it("describes an execution and the definition it ran", async () => {
    const { executions } = await t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("order-processing"), statusFilter: "SUCCEEDED", maxResults: 1 }));
    const executionArn = executions![0].executionArn!;
    const described = await t.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate!.getTime()).toBeGreaterThan(described.startDate!.getTime());
    expect(JSON.parse(described.input!).orderId).toMatch(/^ORD-/);
    expect(JSON.parse(described.output!).payment.status).toBe("CAPTURED");
    expect(described.redriveStatus).toBe("NOT_REDRIVABLE");
    const ran = await t.client.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(ran.stateMachineArn).toBe(machine("order-processing"));
    expect(ran.updateDate).toBeInstanceOf(Date);
  });

  it("reads a history forwards and backwards, page by page, with or without data", async () => {
    const { executions } = await t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("etl-ingest"), statusFilter: "SUCCEEDED", maxResults: 1 }));
    const executionArn = executions![0].executionArn!;
    const forward = await history(t.client, executionArn, false, 97);
    const backward = await history(t.client, executionArn, true, 41);
    expect(forward.length).toBeGreaterThan(300);
    expect(forward.map((e) => e.id)).toEqual(forward.map((_, i) => i + 1));
    expect(backward.map((e) => e.id)).toEqual(forward.map((e) => e.id).reverse());
    expect(forward[0].timestamp).toBeInstanceOf(Date);
    expect(forward[0].executionStartedEventDetails?.input).toContain("clickstream");
    expect(forward.at(-1)?.type).toBe("ExecutionSucceeded");
    const bare = await t.client.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false, maxResults: 3 }));
    expect(bare.events?.[0].executionStartedEventDetails?.input).toBeUndefined();
    expect(bare.events?.[0].executionStartedEventDetails?.roleArn).toContain(":role/");
    const firstPage = await t.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(firstPage.events).toHaveLength(100);
  });

  it("follows a distributed Map to its map run and child executions", async () => {
    const { executions } = await t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("etl-ingest"), statusFilter: "SUCCEEDED", maxResults: 1 }));
    const { mapRuns } = await t.client.send(new ListMapRunsCommand({ executionArn: executions![0].executionArn! }));
    expect(mapRuns).toHaveLength(1);
    const run = await t.client.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0].mapRunArn! }));
    expect(run.status).toBe("SUCCEEDED");
    expect(run.itemCounts!.total).toBeGreaterThan(5);
    expect(run.executionCounts!.succeeded! + run.executionCounts!.failed!).toBe(run.executionCounts!.total);
    const children = (await listAll(t.client, { mapRunArn: mapRuns![0].mapRunArn!, maxResults: 3 })).flat();
    expect(children).toHaveLength(run.itemCounts!.total!);
    const child = await t.client.send(new DescribeExecutionCommand({ executionArn: children[0] }));
    expect(child.mapRunArn).toBe(mapRuns![0].mapRunArn);
  });

  it("starts and stops an execution", async () => {
    const input = JSON.stringify({ requestId: "PR-7", requester: "lee@example.com", amount: 4100, costCenter: "CC-9" });
    const started = await t.client.send(new StartExecutionCommand({ stateMachineArn: machine("human-approval"), input }));
    expect(started.startDate).toBeInstanceOf(Date);
    const running = await t.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn! }));
    expect(running.status).toBe("RUNNING");
    const stopped = await t.client.send(new StopExecutionCommand({ executionArn: started.executionArn! }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const after = await t.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn! }));
    expect(after.status).toBe("ABORTED");
  });

  it("redrives a failed execution: the same ARN runs again, with redriveCount and redriveDate", async () => {
    const { executions } = await t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("order-processing"), statusFilter: "FAILED", maxResults: 200 }));
    let target: string | undefined;
    for (const e of executions!) {
      const d = await t.client.send(new DescribeExecutionCommand({ executionArn: e.executionArn! }));
      if (d.redriveStatus === "REDRIVABLE" && d.redriveCount === 0) {
        target = e.executionArn!;
        break;
      }
    }
    expect(target).toBeDefined();
    const { redriveDate } = await t.client.send(new RedriveExecutionCommand({ executionArn: target! }));
    expect(redriveDate).toBeInstanceOf(Date);
    const after = await t.client.send(new DescribeExecutionCommand({ executionArn: target! }));
    expect(after).toMatchObject({ status: "RUNNING", redriveCount: 1, redriveDate });
    const { events } = await t.client.send(new GetExecutionHistoryCommand({ executionArn: target!, reverseOrder: true, maxResults: 2 }));
    expect(events!.map((e) => e.type)).toContain("ExecutionRedriven");
    expect(events!.find((e) => e.type === "ExecutionRedriven")?.executionRedrivenEventDetails?.redriveCount).toBe(1);
    const { executions: succeeded } = await t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("order-processing"), statusFilter: "SUCCEEDED", maxResults: 1 }));
    await expect(t.client.send(new RedriveExecutionCommand({ executionArn: succeeded![0].executionArn! }))).rejects.toBeInstanceOf(ExecutionNotRedrivable);
  });

  it("answers the service's error types", async () => {
    const missing = `${ARN}:execution:order-processing:00000000-0000-4000-a000-000000000000`;
    await expect(t.client.send(new DescribeExecutionCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(t.client.send(new GetExecutionHistoryCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(t.client.send(new DescribeExecutionCommand({ executionArn: "not-an-arn" }))).rejects.toBeInstanceOf(InvalidArn);
    await expect(t.client.send(new DescribeStateMachineCommand({ stateMachineArn: machine("nope") }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(t.client.send(new DescribeMapRunCommand({ mapRunArn: `${ARN}:mapRun:etl-ingest/x:y` }))).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("clickstream-enricher") }))).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
    const express = await t.client.send(new StartExecutionCommand({ stateMachineArn: machine("clickstream-enricher"), input: "{}" }));
    expect(express.executionArn).toContain(":express:clickstream-enricher:");
    await expect(t.client.send(new GetExecutionHistoryCommand({ executionArn: express.executionArn! }))).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
    await expect(t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("etl-ingest"), maxResults: 2000 }))).rejects.toBeInstanceOf(ValidationException);
    await expect(t.client.send(new ListExecutionsCommand({ stateMachineArn: machine("etl-ingest"), nextToken: "garbage" }))).rejects.toBeInstanceOf(InvalidToken);
    const error = await t.client.send(new DescribeExecutionCommand({ executionArn: missing })).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain(missing);
  });

  it("counts the calls it served", () => {
    const counts = t.account.callCounts();
    expect(counts.ListStateMachines).toBe(1);
    expect(counts.ListExecutions).toBeGreaterThan(5);
  });
});
