/**
 * A small in-memory Step Functions endpoint for tests of the data layer: just enough of the
 * JSON 1.0 protocol, with pages small enough to exercise pagination, a log of every call,
 * and hooks to inject AWS errors. (The demo account in mocks/ is the full simulation.)
 */
import { delay, http, HttpResponse, type JsonBodyType } from "msw";

export const FAKE_ENDPOINT = "http://fake-sfn.test";
const ACCOUNT = "123456789012";
export const arnOf = {
  machine: (name: string) => `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${name}`,
  execution: (machine: string, name: string) => `arn:aws:states:us-east-1:${ACCOUNT}:execution:${machine}:${name}`,
  mapRun: (machine: string, label: string, id: string) => `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:${machine}/${label}:${id}`,
};

export interface FakeMachine {
  name: string;
  type: "STANDARD" | "EXPRESS";
  createdSeconds: number;
  definition: string;
}

export interface FakeExecution {
  machine: string;
  name: string;
  status: string;
  startSeconds: number;
  stopSeconds?: number;
  mapRunArn?: string;
  /** Extra DescribeExecution fields (input, output, error, cause…), over the defaults. */
  description?: Record<string, unknown>;
  redriveCount?: number;
  /** What DescribeExecution answers (a fixed small input when absent). */
  input?: string;
  output?: string;
  /** Ascending; ids from 1. */
  events: { id: number; previousEventId: number; timestamp: number; type: string; [k: string]: unknown }[];
}

export interface FakeCall {
  target: string;
  body: Record<string, unknown>;
}

export interface FakeInjectedError {
  status?: number;
  type: string;
  message?: string;
}

export class FakeSfn {
  machines: FakeMachine[] = [];
  /** Newest first, as ListExecutions answers. */
  executions: FakeExecution[] = [];
  mapRuns: {
    arn: string;
    executionArn: string;
    machine: string;
    startSeconds: number;
    status: string;
    /** DescribeMapRun fields that replace the defaults (counts, thresholds, redriveCount…). */
    describe?: Record<string, unknown>;
  }[] = [];
  calls: FakeCall[] = [];
  /** Caps maxResults so that paging happens with small data. */
  pageSize = 1000;
  ignoreReverseOrder = false;
  delayMs = 0;
  inject?: (call: FakeCall) => FakeInjectedError | undefined;
  /** A call waits for the promise this returns before it is answered (a quota-bound or hung endpoint). */
  hold?: (call: FakeCall) => Promise<void> | undefined;

  callsTo(operation: string): FakeCall[] {
    return this.calls.filter((c) => c.target === operation);
  }

  addExecution(execution: Omit<FakeExecution, "events"> & { events?: FakeExecution["events"] }): FakeExecution {
    const full = { events: [], ...execution };
    this.executions.unshift(full);
    return full;
  }

  arnOf(execution: FakeExecution): string {
    return arnOf.execution(execution.machine, execution.name);
  }

  handlers(endpoint = FAKE_ENDPOINT) {
    return [
      http.post(`${endpoint}/`, async ({ request }) => {
        const target = (request.headers.get("x-amz-target") ?? "").replace(/^AWSStepFunctions\./, "");
        const body = (await request.json()) as Record<string, unknown>;
        if (this.delayMs) await delay(this.delayMs);
        await this.hold?.({ target, body });
        const answer = this.answer(target, body);
        return reply(answer.status, answer.body as JsonBodyType);
      }),
    ];
  }

  /** One call, logged and answered as the endpoint would: HTTP status and JSON body (injected errors first). */
  answer(target: string, body: Record<string, unknown>): { status: number; body: Record<string, unknown> } {
    const call = { target, body };
    this.calls.push(call);
    const injected = this.inject?.(call);
    if (injected) return { status: injected.status ?? 400, body: { __type: `com.amazonaws.states#${injected.type}`, message: injected.message ?? "" } };
    const result = this.dispatch(target, body);
    return { status: "__type" in result ? 400 : 200, body: result };
  }

  private page<T>(items: T[], body: Record<string, unknown>): { items: T[]; nextToken?: string } {
    const start = body.nextToken ? Number(body.nextToken) : 0;
    const size = Math.min(Number(body.maxResults) || 100, this.pageSize);
    const end = start + size;
    return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
  }

  private findExecution(arn: unknown): FakeExecution | undefined {
    return this.executions.find((e) => this.arnOf(e) === arn);
  }

