import { describe, expect, it } from "vitest";
import { decodeSearchCursor, encodeSearchCursor, flattenPayload, MAX_FIELDS_PER_PAYLOAD, parseMachineGlobs, parseSearchQuery, SearchCursorError, SearchQueryError } from "@/lib/search";

describe("the search query language", () => {
  it("reads a bare word as a name prefix and a bare ARN as an ARN prefix", () => {
    expect(parseSearchQuery("order-12")).toMatchObject({ namePrefix: "order-12" });
    expect(parseSearchQuery("arn:aws:states:us-east-1:123456789012:execution:orders:")).toMatchObject({
      arnPrefix: "arn:aws:states:us-east-1:123456789012:execution:orders:",
    });
  });

  it("combines status, machine, error, cause and a time range", () => {
    const q = parseSearchQuery('status:failed,timed-out machine:orders,etl error:States.* cause:"connection reset" from:2026-11-01 to:2026-11-02T12:00Z');
    expect(q.statuses).toEqual(["FAILED", "TIMED_OUT"]);
    expect(q.machines).toEqual(["orders", "etl"]);
    expect(q.error).toEqual({ value: "States.", prefix: true });
    expect(q.causeText).toBe("connection reset");
    expect(q.from).toBe(Date.UTC(2026, 10, 1));
    expect(q.to).toBe(Date.UTC(2026, 10, 2, 12));
  });

  it("keeps an exact error name exact, even with a quoted star", () => {
    expect(parseSearchQuery("error:States.Timeout").error).toEqual({ value: "States.Timeout", prefix: false });
    expect(parseSearchQuery('error:"Weird*"').error).toEqual({ value: "Weird*", prefix: false });
  });

  it("reads payload field equality with = or :, typing unquoted numbers and booleans as JSON", () => {
    const q = parseSearchQuery('input.customer.id = "c-123" output.total=42 input.items[0].sku:ab-1 input.express:true');
    expect(q.fields).toEqual([
      { side: "input", path: "customer.id", value: '"c-123"' },
      { side: "output", path: "total", value: "42" },
      { side: "input", path: "items.0.sku", value: '"ab-1"' },
      { side: "input", path: "express", value: "true" },
    ]);
    // Quoted digits stay a string: "42" in the payload is not 42.
    expect(parseSearchQuery('input.zip = "02134"').fields[0].value).toBe('"02134"');
  });

  it("reads free text in the input, the output or either", () => {
    expect(parseSearchQuery('input:acme output:"big refund" payload:x').texts).toEqual([
      { side: "input", text: "acme" },
      { side: "output", text: "big refund" },
      { side: "either", text: "x" },
    ]);
  });

  it("accepts quotes with escapes inside values", () => {
    expect(parseSearchQuery('cause:"said \\"no\\""').causeText).toBe('said "no"');
  });

  it.each([
    ["status:DONE", /unknown status "DONE"/],
    ["colour:red", /unknown search term "colour:"/],
    ['cause:"open', /never closed/],
    ["from:yesterday", /from: wants a date/],
    ["from:2026-11-02 to:2026-11-01", /from: must be before to:/],
    ["input.customer.id =", /needs a value/],
    ["= 3", /needs a payload field/],
    ["name:a name:b", /given twice/],
    ["status:", /status: needs a value/],
  ])("says what is wrong with %s", (source, message) => {
    expect(() => parseSearchQuery(source)).toThrow(SearchQueryError);
    expect(() => parseSearchQuery(source)).toThrow(message);
  });

  it("takes an empty query as everything", () => {
    expect(parseSearchQuery("   ")).toEqual({ fields: [], texts: [] });
  });
});

describe("the search cursor", () => {
  it("round-trips and refuses what it did not make", () => {
    const c = { startedAt: 1_790_000_000_000, arn: "arn:aws:states:us-east-1:123456789012:execution:orders:run-1" };
    expect(decodeSearchCursor(encodeSearchCursor(c))).toEqual(c);
    expect(() => decodeSearchCursor("not-a-cursor")).toThrow(SearchCursorError);
    expect(() => decodeSearchCursor(Buffer.from('[1.5,"arn:x"]').toString("base64url"))).toThrow(SearchCursorError);
  });
});

describe("payload indexing settings and flattening", () => {
  it("matches machine names against comma-separated globs", () => {
    const m = parseMachineGlobs("order-*, etl-?");
    expect(["order-intake", "etl-1"].map(m)).toEqual([true, true]);
    expect(["orders", "etl-12", "x.order-a"].map(m)).toEqual([false, false, false]);
    expect(parseMachineGlobs(undefined)("anything")).toBe(false);
  });

  it("flattens nested objects and arrays into dotted paths with JSON values", () => {
    expect(flattenPayload('{"customer":{"id":"c-123","vip":true},"items":[{"sku":"a","qty":2}],"note":null}').fields).toEqual([
      { path: "customer.id", value: '"c-123"' },
      { path: "customer.vip", value: "true" },
      { path: "items.0.sku", value: '"a"' },
      { path: "items.0.qty", value: "2" },
      { path: "note", value: "null" },
    ]);
  });

  it("bounds a huge payload and leaves non-JSON to free text", () => {
    const big = flattenPayload(JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]))));
    expect(big.fields).toHaveLength(MAX_FIELDS_PER_PAYLOAD);
    expect(big.truncated).toBe(true);
    expect(flattenPayload("not json").fields).toEqual([]);
  });
});
