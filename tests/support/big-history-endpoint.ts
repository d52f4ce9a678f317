/**
 * A tiny Step Functions endpoint (AWS JSON 1.0 over node:http) that serves ONE finished
 * Standard execution whose history is `generateLargeHistory()`: ~25,000 events, a Map of
 * ~2,000 iterations with retries and caught failures. Benchmarks point Stepscope at it in
 * emulator mode (`AWS_ENDPOINT_URL_SFN`) to measure the execution page with a history at the
 * service's size limit, without the demo simulator's cost in the way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HistoryEvent } from "@/lib/history/events";
import { generateLargeHistory, type LargeHistoryOptions } from "../fixtures/large-history";

const ACCOUNT = "111111111111";
const REGION = "us-east-1";
export const BIG_MACHINE_NAME = "resize-images";
export const BIG_EXECUTION_NAME = "nightly-batch-25k";
export const BIG_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${BIG_MACHINE_NAME}`;
export const BIG_EXECUTION_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${BIG_MACHINE_NAME}:${BIG_EXECUTION_NAME}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/stepscope-demo`;
const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;

/**
 * The definition the generator's history ran: LoadBatch → FetchItems (retried) → ProcessEach
 * (Map: Prepare → Resize, caught into HandleFailure, else Record) → Summarise.
 */
export const BIG_DEFINITION = JSON.stringify(
  {
    Comment: "Resize a nightly batch of images, 40 at a time",
    StartAt: "LoadBatch",
    States: {
      LoadBatch: { Type: "Pass", Next: "FetchItems" },
      FetchItems: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: "fetch-items", "Payload.$": "$" },
        Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        Next: "ProcessEach",
      },
      ProcessEach: {
        Type: "Map",
        MaxConcurrency: 40,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "Prepare",
          States: {
            Prepare: { Type: "Pass", Next: "Resize" },
            Resize: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              Parameters: { FunctionName: "arn:aws:lambda:us-east-1:111111111111:function:resize-image", "Payload.$": "$" },
              Retry: [{ ErrorEquals: ["Lambda.Unknown"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
              Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "HandleFailure" }],
              Next: "Record",
            },
            Record: { Type: "Pass", End: true },
            HandleFailure: { Type: "Pass", End: true },
          },
        },
        Next: "Summarise",
      },
      Summarise: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: "summarise", "Payload.$": "$" },
        End: true,
      },
    },
  },
  null,
  2,
);

export interface BigHistoryEndpoint {
  /** e.g. http://127.0.0.1:41234, for AWS_ENDPOINT_URL_SFN. */
  url: string;
  executionArn: string;
  events: HistoryEvent[];
  /** Calls answered, by operation (e.g. "GetExecutionHistory"). */
  calls: Record<string, number>;
  stop(): Promise<void>;
}

type Answer = { status: number; body: unknown };

