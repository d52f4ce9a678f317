/** Small helpers to drive the demo account's dispatcher directly, as the transports do. */
import type { DemoAccount } from "@/mocks";
import type { AslMachine } from "@/mocks/sim/asl";
import type { WireEvent } from "./history-checks";

export const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);
export const machineArn = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function call(account: DemoAccount, operation: string, body: object): any {
  const response = account.dispatch(`AWSStepFunctions.${operation}`, body);
  if (response.status !== 200) throw new Error(`${operation} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface ListedExecution {
  executionArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  mapRunArn?: string;
}

export function listAll(account: DemoAccount, body: object): ListedExecution[] {
  const out: ListedExecution[] = [];
  let nextToken: string | undefined;
  do {
    const page = call(account, "ListExecutions", { ...body, maxResults: 1000, nextToken });
    out.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

export function fullHistory(account: DemoAccount, executionArn: string): WireEvent[] {
  const out: WireEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = call(account, "GetExecutionHistory", { executionArn, maxResults: 1000, nextToken });
    out.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

export function definitionOf(account: DemoAccount, executionArn: string): AslMachine {
  return JSON.parse(call(account, "DescribeStateMachineForExecution", { executionArn }).definition) as AslMachine;
}

/** ListExecutions pages, newest first, only as far back as `sinceMs` (a week is a lot to read). */
export function listSince(account: DemoAccount, body: object, sinceMs: number, pageSize = 1000): ListedExecution[] {
  const out: ListedExecution[] = [];
  let nextToken: string | undefined;
  do {
    const page = call(account, "ListExecutions", { ...body, maxResults: pageSize, nextToken });
    for (const e of page.executions as ListedExecution[]) {
      if (e.startDate * 1000 < sinceMs) return out;
      out.push(e);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** The demo account's machines that keep a history (all but the Express one). */
export const STANDARD_MACHINES = ["bucket-inventory", "etl-ingest", "human-approval", "invoice-billing", "media-pipeline", "order-processing"];