  private dispatch(target: string, body: Record<string, unknown>): Record<string, unknown> {
    const missingExecution = { __type: "com.amazonaws.states#ExecutionDoesNotExist", message: "Execution Does Not Exist" };
    switch (target) {
      case "ListStateMachines": {
        const { items, nextToken } = this.page(this.machines, body);
        return {
          stateMachines: items.map((m) => ({ stateMachineArn: arnOf.machine(m.name), name: m.name, type: m.type, creationDate: m.createdSeconds })),
          nextToken,
        };
      }
      case "DescribeStateMachine": {
        const m = this.machines.find((x) => arnOf.machine(x.name) === body.stateMachineArn);
        if (!m) return { __type: "com.amazonaws.states#StateMachineDoesNotExist", message: "no" };
        return { stateMachineArn: arnOf.machine(m.name), name: m.name, type: m.type, creationDate: m.createdSeconds, definition: m.definition, roleArn: "arn:aws:iam::123456789012:role/r", status: "ACTIVE" };
      }
      case "DescribeStateMachineForExecution": {
        const e = this.findExecution(body.executionArn);
        if (!e) return missingExecution;
        const m = this.machines.find((x) => x.name === e.machine);
        return { stateMachineArn: arnOf.machine(e.machine), name: e.machine, definition: m?.definition ?? "{}", roleArn: "r", updateDate: e.startSeconds };
      }
      case "ListExecutions": {
        const matching = this.executions.filter(
          (e) =>
            (body.mapRunArn ? e.mapRunArn === body.mapRunArn : arnOf.machine(e.machine) === body.stateMachineArn) &&
            (!body.statusFilter || e.status === body.statusFilter),
        );
        const { items, nextToken } = this.page(matching, body);
        return {
          executions: items.map((e) => ({
            executionArn: this.arnOf(e),
            stateMachineArn: arnOf.machine(e.machine),
            name: e.name,
            status: e.status,
            startDate: e.startSeconds,
            stopDate: e.stopSeconds,
            mapRunArn: e.mapRunArn,
            redriveCount: e.redriveCount,
          })),
          nextToken,
        };
      }
      case "DescribeExecution": {
        const e = this.findExecution(body.executionArn);
        if (!e) return missingExecution;
        return {
          executionArn: this.arnOf(e),
          stateMachineArn: arnOf.machine(e.machine),
          name: e.name,
          status: e.status,
          startDate: e.startSeconds,
          stopDate: e.stopSeconds,
          input: e.input ?? '{"order":1}',
          inputDetails: { included: true },
          output: e.output,
          mapRunArn: e.mapRunArn,
          redriveCount: e.redriveCount,
          ...e.description,
        };
      }
      case "GetExecutionHistory": {
        const e = this.findExecution(body.executionArn);
        if (!e) return missingExecution;
        const ordered = body.reverseOrder && !this.ignoreReverseOrder ? [...e.events].reverse() : e.events;
        const { items, nextToken } = this.page(ordered, body);
        return { events: items, nextToken };
      }
      case "ListMapRuns": {
        const runs = this.mapRuns.filter((r) => r.executionArn === body.executionArn);
        const { items, nextToken } = this.page(runs, body);
        return {
          mapRuns: items.map((r) => ({ mapRunArn: r.arn, executionArn: r.executionArn, stateMachineArn: arnOf.machine(r.machine), startDate: r.startSeconds })),
          nextToken,
        };
      }
      case "DescribeMapRun": {
        const r = this.mapRuns.find((x) => x.arn === body.mapRunArn);
        if (!r) return { __type: "com.amazonaws.states#ResourceNotFound", message: "no" };
        const counts = { pending: 0, running: 1, succeeded: 2, failed: 0, timedOut: 0, aborted: 0, total: 3, resultsWritten: 2 };
        return { mapRunArn: r.arn, executionArn: r.executionArn, status: r.status, startDate: r.startSeconds, maxConcurrency: 10, toleratedFailurePercentage: 0, toleratedFailureCount: 0, itemCounts: counts, executionCounts: counts, ...r.describe };
      }
      default:
        return { __type: "com.amazonaws.states#UnknownOperationException", message: target };
    }
  }
}

function reply(status: number, body: JsonBodyType) {
  return HttpResponse.json(body, { status, headers: { "content-type": "application/x-amz-json-1.0" } });
}

/** A history of `count` events: ExecutionStarted, Pass states, and ExecutionSucceeded when `finished`. */
export function makeEvents(count: number, startSeconds: number, finished: boolean): FakeExecution["events"] {
  const events: FakeExecution["events"] = [];
  for (let id = 1; id <= count; id++) {
    const type =
      id === 1
        ? "ExecutionStarted"
        : finished && id === count
          ? "ExecutionSucceeded"
          : id % 2 === 0
            ? "PassStateEntered"
            : "PassStateExited";
    const details =
      type === "ExecutionStarted"
        ? { executionStartedEventDetails: { input: "{}", roleArn: "r" } }
        : type === "PassStateEntered"
          ? { stateEnteredEventDetails: { name: `Step${id}`, input: "{}" } }
          : type === "PassStateExited"
            ? { stateExitedEventDetails: { name: `Step${id - 1}`, output: "{}" } }
            : { executionSucceededEventDetails: { output: "{}" } };
    events.push({ id, previousEventId: id - 1, timestamp: startSeconds + id / 10, type, ...details });
  }
  return events;
}

/** Add `more` events to a running execution's history (finishing it when `finish`). */
export function appendEvents(execution: FakeExecution, more: number, finish: boolean): void {
  const startSeconds = execution.startSeconds;
  const total = execution.events.length + more;
  const fresh = makeEvents(total, startSeconds, finish).slice(execution.events.length);
  execution.events.push(...fresh);
  if (finish) execution.status = "SUCCEEDED";
}
