import { describe, expect, it } from "vitest";
import { applyResultPath, readPath, resolveTemplate, selectPath, StatesError } from "@/mocks/sim/jsonpath";
import { retryDelayMs } from "@/mocks/sim/retry";
import { ruleMatches } from "@/mocks/sim/choice";

const input = { order: { id: "ORD-1", lines: [{ sku: "A" }, { sku: "B" }] }, total: 12.5 };
const context = { Map: { Item: { Index: 3, Value: { key: "k" } } } };

describe("ASL data flow", () => {
  it("reads paths into objects, arrays and the context object", () => {
    expect(readPath("$", input, context)).toBe(input);
    expect(readPath("$.order.lines[1].sku", input, context)).toBe("B");
    expect(readPath("$['total']", input, context)).toBe(12.5);
    expect(readPath("$$.Map.Item.Value.key", input, context)).toBe("k");
  });

  it("a missing path is a States.Runtime error that names the path", () => {
    expect(() => readPath("$.order.customer", input, context)).toThrow(StatesError);
    expect(() => readPath("$.order.customer", input, context)).toThrow(/\$\.order\.customer/);
  });

  it("Parameters take `.$` keys from the input and keep the rest literally", () => {
    expect(resolveTemplate({ "id.$": "$.order.id", fixed: { a: 1 }, "index.$": "$$.Map.Item.Index" }, input, context)).toEqual({
      id: "ORD-1",
      fixed: { a: 1 },
      index: 3,
    });
  });

  it("ResultPath merges the result without changing the input it was given", () => {
    const before = JSON.stringify(input);
    expect(applyResultPath("$.payment.result", input, { ok: true })).toEqual({ ...input, payment: { result: { ok: true } } });
    expect(applyResultPath(null, input, { ok: true })).toBe(input);
    expect(applyResultPath(undefined, input, 7)).toBe(7);
    expect(JSON.stringify(input)).toBe(before);
    expect(selectPath(null, input, context)).toEqual({});
  });

  it("back-off follows IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds", () => {
    const retrier = { ErrorEquals: ["X"], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 };
    expect([0, 1, 2, 3].map((n) => retryDelayMs(retrier, n, () => 0.5))).toEqual([2000, 6000, 10000, 10000]);
    expect(retryDelayMs({ ...retrier, JitterStrategy: "FULL" }, 1, () => 0.25)).toBe(1500);
  });

  it("Choice rules compare values and combine with And/Not", () => {
    expect(ruleMatches({ Variable: "$.total", NumericGreaterThan: 10 }, input, context)).toBe(true);
    expect(ruleMatches({ And: [{ Variable: "$.order.id", StringEquals: "ORD-1" }, { Not: { Variable: "$.total", NumericLessThan: 5 } }] }, input, context)).toBe(true);
    expect(ruleMatches({ Variable: "$.nope", IsPresent: false }, input, context)).toBe(true);
  });
});
