/**
 * An SQS message carrying the EventBridge "Step Functions Execution Status Change" event of a
 * RUNNING execution of the `orders` machine, as Step Functions sends it.
 */
import type { QueueMessage } from "@/lib/sfn/events-queue";

export function statusChangeMessage(options: { region: string; account: string; name: string; startDate: number }): QueueMessage {
  const { region, account, name, startDate } = options;
  const machine = `arn:aws:states:${region}:${account}:stateMachine:orders`;
  const arn = `arn:aws:states:${region}:${account}:execution:orders:${name}`;
  const body = JSON.stringify({
    "detail-type": "Step Functions Execution Status Change",
    source: "aws.states",
    account,
    region,
    resources: [arn],
    detail: { executionArn: arn, stateMachineArn: machine, name, status: "RUNNING", startDate },
  });
  return { id: name, receiptHandle: name, body };
}
