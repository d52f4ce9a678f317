import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/env";

describe("search and events settings", () => {
  it("reads payload globs and the events queue URL, and defaults to neither", () => {
    expect(parseConfig({})).toMatchObject({ indexPayloads: "", eventsQueueUrl: undefined });
    const c = parseConfig({ STEPSCOPE_INDEX_PAYLOADS: "order-*, etl-*", STEPSCOPE_EVENTS_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/stepscope-events" });
    expect(c.indexPayloads).toBe("order-*, etl-*");
    expect(c.eventsQueueUrl).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/stepscope-events");
  });

  it("says what is wrong with a bad glob list or queue URL", () => {
    expect(() => parseConfig({ STEPSCOPE_INDEX_PAYLOADS: "order-*;etl" })).toThrow(ConfigError);
    expect(() => parseConfig({ STEPSCOPE_INDEX_PAYLOADS: "order-*;etl" })).toThrow(/comma-separated state machine name globs/);
    expect(() => parseConfig({ STEPSCOPE_EVENTS_QUEUE_URL: "stepscope-events" })).toThrow(/must be an SQS queue URL/);
  });
});
