import { describe, expect, it } from "vitest";
import { normaliseCause } from "@/lib/metrics/normalise-cause";

describe("normaliseCause", () => {
  it.each([
    ["uuids", "Payment 2f1c8e0a-6b1d-4c3e-9a7f-0d2b5e8c1a44 declined", "Payment 9b0e7d6c-1a2b-4c3d-8e9f-a0b1c2d3e4f5 declined"],
    ["numbers", "Order 12345 not found after 3 attempts", "Order 987 not found after 5 attempts"],
    ["ARNs", "Lambda arn:aws:lambda:us-east-1:123456789012:function:charge-v1 throttled.", "Lambda arn:aws:lambda:eu-west-1:210987654321:function:charge-v2 throttled."],
    ["ISO timestamps", "Token expired at 2026-11-25T14:05:09.123Z", "Token expired at 2026-11-24T09:00:00+02:00"],
    ["epoch timestamps", "Lease held since 1764079509 by worker", "Lease held since 1764079999123 by worker"],
    ["request ids", "Throughput exceeded (Service: DynamoDb, Status Code: 400, Request ID: K5PEO4JUHQ0A8SPC1V3LBCK5BBVV4KQNSO5AEMVJF66Q9ASUAAJG)", "Throughput exceeded (Service: DynamoDb, Status Code: 400, Request ID: 0QFRLKHGJ5SV2E9C8V6C3PAU3NVV4KQNSO5AEMVJF66Q9ASUAAJG)"],
    ["hex ids", "Object 5f3c2a9b1e7d not in cache", "Object a0b1c2d3e4f5 not in cache"],
    ["e-mails", "No account for alice.smith+test@example.com", "No account for bob@corp.example.org"],
    ["quoted values", "Value 'order-77' at 'orderId' failed to satisfy constraint", "Value 'X' at 'orderId' failed to satisfy constraint"],
  ])("makes causes that differ only in %s the same", (_what, a, b) => {
    expect(normaliseCause(a)).toBe(normaliseCause(b));
  });

  it("keeps the words a person recognises, and replaces the variable parts with named placeholders", () => {
    expect(normaliseCause("Order 12345 not found (Service: AmazonDynamoDBv2; Status Code: 400; Request ID: 7QK2; Proxy: null)")).toBe(
      "Order <n> not found (Service: AmazonDynamoDBv2; Status Code: <n>; Request ID: <id>; Proxy: null)",
    );
    expect(normaliseCause("User bob@example.com hit arn:aws:states:us-east-1:123456789012:stateMachine:orders at 2026-11-25T14:05:09Z")).toBe(
      "User <email> hit <arn> at <time>",
    );
  });

  it("groups Lambda errors by their message, not their stack trace", () => {
    const a = JSON.stringify({ errorMessage: "Card 4242 declined", errorType: "PaymentError", stackTrace: ["at charge (/var/task/index.js:10:7)"] });
    const b = JSON.stringify({ errorMessage: "Card 1881 declined", errorType: "PaymentError", stackTrace: ["at charge (/var/task/index.js:99:3)", "at x"] });
    expect(normaliseCause(a)).toBe("Card <n> declined");
    expect(normaliseCause(b)).toBe("Card <n> declined");
  });

  it("keeps different causes apart", () => {
    expect(normaliseCause("Order 1 not found")).not.toBe(normaliseCause("Order 1 was cancelled"));
    expect(normaliseCause("T1006: Attempted to invoke a non-function")).toContain("T1006");
  });

  it("collapses whitespace, leaves apostrophes in words alone, and handles empty or huge causes", () => {
    expect(normaliseCause("  doesn't   exist\n\tyet ")).toBe("doesn't exist yet");
    expect(normaliseCause(undefined)).toBe("");
    expect(normaliseCause("")).toBe("");
    expect(normaliseCause("{not json")).toBe("{not json");
    const huge = normaliseCause("x".repeat(300_000));
    expect(huge.length).toBeLessThanOrEqual(501);
  });
});

describe("normaliseCause on JSON causes", () => {
  it("keeps JSON keys and replaces the values", () => {
    expect(normaliseCause('{"Entries":[{"EventId":"ab12"}],"FailedEntryCount":1}')).toBe('{"Entries":[{"EventId":"<v>"}],"FailedEntryCount":<n>}');
  });

  it("uses an integration's ErrorMessage when there is one", () => {
    const cause = '{"Entries":[{"ErrorCode":"InvalidArgument","ErrorMessage":"Parameter Source is not valid."}],"FailedEntryCount":1}';
    expect(normaliseCause(cause)).toBe("Parameter Source is not valid.");
  });
});

describe("quoted input of any length", () => {
  const cause = (input: string) =>
    `An error occurred while executing the state 'NotifyCustomer' (entered at the event id #23). The JSONPath '$.customer.email' specified for the field 'Email.$' could not be found in the input '${input}'`;
  const order = (items: number, extra: string) =>
    JSON.stringify({ order: { id: `o-${extra}`, items: Array.from({ length: items }, (_, i) => ({ sku: `sku-${i}`, quantity: i + 1, note: extra })) }, payment: { transactionId: extra } });

  it("groups failures whose causes quote different, long inputs as one", () => {
    const keys = new Set([order(3, "a"), order(12, "bb"), order(40, "ccc"), order(400, "dddd")].map((input) => normaliseCause(cause(input))));
    expect(order(400, "dddd").length).toBeGreaterThan(2_000);
    expect([...keys]).toEqual([
      "An error occurred while executing the state '<v>' (entered at the event id #<n>). The JSONPath '<v>' specified for the field '<v>' could not be found in the input '<v>'",
    ]);
  });
});
