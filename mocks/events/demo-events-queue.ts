/**
 * The demo account's events queue: what an EventBridge rule would put on SQS for the simulated
 * executions ("Step Functions Execution Status Change" in EventBridge's envelope), so the demo
 * runs the same consumer path as AWS. Each receive looks at the newest page of every Standard
 * machine (uncounted: EventBridge costs the account no ListExecutions) and publishes a start or
 * a status change it has not published yet, with the error, cause and redrive count Step
 * Functions puts in the event. Messages stay in flight until deleted and come back after 30 s if they are
 * not, as SQS's visibility timeout does.
 */
import type { DemoAccount } from "../contract";
import { DEMO_ACCOUNT_ID, DEMO_REGION } from "../contract";

export const DEMO_EVENTS_QUEUE_URL = `https://sqs.demo.stepscope.invalid/${DEMO_ACCOUNT_ID}/stepscope-events`;
const VISIBILITY_MS = 30_000;

interface Message {
  id: string;
  body: string;
  visibleAt: number;
  receipts: number;
}

interface Listed {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  redriveCount?: number;
}

export class DemoEventsQueue {
  private readonly published = new Map<string, string>();
  private readonly messages = new Map<string, Message>();
  private sequence = 0;

  constructor(
    private readonly account: DemoAccount,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async receive(max: number): Promise<{ id: string; receiptHandle: string; body: string }[]> {
    await this.publishChanges();
    const now = this.clock();
    const out: { id: string; receiptHandle: string; body: string }[] = [];
    for (const m of this.messages.values()) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      m.visibleAt = now + VISIBILITY_MS;
      m.receipts++;
      out.push({ id: m.id, receiptHandle: `${m.id}#${m.receipts}`, body: m.body });
    }
    return out;
  }

  delete(receiptHandle: string): void {
    this.messages.delete(receiptHandle.split("#")[0]);
  }

  private async publishChanges(): Promise<void> {
    const look = (target: string, body: unknown) => (this.account.peek ? this.account.peek(target, body) : this.account.dispatch(target, body));
    const machines = (look("AWSStepFunctions.ListStateMachines", {}).body as { stateMachines?: { stateMachineArn: string; type: string }[] }).stateMachines ?? [];
    for (const m of machines) {
      if (m.type !== "STANDARD") continue; // Express executions send no status-change events.
      const request = { stateMachineArn: m.stateMachineArn, maxResults: 100 };
      // The account runs in this process: a cold page is planned in slices, not in one stall.
      await this.account.prepare?.("AWSStepFunctions.ListExecutions", request);
      const page = look("AWSStepFunctions.ListExecutions", request);
      const executions = page.status === 200 ? ((page.body as { executions?: Listed[] }).executions ?? []) : [];
      for (const e of executions.reverse()) {
        if (this.published.get(e.executionArn) === e.status) continue;
        const first = !this.published.has(e.executionArn);
        this.published.set(e.executionArn, e.status);
        // On the first look, executions that ended long ago are history, not news.
        if (first && this.sequence === 0 && e.status !== "RUNNING") continue;
        this.publish(e, e.status === "RUNNING" || e.status === "SUCCEEDED" ? undefined : look("AWSStepFunctions.DescribeExecution", { executionArn: e.executionArn }).body);
      }
    }
    if (this.sequence === 0) this.sequence = 1;
  }

  private publish(e: Listed, described?: unknown): void {
    const { error, cause } = (described ?? {}) as { error?: string; cause?: string };
    const id = `demo-${++this.sequence}`;
    const body = JSON.stringify({
      version: "0",
      id,
      "detail-type": "Step Functions Execution Status Change",
      source: "aws.states",
      account: DEMO_ACCOUNT_ID,
      time: new Date(this.clock()).toISOString(),
      region: DEMO_REGION,
      resources: [e.executionArn],
      detail: {
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: Math.round(e.startDate * 1000),
        stopDate: e.stopDate === undefined ? null : Math.round(e.stopDate * 1000),
        redriveCount: e.redriveCount ?? 0,
        error: error ?? null,
        cause: cause ?? null,
      },
    });
    this.messages.set(id, { id, body, visibleAt: 0, receipts: 0 });
  }
}
