/** A walk's checkpoint survives the trip through the store's text column, infinities included. */
import { describe, expect, it } from "vitest";
import { completeFrom, decodeCheckpoint, encodeCheckpoint } from "@/lib/server/checkpoint-json";

describe("the stored checkpoint", () => {
  it("round-trips a fresh index's infinities and a partial walk's tasks", () => {
    const fresh = { newestStart: -Infinity, coveredFrom: Infinity, tasks: [] };
    expect(decodeCheckpoint(encodeCheckpoint(fresh))).toEqual({ ...fresh, refreshedAt: undefined, error: undefined });
    const partial = { newestStart: 5_000, coveredFrom: 1_000, tasks: [{ nextToken: "abc", stopBelow: 1_000, reachedStart: 3_000 }], refreshedAt: 6_000, error: "throttled" };
    expect(decodeCheckpoint(encodeCheckpoint(partial))).toEqual(partial);
  });

  it("says from when the store is complete, as the index's own rule does", () => {
    expect(completeFrom({ newestStart: -Infinity, coveredFrom: Infinity, tasks: [] })).toBeUndefined();
    expect(completeFrom({ newestStart: 5_000, coveredFrom: 1_000, tasks: [] })).toBe(1_000);
    // A stretch still to read above 1,000: complete only from where the walk reached.
    expect(completeFrom({ newestStart: 5_000, coveredFrom: 1_000, tasks: [{ nextToken: "t", stopBelow: 1_000, reachedStart: 3_000 }] })).toBe(3_000);
    // A walk cut off before reading anything of its stretch: nothing is known whole.
    expect(completeFrom({ newestStart: 5_000, coveredFrom: 1_000, tasks: [{ nextToken: "t", stopBelow: 1_000, reachedStart: Infinity }] })).toBeUndefined();
  });

  it("treats text it did not write as no checkpoint, so the walk starts over instead of trusting it", () => {
    expect(decodeCheckpoint("not json")).toBeUndefined();
    expect(decodeCheckpoint('{"v":2}')).toBeUndefined();
    expect(decodeCheckpoint('{"v":1,"newestStart":1,"coveredFrom":0,"tasks":[{"nextToken":5}]}')).toEqual({ newestStart: 1, coveredFrom: 0, tasks: [], refreshedAt: undefined, error: undefined });
  });
});
