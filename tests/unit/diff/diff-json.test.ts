import { describe, expect, it } from "vitest";
import { DIFF_SIZE_GATE_CHARS, diffJson } from "@/lib/diff";

describe("diffJson", () => {
  it("lists added, removed and changed paths with their values", () => {
    const result = diffJson(
      JSON.stringify({ order: { id: "o-1", total: 10, coupon: "X" }, status: "new" }),
      JSON.stringify({ order: { id: "o-1", total: 12 }, status: "paid", receipt: { url: "https://example.com/r" } }),
    );
    expect(result.status).toBe("changed");
    if (result.status !== "changed") return;
    expect(result.changes).toEqual([
      { path: "$.order.total", kind: "changed", before: 10, after: 12 },
      { path: "$.order.coupon", kind: "removed", before: "X" },
      { path: "$.status", kind: "changed", before: "new", after: "paid" },
      { path: "$.receipt", kind: "added", after: { url: "https://example.com/r" } },
    ]);
    expect(result.counts).toEqual({ added: 1, removed: 1, changed: 2, moved: 0 });
    expect(`${(result.changes[3].after as object).toString()}`).toBe("[object Object]");
  });

  it("addresses array items by index", () => {
    const result = diffJson('{"items":[{"sku":"a","qty":1},{"sku":"b","qty":2}]}', '{"items":[{"sku":"a","qty":1},{"sku":"b","qty":3},{"sku":"c","qty":1}]}');
    expect(result.status === "changed" && result.changes).toEqual([
      { path: "$.items[1].qty", kind: "changed", before: 2, after: 3 },
      { path: "$.items[2]", kind: "added", after: { sku: "c", qty: 1 } },
    ]);
  });

  it("reports an item that moved, matched by its id, as moved rather than changed everywhere", () => {
    const result = diffJson('[{"id":"x","v":1},{"id":"y","v":2}]', '[{"id":"y","v":2},{"id":"x","v":1}]');
    expect(result.status).toBe("changed");
    if (result.status !== "changed") return;
    expect(result.changes).toEqual([{ path: "$[1]", kind: "moved", movedTo: "$[0]" }]);
    expect(result.counts.moved).toBe(1);
  });

  it("quotes keys that are not identifiers", () => {
    const result = diffJson('{"a b":1}', '{"a b":2}');
    expect(result.status === "changed" && result.changes[0].path).toBe('$["a b"]');
  });

  it("says when the two sides are identical", () => {
    expect(diffJson('{"a":[1,2,{"b":null}]}', '{ "a": [1, 2, {"b": null}] }')).toEqual({ status: "identical", changes: [], counts: { added: 0, removed: 0, changed: 0, moved: 0 } });
  });

  it("compares non-JSON text as text, with a clear message", () => {
    const result = diffJson("hello", '{"a":1}');
    expect(result.status).toBe("not-json");
    if (result.status !== "not-json") return;
    expect(result.message).toMatch(/before payload is not JSON/);
    expect(result.changes).toEqual([{ path: "$", kind: "changed", before: "hello", after: '{"a":1}' }]);
  });

  it("says a truncated payload was truncated", () => {
    const result = diffJson('{"a":1}', '{"a":1,"b":"xxxx', { afterTruncated: true });
    expect(result.status === "not-json" && result.message).toMatch(/after payload was truncated/);
  });

  it("recognises a cut-off payload even without the flag", () => {
    const result = diffJson('{"a":[1,2', '{"a":[1,2]}');
    expect(result.status === "not-json" && result.message).toMatch(/looks cut off/);
  });

  it("treats a missing side as everything added or removed", () => {
    expect(diffJson(undefined, '{"a":1}')).toMatchObject({ status: "changed", changes: [{ path: "$", kind: "added", after: { a: 1 } }] });
    expect(diffJson('{"a":1}', undefined)).toMatchObject({ status: "changed", changes: [{ path: "$", kind: "removed", before: { a: 1 } }] });
    expect(diffJson(undefined, undefined).status).toBe("empty");
  });

  it("diffs huge inputs only when asked", () => {
    const big = JSON.stringify({ blob: "x".repeat(DIFF_SIZE_GATE_CHARS) });
    const gated = diffJson(big, '{"blob":"y"}');
    expect(gated.status).toBe("too-large");
    expect(gated.status === "too-large" && gated.message).toMatch(/above the 256 KB/);
    const forced = diffJson(big, '{"blob":"y"}', { force: true });
    expect(forced.status === "changed" && forced.changes.map((c) => c.path)).toEqual(["$.blob"]);
  });

  it("diffs payload keys that share a name with object built-ins", () => {
    const result = diffJson('{"valueOf":null,"constructor":1}', '{"toString":"x"}');
    expect(result.status === "changed" && result.changes.map((c) => [c.path, c.kind])).toEqual([
      ["$.valueOf", "removed"],
      ["$.constructor", "removed"],
      ["$.toString", "added"],
    ]);
  });

  it("does not call payloads identical when only a __proto__ key differs", () => {
    const result = diffJson('{"__proto__":{"admin":true}}', "{}");
    expect(result.status).toBe("not-json");
    expect(result.status === "not-json" && result.message).toMatch(/__proto__/);
  });
});
