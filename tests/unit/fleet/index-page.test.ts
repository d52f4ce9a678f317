import { describe, expect, it } from "vitest";
import type { ExecutionSummary } from "@/lib/contract/api";
import { isIndexCursor, pageOfIndex } from "@/lib/server/fleet/index-page";

const T = Date.UTC(2026, 10, 25, 12, 0, 0);
const exec = (i: number, status: ExecutionSummary["status"] = "SUCCEEDED", name = `order-${i}`): ExecutionSummary => ({
  arn: `arn:aws:states:us-east-1:1:execution:m:${name}`,
  name,
  stateMachineArn: "arn:m",
  status,
  startedAt: T - i * 1000,
});

describe("pages served from the index", () => {
  const list = Array.from({ length: 25 }, (_, i) => exec(i, i % 3 === 0 ? "FAILED" : "SUCCEEDED"));

  it("fills every page and ends without a cursor", () => {
    const first = pageOfIndex(list, { limit: 10 });
    expect(first.executions).toHaveLength(10);
    const second = pageOfIndex(list, { limit: 10, cursor: first.nextCursor });
    const third = pageOfIndex(list, { limit: 10, cursor: second.nextCursor });
    expect([...first.executions, ...second.executions, ...third.executions].map((e) => e.name)).toEqual(list.map((e) => e.name));
    expect(third.nextCursor).toBeUndefined();
    expect(isIndexCursor(first.nextCursor!)).toBe(true);
  });

  it("does not shift when executions start while a person pages", () => {
    const first = pageOfIndex(list, { limit: 10 });
    const grown = [exec(-2), exec(-1), ...list];
    const second = pageOfIndex(grown, { limit: 10, cursor: first.nextCursor });
    expect(second.executions[0].name).toBe("order-10");
  });

  it("filters by status and by name prefix (case-insensitive) on the server", () => {
    expect(pageOfIndex(list, { limit: 100, status: "FAILED" }).executions).toHaveLength(9);
    const named = [exec(1, "SUCCEEDED", "Refund-7"), ...list];
    expect(pageOfIndex(named, { limit: 100, name: "refund" }).executions.map((e) => e.name)).toEqual(["Refund-7"]);
    expect(pageOfIndex(list, { limit: 100, name: "order-1" }).executions.map((e) => e.name)).toEqual(["order-1", ...Array.from({ length: 10 }, (_, k) => `order-${10 + k}`)]);
  });

  it("refuses a cursor of another query", () => {
    const first = pageOfIndex(list, { limit: 5, status: "FAILED" });
    expect(() => pageOfIndex(list, { limit: 5, cursor: first.nextCursor })).toThrow(/another query/);
    expect(() => pageOfIndex(list, { limit: 5, cursor: "garbage" })).toThrow(/not one this server issued/);
  });
});

describe("failure records kept in memory", () => {
  it("keeps at most the given number, the oldest written going first", async () => {
    const { memoryFailureStore } = await import("@/lib/server/fleet/failure-ledger");
    const store = memoryFailureStore(2);
    store.set({ arn: "a", stateMachineArn: "m", startedAt: 0 }, { status: "FAILED" });
    store.set({ arn: "b", stateMachineArn: "m", startedAt: 0 }, { status: "FAILED" });
    store.set({ arn: "c", stateMachineArn: "m", startedAt: 0 }, { status: "FAILED" });
    expect(store.get("a")).toBeUndefined();
    expect(store.get("b")?.status).toBe("FAILED");
    expect(store.get("c")?.status).toBe("FAILED");
  });
});
