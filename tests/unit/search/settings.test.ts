import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/env";
import { DEMO_EVENTS_QUEUE_URL } from "@/mocks/events";

describe("search and events settings", () => {
  it("reads payload globs and the events queue URL, and defaults to neither outside the demo", () => {
    expect(parseConfig({ STEPSCOPE_SOURCE: "aws", AWS_REGION: "eu-west-1" })).toMatchObject({ indexPayloads: "", eventsQueueUrl: undefined });
    expect(parseConfig({ AWS_ENDPOINT_URL_SFN: "http://127.0.0.1:5000" })).toMatchObject({ eventsQueueUrl: undefined });
    const c = parseConfig({ STEPSCOPE_INDEX_PAYLOADS: "order-*, etl-*", STEPSCOPE_EVENTS_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/stepscope-events" });
    expect(c.indexPayloads).toBe("order-*, etl-*");
    expect(c.eventsQueueUrl).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/stepscope-events");
  });

  it("runs the demo on its simulated events queue unless told off", () => {
    expect(parseConfig({}).eventsQueueUrl).toBe(DEMO_EVENTS_QUEUE_URL);
    expect(parseConfig({ STEPSCOPE_EVENTS_QUEUE_URL: "off" }).eventsQueueUrl).toBeUndefined();
    expect(parseConfig({ STEPSCOPE_EVENTS_QUEUE_URL: "demo" }).eventsQueueUrl).toBe(DEMO_EVENTS_QUEUE_URL);
  });

  it("says what is wrong with a bad glob list or queue URL", () => {
    expect(() => parseConfig({ STEPSCOPE_INDEX_PAYLOADS: "order-*;etl" })).toThrow(ConfigError);
    expect(() => parseConfig({ STEPSCOPE_INDEX_PAYLOADS: "order-*;etl" })).toThrow(/comma-separated state machine name globs/);
    expect(() => parseConfig({ STEPSCOPE_EVENTS_QUEUE_URL: "stepscope-events" })).toThrow(/must be an SQS queue URL .*, or off/);
  });
});