export async function startBigHistoryEndpoint(options: LargeHistoryOptions = {}): Promise<BigHistoryEndpoint> {
  const events = generateLargeHistory(options);
  const calls: Record<string, number> = {};
  const dispatch = answerer(events);
  const server = createServer((req, res) => {
    void handle(req, res, dispatch, calls);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    executionArn: BIG_EXECUTION_ARN,
    events,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, dispatch: (op: string, body: Record<string, unknown>) => Answer, calls: Record<string, number>) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const target = String(req.headers["x-amz-target"] ?? "");
  const op = target.startsWith("AWSStepFunctions.") ? target.slice("AWSStepFunctions.".length) : "";
  let answer: Answer;
  if (req.method !== "POST" || !op) {
    answer = error(400, "UnknownOperationException", `Expected a POST with X-Amz-Target: AWSStepFunctions.<Operation>, got ${req.method} ${target || "(none)"}`);
  } else {
    calls[op] = (calls[op] ?? 0) + 1;
    let body: Record<string, unknown> = {};
    try {
      const text = Buffer.concat(chunks).toString("utf8");
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      answer = error(400, "SerializationException", "The request body is not JSON");
    }
    answer ??= dispatch(op, body);
  }
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

function answerer(events: HistoryEvent[]): (op: string, body: Record<string, unknown>) => Answer {
  const startSeconds = Number(events[0]?.timestamp ?? 0);
  const stopSeconds = Number(events[events.length - 1]?.timestamp ?? startSeconds);
  const last = events[events.length - 1];
  const output = (last?.executionSucceededEventDetails as { output?: string } | undefined)?.output;
  const input = (events[0]?.executionStartedEventDetails as { input?: string } | undefined)?.input;
  const machine = {
    stateMachineArn: BIG_MACHINE_ARN,
    name: BIG_MACHINE_NAME,
    type: "STANDARD",
    creationDate: startSeconds - 86_400,
  };
  const summary = {
    executionArn: BIG_EXECUTION_ARN,
    stateMachineArn: BIG_MACHINE_ARN,
    name: BIG_EXECUTION_NAME,
    status: "SUCCEEDED",
    startDate: startSeconds,
    stopDate: stopSeconds,
  };
  const isOurExecution = (body: Record<string, unknown>) => body.executionArn === BIG_EXECUTION_ARN;
  const noExecution = (body: Record<string, unknown>) => error(400, "ExecutionDoesNotExist", `Execution Does Not Exist: '${String(body.executionArn)}'`);

  return (op, body) => {
    switch (op) {
      case "ListStateMachines":
        return ok({ stateMachines: [machine] });
      case "DescribeStateMachine":
        if (body.stateMachineArn !== BIG_MACHINE_ARN) return error(400, "StateMachineDoesNotExist", `State Machine Does Not Exist: '${String(body.stateMachineArn)}'`);
        return ok({ ...machine, status: "ACTIVE", definition: BIG_DEFINITION, roleArn: ROLE_ARN });
      case "DescribeStateMachineForExecution":
        if (!isOurExecution(body)) return noExecution(body);
        return ok({ stateMachineArn: BIG_MACHINE_ARN, name: BIG_MACHINE_NAME, definition: BIG_DEFINITION, roleArn: ROLE_ARN, updateDate: machine.creationDate });
      case "DescribeExecution":
        if (!isOurExecution(body)) return noExecution(body);
        return ok({ ...summary, input, inputDetails: { included: true }, output, outputDetails: { included: true }, redriveCount: 0, redriveStatus: "NOT_REDRIVABLE" });
      case "ListExecutions":
        if (body.mapRunArn) return ok({ executions: [] });
        if (body.stateMachineArn !== BIG_MACHINE_ARN) return error(400, "StateMachineDoesNotExist", `State Machine Does Not Exist: '${String(body.stateMachineArn)}'`);
        return ok({ executions: body.statusFilter && body.statusFilter !== "SUCCEEDED" ? [] : [summary] });
      case "ListMapRuns":
        return isOurExecution(body) ? ok({ mapRuns: [] }) : noExecution(body);
      case "GetExecutionHistory":
        return isOurExecution(body) ? historyPage(events, body) : noExecution(body);
      default:
        return error(400, "UnknownOperationException", `This endpoint does not implement ${op}`);
    }
  };
}

/** One page: `nextToken` is the offset into the (possibly reversed) list. */
function historyPage(events: HistoryEvent[], body: Record<string, unknown>): Answer {
  const requested = typeof body.maxResults === "number" && body.maxResults > 0 ? body.maxResults : DEFAULT_PAGE;
  if (requested > MAX_PAGE) return error(400, "ValidationException", `maxResults must be at most ${MAX_PAGE}`);
  const from = typeof body.nextToken === "string" ? Number(body.nextToken) : 0;
  if (!Number.isInteger(from) || from < 0 || from > events.length) return error(400, "InvalidToken", "Invalid nextToken");
  const ordered = body.reverseOrder === true ? [...events].reverse() : events;
  const page = ordered.slice(from, from + requested);
  const next = from + page.length;
  return ok({ events: page, ...(next < ordered.length ? { nextToken: String(next) } : {}) });
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function error(status: number, type: string, message: string): Answer {
  return { status, body: { __type: `com.amazonaws.states#${type}`, message } };
}
