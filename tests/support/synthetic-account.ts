/**
 * A synthetic Step Functions account for the store's bench: `machines` Standard machines, each
 * with `perMachine` executions spread evenly over the last `spanMs` before `now`, answered over
 * HTTP like AWS (ListStateMachines, ListExecutions newest first with nextToken, the RUNNING
 * filter; and for the pages, DescribeStateMachine, DescribeStateMachineForExecution,
 * DescribeExecution and a four-event GetExecutionHistory) behind token buckets at the default
 * quotas. The same generator writes rows straight into a store, so a stored index and the
 * account agree.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StoredExecution } from "@/lib/store";

export interface SyntheticAccountOptions {
  machines: number;
  perMachine: number;
  spanMs: number;
  now: number;
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

export const syntheticMachineArn = (i: number) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:synthetic-${String(i).padStart(4, "0")}`;

/**
 * Execution j of machine i (0 is the newest). Executions sit on fixed time slots, so two
 * accounts with the same spacing at different `now` agree on the executions they share (a
 * restart's store and the account that went on). Every 20th fails, none runs.
 */
export function syntheticExecution(o: SyntheticAccountOptions, i: number, j: number): StoredExecution {
  const step = o.spanMs / o.perMachine;
  const slot = Math.floor(o.now / step) - 1 - j;
  const startedAt = Math.floor(slot * step + (i % 97));
  const name = `run-${i}-${slot}`;
  return {
    arn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:synthetic-${String(i).padStart(4, "0")}:${name}`,
    name,
    stateMachineArn: syntheticMachineArn(i),
    status: (i * 31 + slot) % 20 === 0 ? "FAILED" : "SUCCEEDED",
    startedAt,
    stoppedAt: startedAt + 1_000 + ((i * 7 + slot * 13) % 60_000),
  };
}

/** Every machine runs this one Pass state. */
const DEFINITION = JSON.stringify({ StartAt: "Work", States: { Work: { Type: "Pass", End: true } } });

/** Machine i and execution j of an execution ARN this account made, or undefined. */
function executionOf(o: SyntheticAccountOptions, arn: unknown): StoredExecution | undefined {
  const match = /:execution:synthetic-(\d+):run-(\d+)-(-?\d+)$/.exec(String(arn));
  if (!match) return undefined;
  const i = Number(match[1]);
  const j = Math.floor(o.now / (o.spanMs / o.perMachine)) - 1 - Number(match[3]);
  if (i >= o.machines || j < 0 || j >= o.perMachine) return undefined;
  return syntheticExecution(o, i, j);
}

/** The history an execution of the one Pass state has: started, entered, exited, ended. */
function historyOf(e: StoredExecution): unknown[] {
  const at = (ms: number) => ms / 1000;
  const end =
    e.status === "FAILED"
      ? { type: "ExecutionFailed", executionFailedEventDetails: { error: "Lambda.Unknown", cause: "synthetic failure" } }
      : { type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "{}" } };
  return [
    { id: 1, timestamp: at(e.startedAt), type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", roleArn: `arn:aws:iam::${ACCOUNT}:role/synthetic` } },
    { id: 2, previousEventId: 1, timestamp: at(e.startedAt), type: "PassStateEntered", stateEnteredEventDetails: { name: "Work", input: "{}" } },
    { id: 3, previousEventId: 2, timestamp: at(e.stoppedAt!), type: "PassStateExited", stateExitedEventDetails: { name: "Work", output: "{}" } },
    { id: 4, previousEventId: 3, timestamp: at(e.stoppedAt!), ...end },
  ];
}

/** A token bucket per operation, as Step Functions meters calls per account and Region. */
class Bucket {
  private tokens: number;
  private at = Date.now();
  constructor(
    private readonly size: number,
    private readonly refillPerSecond: number,
  ) {
    this.tokens = size;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.size, this.tokens + ((now - this.at) / 1000) * this.refillPerSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface SyntheticAccount {
  url: string;
  calls: Record<string, number>;
  throttled: number;
  resetCounts(): void;
  close(): Promise<void>;
}

export function startSyntheticAccount(o: SyntheticAccountOptions): Promise<SyntheticAccount> {
  const buckets: Record<string, Bucket> = {
    ListExecutions: new Bucket(200, 5),
    ListStateMachines: new Bucket(100, 5),
    DescribeExecution: new Bucket(300, 15),
    DescribeStateMachine: new Bucket(200, 20),
    DescribeStateMachineForExecution: new Bucket(200, 1),
    GetExecutionHistory: new Bucket(400, 20),
  };
  const account: SyntheticAccount = { url: "", calls: {}, throttled: 0, resetCounts: () => ((account.calls = {}), (account.throttled = 0)), close: async () => undefined };
  const reply = (res: import("node:http").ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      const op = String(req.headers["x-amz-target"] ?? "").replace(/^AWSStepFunctions\./, "");
      account.calls[op] = (account.calls[op] ?? 0) + 1;
      if (buckets[op] && !buckets[op].take()) {
        account.throttled++;
        return reply(res, 400, { __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded" });
      }
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const start = body.nextToken ? Number(body.nextToken) : 0;
      const size = Math.min(Number(body.maxResults) || 100, 1000);
      switch (op) {
        case "ListStateMachines": {
          const end = Math.min(o.machines, start + size);
          const stateMachines = [];
          for (let i = start; i < end; i++) stateMachines.push({ stateMachineArn: syntheticMachineArn(i), name: `synthetic-${String(i).padStart(4, "0")}`, type: "STANDARD", creationDate: (o.now - 30 * 86_400_000) / 1000 });
          return reply(res, 200, { stateMachines, nextToken: end < o.machines ? String(end) : undefined });
        }
        case "ListExecutions": {
          const i = Number(/synthetic-(\d+)$/.exec(String(body.stateMachineArn))?.[1] ?? -1);
          if (i < 0 || i >= o.machines) return reply(res, 400, { __type: "com.amazonaws.states#StateMachineDoesNotExist", message: "no" });
          if (body.statusFilter === "RUNNING") return reply(res, 200, { executions: [] });
          const end = Math.min(o.perMachine, start + size);
          const executions = [];
          for (let j = start; j < end; j++) {
            const e = syntheticExecution(o, i, j);
            executions.push({ executionArn: e.arn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: e.startedAt / 1000, stopDate: e.stoppedAt! / 1000 });
          }
          return reply(res, 200, { executions, nextToken: end < o.perMachine ? String(end) : undefined });
        }
        case "DescribeStateMachine": {
          const i = Number(/synthetic-(\d+)$/.exec(String(body.stateMachineArn))?.[1] ?? -1);
          if (i < 0 || i >= o.machines) return reply(res, 400, { __type: "com.amazonaws.states#StateMachineDoesNotExist", message: "no" });
          return reply(res, 200, { stateMachineArn: syntheticMachineArn(i), name: `synthetic-${String(i).padStart(4, "0")}`, type: "STANDARD", status: "ACTIVE", definition: DEFINITION, roleArn: `arn:aws:iam::${ACCOUNT}:role/synthetic`, creationDate: (o.now - 30 * 86_400_000) / 1000 });
        }
        case "ListMapRuns":
          return reply(res, 200, { mapRuns: [] });
        case "DescribeStateMachineForExecution":
        case "DescribeExecution":
        case "GetExecutionHistory": {
          const e = executionOf(o, body.executionArn);
          if (!e) return reply(res, 400, { __type: "com.amazonaws.states#ExecutionDoesNotExist", message: "no" });
          if (op === "GetExecutionHistory") {
            const events = historyOf(e);
            return reply(res, 200, { events: body.reverseOrder ? events.reverse() : events });
          }
          if (op === "DescribeStateMachineForExecution") return reply(res, 200, { stateMachineArn: e.stateMachineArn, name: e.stateMachineArn.split(":").at(-1), definition: DEFINITION, roleArn: `arn:aws:iam::${ACCOUNT}:role/synthetic`, updateDate: (o.now - 30 * 86_400_000) / 1000 });
          return reply(res, 200, { executionArn: e.arn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: e.startedAt / 1000, stopDate: e.stoppedAt! / 1000, input: "{}", inputDetails: { included: true }, ...(e.status === "SUCCEEDED" ? { output: "{}", outputDetails: { included: true } } : { error: "Lambda.Unknown", cause: "synthetic failure" }), redriveCount: 0 });
        }
        default:
          return reply(res, 400, { __type: "com.amazonaws.states#UnknownOperationException", message: op });
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      account.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      account.close = () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done())));
      resolve(account);
    });
  });
}
