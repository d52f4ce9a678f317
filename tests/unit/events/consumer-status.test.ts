/**
 * What /api/source says of the events consumer agrees with what it has done: an event already
 * applied to the store is never reported under "starting" (the queue's delete can be slow), and
 * a failure that repeats poll after poll is logged once, until it changes or a poll succeeds.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { EventsConsumer } from "@/lib/server/events-consumer";
import type { QueueMessage } from "@/lib/sfn/events-queue";
import type { Store, StoredExecution } from "@/lib/store";
import { statusChangeMessage } from "../../support/status-change-message";

const T0 = 1_790_000_000_000;

function message(name: string): QueueMessage {
  return statusChangeMessage({ region: "us-east-1", account: "111111111111", name, startDate: T0 });
}

afterEach(() => vi.restoreAllMocks());

describe("the events consumer's status", () => {
  it("says consuming once an event is applied, while the queue is still deleting it", async () => {
    let releaseDelete!: () => void;
    const deleting = new Promise<void>((r) => (releaseDelete = r));
    let storedAt: "before" | "stored" = "before";
    const store = { putListing: async (_m: string, rows: readonly StoredExecution[]) => ((storedAt = "stored"), [...rows]) } as unknown as Store;
    const queue = { receive: async () => [message("a")], delete: () => deleting };
    const consumer = new EventsConsumer(store, queue, "https://sqs.test/q", () => T0);

    const polled = consumer.pollOnce();
    await vi.waitFor(() => expect(storedAt).toBe("stored"));
    expect(consumer.status).toMatchObject({ state: "consuming", applied: 1 });
    releaseDelete();
    expect(await polled).toBe(1);
  });

  it("logs a failure that repeats once, and again after a poll went through", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let storeDown = true;
    const store = {
      putListing: async (_m: string, rows: readonly StoredExecution[]) => {
        if (storeDown) throw new Error("the store is read-only");
        return [...rows];
      },
    } as unknown as Store;
    const queue = { receive: async () => [message("a")], delete: async () => undefined };
    const consumer = new EventsConsumer(store, queue, "https://sqs.test/q", () => T0);

    const said = () => error.mock.calls.map((c) => String(c[0]));
    for (let i = 0; i < 3; i++) await consumer.pollOnce();
    expect(consumer.status).toMatchObject({ state: "failing", message: "the store is read-only" });
    const failed = "[stepscope] consuming status-change events failed: the store is read-only (said once until it changes)";
    expect(said()).toEqual([failed]);

    storeDown = false;
    await consumer.pollOnce();
    await consumer.pollOnce();
    expect(consumer.status.state).toBe("consuming");
    storeDown = true;
    await consumer.pollOnce();
    expect(said()).toEqual([failed, "[stepscope] consuming status-change events works again", failed]);
  });
});
