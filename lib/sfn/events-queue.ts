/**
 * The SQS queue an EventBridge rule feeds with Step Functions status changes: long-polled
 * receive and batch delete. Here because lib/sfn is the one place that imports the AWS SDK.
 * The endpoint follows the SDK's own convention (AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL).
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";

export interface QueueMessage {
  id: string;
  receiptHandle: string;
  body: string;
}

export class EventsQueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventsQueueError";
  }
}

export interface EventsQueue {
  receive(waitSeconds: number, signal?: AbortSignal): Promise<QueueMessage[]>;
  delete(messages: readonly QueueMessage[]): Promise<void>;
}

export function createEventsQueue(queueUrl: string, region: string, options: { placeholderCredentials?: boolean } = {}): EventsQueue {
  // The demo queue is answered in-process and needs no real credentials, but the SDK still signs.
  const credentials = options.placeholderCredentials ? { accessKeyId: "stepscope-demo", secretAccessKey: "stepscope-demo" } : undefined;
  // The demo queue's host is its endpoint (the SDK would say so on every call otherwise).
  const client = new SQSClient({ region, maxAttempts: 2, ...(credentials ? { credentials, endpoint: new URL(queueUrl).origin } : {}) });
  return {
    async receive(waitSeconds, signal) {
      try {
        const out = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }), { abortSignal: signal });
        return (out.Messages ?? []).flatMap((m) => (m.ReceiptHandle && m.MessageId ? [{ id: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body ?? "" }] : []));
      } catch (error) {
        throw explain(error, queueUrl, "sqs:ReceiveMessage");
      }
    },
    async delete(messages) {
      if (messages.length === 0) return;
      try {
        await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.receiptHandle })) }));
      } catch (error) {
        throw explain(error, queueUrl, "sqs:DeleteMessage");
      }
    },
  };
}

/** What an operator does about it, in one sentence, instead of the SDK's exception name. */
function explain(error: unknown, queueUrl: string, action: string): Error {
  if ((error as Error)?.name === "AbortError") return error as Error;
  const name = (error as { name?: string; Code?: string }).name ?? "";
  const message = (error as Error)?.message ?? String(error);
  if (/NonExistentQueue|QueueDoesNotExist/i.test(name) || /does not exist/i.test(message)) {
    return new EventsQueueError(`The events queue ${queueUrl} does not exist (STEPSCOPE_EVENTS_QUEUE_URL). Polling carries on without events.`);
  }
  if (/AccessDenied|NotAuthorized|InvalidClientTokenId|UnrecognizedClient/i.test(name)) {
    return new EventsQueueError(`Stepscope may not read the events queue ${queueUrl}: grant ${action} (see the README's events section). Polling carries on without events.`);
  }
  return new EventsQueueError(`The events queue ${queueUrl} cannot be read: ${message}. Polling carries on without events.`);
}
