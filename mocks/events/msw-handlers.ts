/** The demo events queue behind the SQS JSON protocol, as msw handlers (the SDK posts to the queue URL's host). */
import { createHash } from "node:crypto";
import { http, HttpResponse } from "msw";
import { networkHop } from "../transport/network-hop";
import { DEMO_EVENTS_QUEUE_URL, type DemoEventsQueue } from "./demo-events-queue";

const JSON_1_0 = { "content-type": "application/x-amz-json-1.0" };

export function createDemoEventsHandlers(queue: DemoEventsQueue) {
  const origin = new URL(DEMO_EVENTS_QUEUE_URL).origin;
  const handle = async ({ request }: { request: Request }) => {
    await networkHop();
    const target = request.headers.get("x-amz-target") ?? "";
    const body = (await request.json().catch(() => ({}))) as { QueueUrl?: string; MaxNumberOfMessages?: number; Entries?: { Id: string; ReceiptHandle: string }[] };
    if (body.QueueUrl !== DEMO_EVENTS_QUEUE_URL) {
      return HttpResponse.json({ __type: "com.amazonaws.sqs#QueueDoesNotExist", message: "The specified queue does not exist." }, { status: 400, headers: JSON_1_0 });
    }
    if (target === "AmazonSQS.ReceiveMessage") {
      const messages = await queue.receive(Math.min(body.MaxNumberOfMessages ?? 1, 10));
      // The demo answers at once instead of holding a long poll: the consumer then waits its own loop interval.
      return HttpResponse.json(
        { Messages: messages.map((m) => ({ MessageId: m.id, ReceiptHandle: m.receiptHandle, Body: m.body, MD5OfBody: createHash("md5").update(m.body).digest("hex") })) },
        { headers: JSON_1_0 },
      );
    }
    if (target === "AmazonSQS.DeleteMessageBatch") {
      for (const e of body.Entries ?? []) queue.delete(e.ReceiptHandle);
      return HttpResponse.json({ Successful: (body.Entries ?? []).map((e) => ({ Id: e.Id })), Failed: [] }, { headers: JSON_1_0 });
    }
    return HttpResponse.json({ __type: "com.amazonaws.sqs#UnsupportedOperation", message: `The demo queue does not serve ${target}` }, { status: 400, headers: JSON_1_0 });
  };
  return [http.post(`${origin}/`, handle), http.post(origin, handle), http.post(`${origin}/*`, handle)];
}
