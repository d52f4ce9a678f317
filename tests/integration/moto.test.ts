/**
 * Stepscope against a third-party emulator: moto runs real state machines (Pass, Choice,
 * Wait, Parallel, inline Map, Fail, and a DynamoDB Task that fails, is retried and caught);
 * the production build, pointed at moto with AWS_ENDPOINT_URL_SFN, must list them and return
 * their complete histories — also while one is still running.
 */
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionResponse, ExecutionsResponse, HistoryResponse, StateMachinesResponse } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import { waitUntil } from "../support/free-port";
import { shouldRunMotoTests, startMoto, type MotoServer } from "../support/moto";
import { startStepscope, type StepscopeServer } from "../support/server";

const ROLE = "arn:aws:iam::123456789012:role/stepscope-test";

const DEFINITIONS: Record<string, object> = {
  "moto-flow": {
    StartAt: "Prepare",
    States: {
      Prepare: { Type: "Pass", Result: { kind: "big", items: [1, 2, 3] }, Next: "Route" },
      Route: {
        Type: "Choice",
        Choices: [{ Variable: "$.kind", StringEquals: "big", Next: "Fan" }],
        Default: "Done",
      },
      Fan: {
        Type: "Parallel",
        ResultPath: "$.fan",
        Branches: [
          { StartAt: "Left", States: { Left: { Type: "Pass", Result: "L", End: true } } },
          { StartAt: "Right", States: { Right: { Type: "Pass", Result: "R", End: true } } },
        ],
        Next: "Each",
      },
      Each: {
        Type: "Map",
        ItemsPath: "$.items",
        ResultPath: "$.each",
        Iterator: { StartAt: "Double", States: { Double: { Type: "Pass", End: true } } },
        Next: "Done",
      },
      Done: { Type: "Succeed" },
    },
  },
  "moto-fail": {
    StartAt: "Check",
    States: {
      Check: { Type: "Pass", Next: "Reject" },
      Reject: { Type: "Fail", Error: "Order.Invalid", Cause: "the order has no items" },
    },
  },
  "moto-retry": {
    StartAt: "Lookup",
    States: {
      Lookup: {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:getItem",
        Parameters: { TableName: "stepscope-missing-table", Key: { id: { S: "1" } } },
        Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1.5 }],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Recovered" }],
        End: true,
      },
      Recovered: { Type: "Pass", End: true },
    },
  },
  "moto-wait": {
    StartAt: "Hold",
    States: {
      Hold: { Type: "Wait", Seconds: 5, Next: "Release" },
      Release: { Type: "Pass", End: true },
    },
  },
};

const runMoto = shouldRunMotoTests();

