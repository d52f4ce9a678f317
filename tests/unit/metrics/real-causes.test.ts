import { describe, expect, it } from "vitest";
import { groupErrors } from "@/lib/metrics/error-groups";
import { normaliseCause } from "@/lib/metrics/normalise-cause";
import fixture from "../../fixtures/metrics/real-causes.json";
import { NOW } from "./helpers";

const causes = fixture.causes;

describe("error groups on causes recorded against AWS", () => {
  it("groups the two Wait-state failures that differ only in the number given", () => {
    const waits = causes.filter((c) => c.cause.includes("cannot be parsed as a long value"));
    expect(waits).toHaveLength(2);
    expect(waits[0].cause).not.toBe(waits[1].cause);
    expect(normaliseCause(waits[0].cause)).toBe(normaliseCause(waits[1].cause));
  });

  it("keeps the different real failures in different groups", () => {
    const failures = causes.map((c, i) => ({ executionArn: `arn:aws:states:us-east-1:123456789012:execution:m:e${i}`, at: NOW - i * 1_000, state: "S", error: c.error ?? undefined, cause: c.cause }));
    expect(groupErrors(failures, "1h", NOW)).toHaveLength(causes.length - 1);
  });

  it("keeps what says what went wrong", () => {
    const dynamo = causes.find((c) => c.error === "DynamoDB.AmazonDynamoDBException")!;
    expect(normaliseCause(dynamo.cause)).toContain("validation error detected: Value null at '<v>' failed to satisfy constraint");
  });
});
