/**
 * One queue can carry the events of several accounts and Regions: each event reaches the index
 * of the source its ARN names, and events no source keeps are counted and said (logged once),
 * never stored or dropped silently.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { EventsConsumer, type EventTarget } from "@/lib/server/events-consumer";
import { routeArn } from "@/lib/server/sources/route-arn";
import type { QueueMessage } from "@/lib/sfn/events-queue";
import type { Store, StoredExecution } from "@/lib/store";
import { statusChangeMessage } from "../../support/status-change-message";

const T0 = 1_790_000_000_000;
const scopes = [
  { id: "prod:us-east-1", region: "us-east-1", accountId: "111111111111" },
  { id: "staging:eu-west-1", region: "eu-west-1", accountId: "222222222222" },
];

function message(region: string, account: string, name: string): QueueMessage {
  return statusChangeMessage({ region, account, name, startDate: T0 });
}

afterEach(() => vi.restoreAllMocks());

describe("events of several accounts and Regions on one queue", () => {
  it("go to their own source's index; those of no source are counted, said once, and not stored", async () => {
    const stored: string[] = [];
    const store = { putListing: async (_m: string, rows: readonly StoredExecution[]) => (stored.push(...rows.map((r) => r.arn)), [...rows]) } as unknown as Store;
    const absorbed: Record<string, string[]> = {};
    const route = (machineArn: string): EventTarget => {
      const r = routeArn(machineArn, scopes);
      if (!r.ok) return { ok: false, why: r.message };
      return { ok: true, absorb: (rows) => void (absorbed[r.scope.id] = [...(absorbed[r.scope.id] ?? []), ...rows.map((x) => x.name)]) };
    };
    const batch = [message("us-east-1", "111111111111", "a"), message("eu-west-1", "222222222222", "b"), message("ap-south-1", "333333333333", "c"), message("ap-south-1", "333333333333", "d")];
    const deleted: string[] = [];
    const queue = { receive: async () => batch, delete: async (m: readonly QueueMessage[]) => void deleted.push(...m.map((x) => x.id)) };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const consumer = new EventsConsumer(store, queue, "https://sqs.test/q", () => T0, route);

    await consumer.pollOnce();
    await consumer.pollOnce();

    expect(absorbed).toEqual({ "prod:us-east-1": ["a", "a"], "staging:eu-west-1": ["b", "b"] });
    expect(stored.every((arn) => !arn.includes("ap-south-1"))).toBe(true);
    expect(consumer.status).toMatchObject({ state: "consuming", received: 8, unrouted: 4 });
    expect(consumer.status.unroutedMessage).toMatch(/333333333333 in ap-south-1/);
    expect(warn).toHaveBeenCalledTimes(1);
    // Counted and said, then deleted: the queue does not fill with events nobody will take.
    expect(deleted.filter((id) => id === "c")).toHaveLength(2);
  });
});