describe.skipIf(!runMoto)("Stepscope on moto", () => {
  let moto: MotoServer;
  let stepscope: StepscopeServer;
  const executionArns: Record<string, string> = {};
  const machineArns: Record<string, string> = {};

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${stepscope.url}${path}`);
    const body = await response.json();
    if (!response.ok) throw new Error(`${path} → ${response.status} ${JSON.stringify(body)}`);
    return body as T;
  }

  const history = (arn: string, after?: number) =>
    api<HistoryResponse>(`/api/executions/${encodeURIComponent(arn)}/history${after === undefined ? "" : `?after=${after}`}`);

  async function finishedHistory(arn: string): Promise<HistoryEvent[]> {
    let answer: HistoryResponse | undefined;
    await waitUntil(async () => (answer = await history(arn)).finished, 40_000, `the execution ${arn}`);
    return answer!.events;
  }

  beforeAll(async () => {
    moto = await startMoto();
    const sdk = new SFNClient({
      endpoint: moto.url,
      region: "us-east-1",
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    });
    for (const [name, definition] of Object.entries(DEFINITIONS)) {
      const created = await sdk.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
      machineArns[name] = created.stateMachineArn!;
    }
    stepscope = await startStepscope({
      env: { AWS_ENDPOINT_URL_SFN: moto.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: undefined },
    });
    // Started once Stepscope is up, so the waiting one is surely still running when first asked.
    for (const name of ["moto-wait", "moto-flow", "moto-fail", "moto-retry"]) {
      const started = await sdk.send(
        new StartExecutionCommand({ stateMachineArn: machineArns[name], name: `${name}-1`, input: JSON.stringify({ order: 1 }) }),
      );
      executionArns[name] = started.executionArn!;
    }
    sdk.destroy();
  }, 120_000);

  afterAll(async () => {
    await stepscope?.stop();
    await moto?.stop();
  });

  it("serves a running execution's history in parts: partial first, the rest with after=", async () => {
    const arn = executionArns["moto-wait"];
    const first = await history(arn);
    expect(first.finished).toBe(false);
    expect(first.events[0].type).toBe("ExecutionStarted");
    expect(first.events.map((e) => e.type)).toContain("WaitStateEntered");
    expect(first.events.map((e) => e.type)).not.toContain("ExecutionSucceeded");

    const all = [...first.events];
    let last = first.lastEventId;
    let finished = false;
    await waitUntil(
      async () => {
        const more = await history(arn, last);
        // Checked below: every id exactly once, in order, means nothing old came back.
        all.push(...more.events);
        last = more.lastEventId;
        finished = more.finished;
        return finished;
      },
      30_000,
      "the waiting execution",
    );
    expect(all.map((e) => e.id)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(["WaitStateExited", "PassStateEntered", "ExecutionSucceeded"]));
    expect(all.at(-1)?.type).toBe("ExecutionSucceeded");
  });

  it("lists moto's state machines, with counts, and each machine's executions", async () => {
    const list = await api<StateMachinesResponse>("/api/state-machines?counts=24h");
    expect(list.source).toMatchObject({ kind: "emulator", label: moto.url });
    for (const name of Object.keys(DEFINITIONS)) {
      const machine = list.stateMachines.find((m) => m.name === name);
      expect(machine, name).toMatchObject({ arn: machineArns[name], type: "STANDARD" });
      const total = Object.values(machine!.counts ?? {}).reduce((a, b) => a + b, 0);
      expect(total, name).toBe(1);
      const executions = await api<ExecutionsResponse>(`/api/state-machines/${encodeURIComponent(machineArns[name])}/executions`);
      expect(executions.executions.map((e) => e.arn)).toEqual([executionArns[name]]);
    }
  });

  it("returns the whole history of a flow through Pass, Choice, Parallel and an inline Map", async () => {
    const events = await finishedHistory(executionArns["moto-flow"]);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("ExecutionStarted");
    expect(types).toEqual(
      expect.arrayContaining(["PassStateEntered", "ChoiceStateEntered", "ParallelStateEntered", "MapStateEntered", "MapIterationStarted", "ExecutionSucceeded"]),
    );
    expect(types.filter((t) => t === "MapIterationSucceeded")).toHaveLength(3);
    const detail = await api<ExecutionResponse>(`/api/executions/${encodeURIComponent(executionArns["moto-flow"])}`);
    expect(detail.execution).toMatchObject({ status: "SUCCEEDED", stateMachineName: "moto-flow" });
    expect(JSON.parse(detail.execution.definition).StartAt).toBe("Prepare");
  });

  it("shows the retried Task failing several times, then the Catch target entered", async () => {
    const events = await finishedHistory(executionArns["moto-retry"]);
    const failures = events.filter((e) => e.type === "TaskFailed");
    expect(failures.length).toBe(3);
    for (const failure of failures) {
      expect(failure.taskFailedEventDetails).toMatchObject({ resourceType: "dynamodb", error: "DynamoDB.ResourceNotFoundException" });
    }
    const lastFailure = failures.at(-1)!;
    const recovered = events.find(
      (e) => e.type === "PassStateEntered" && (e.stateEnteredEventDetails as { name?: string } | undefined)?.name === "Recovered",
    );
    expect(recovered, "the Catch target").toBeDefined();
    expect(recovered!.id).toBeGreaterThan(lastFailure.id);
    expect(events.at(-1)?.type).toBe("ExecutionSucceeded");
    // The retries waited: the back-off is visible in the timestamps.
    expect(Number(failures[2].timestamp) - Number(failures[0].timestamp)).toBeGreaterThanOrEqual(2_000);
  });

  it("reports a failed execution with its error", async () => {
    const events = await finishedHistory(executionArns["moto-fail"]);
    expect(events.at(-1)?.type).toBe("ExecutionFailed");
    const detail = await api<ExecutionResponse>(`/api/executions/${encodeURIComponent(executionArns["moto-fail"])}`);
    expect(detail.execution).toMatchObject({ status: "FAILED", error: "Order.Invalid" });
  });

  it("answers 404 for an execution moto does not know", async () => {
    const missing = executionArns["moto-fail"].replace(/:[^:]+$/, ":no-such-run");
    const response = await fetch(`${stepscope.url}/api/executions/${encodeURIComponent(missing)}/history`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
  });
});
